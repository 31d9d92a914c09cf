import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { requireInvestigating } from './investigation-stage';

/**
 * SPDP: stops the notice clock. Sending it is the investigator's legal duty, so it needs no consent,
 * and it opens the prosecutor's file on the case: the prosecutor unit takes part from now on.
 */
export const sendInvestigationNotice = ({ data, metadata }: CaseCommandOf<'SendInvestigationNotice'>, state: OpenCaseState): CaseEvent[] => {
  const inv = requireInvestigating(state);
  if (inv.noticeSent) fail('INVESTIGATION_NOTICE_ALREADY_SENT', `The SPDP of case ${state.caseId} was already sent`);
  if (data.prosecutorAgencyType !== 'PROSECUTOR') fail('WRONG_RECIPIENT_TYPE', `${data.prosecutorUnitId} is ${data.prosecutorAgencyType}, not PROSECUTOR`);
  return [
    caseEvent('InvestigationNoticeSent', {
      caseId: data.caseId,
      noticeNumber: data.noticeNumber,
      prosecutorUnitId: data.prosecutorUnitId,
      victimNotified: data.victimNotified,
      sentAt: actedAt(metadata),
    }),
  ];
};
