import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

export const requireRestitutionDue = (state: OpenCaseState): { amount: number; paid: number } => {
  const inv = state.investigation;
  if (inv.stage === 'verdict' && inv.restitution.status === 'due') return inv.restitution;
  return fail('RESTITUTION_NOT_DUE', `No ordered restitution is outstanding on case ${state.caseId}`);
};
