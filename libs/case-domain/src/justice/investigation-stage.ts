import type { Investigation, OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

type Stage = Investigation['stage'];
export type InvestigationAt<S extends Stage> = Extract<Investigation, { stage: S }>;

/** Stages in which the investigator still works the file (before P-21, not stopped by SP3). */
export const INVESTIGATING_STAGES = ['investigating', 'file_under_review', 'file_returned'] as const satisfies readonly Stage[];

export const isAt = <S extends Stage>(inv: Investigation, stages: readonly S[]): inv is InvestigationAt<S> => (stages as readonly Stage[]).includes(inv.stage);

export const requireInvestigating = (state: OpenCaseState): InvestigationAt<(typeof INVESTIGATING_STAGES)[number]> => {
  const inv = state.investigation;
  if (isAt(inv, INVESTIGATING_STAGES)) return inv;
  if (inv.stage === 'none' || inv.stage === 'terminated') return fail('INVESTIGATION_NOT_OPEN', `No investigation is open on case ${state.caseId}`);
  return fail('CASE_FILE_ALREADY_COMPLETE', `The case file of ${state.caseId} was declared complete (P-21)`);
};

/** The prosecutor unit holding the case file is the only one that may rule on it. */
export const requireFileHolder = (inv: { readonly prosecutorUnitId: string }, unitId: string): void => {
  if (inv.prosecutorUnitId !== unitId) fail('NOT_FILE_HOLDER', `The case file is held by ${inv.prosecutorUnitId}`);
};
