import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

/** The LP (laporan polisi): under Law 20/2025 an unanswered report is evidence of undue delay. */
export const registerPoliceReport = ({ data, metadata }: CaseCommandOf<'RegisterPoliceReport'>, state: OpenCaseState): CaseEvent[] => {
  if (state.policeReportNumber === data.reportNumber) return [];
  if (state.policeReportNumber !== undefined) fail('POLICE_REPORT_ALREADY_REGISTERED', `Police report ${state.policeReportNumber} is already registered`);
  return [
    caseEvent('PoliceReportRegistered', {
      caseId: data.caseId,
      reportNumber: data.reportNumber,
      reportKind: data.reportKind,
      reportedOn: data.reportedOn,
      policeUnitId: metadata.actor.unitId,
      registeredAt: actedAt(metadata),
    }),
  ];
};
