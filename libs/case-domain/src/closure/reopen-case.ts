import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { ClosedCaseState } from '../case.state';
import { fail } from '../shared/guards';

/** Police and service units that took part may reopen (new evidence, a returning victim), as may the last lead. */
const MAY_REOPEN_WITHOUT_LEADING: readonly string[] = ['POLICE', 'SERVICE_UNIT'];

export const reopenCase = ({ data, metadata }: CaseCommandOf<'ReopenCase'>, state: ClosedCaseState): CaseEvent[] => {
  const { unitId, agencyType } = metadata.actor;
  if (state.leadUnitId !== unitId && !MAY_REOPEN_WITHOUT_LEADING.includes(agencyType)) {
    fail('REOPEN_NOT_ALLOWED', `Only the last lead ${state.leadUnitId} or a police or service unit that took part may reopen`);
  }
  return [caseEvent('CaseReopened', { caseId: data.caseId, reason: data.reason, leadUnitId: state.leadUnitId, reopenedAt: actedAt(metadata) })];
};
