import type { ExistingCaseState } from '../case.state';
import { change, unchanged, type Evolvers } from '../shared/evolvers';
import type { CLOSURE_EVENTS } from './closure.events';
import type { CORRECTION_EVENTS } from './correctable-events';

export const closureEvolvers: Evolvers<keyof typeof CLOSURE_EVENTS | keyof typeof CORRECTION_EVENTS> = {
  CaseClosed: (s, event) => ({ ...s, status: 'closed', closedAt: event.data.closedAt }),
  CaseReopened: (s) => {
    const { closedAt: _closedAt, ...record } = s as Extract<ExistingCaseState, { status: 'closed' }>;
    return { ...record, status: 'open' };
  },
  VictimRegisteredCorrected: (s, event) => {
    const ref = s.events.get(event.data.correctsEventId)?.subjectRef;
    const { identity, isChild } = event.data.corrected;
    if (ref === undefined) return s;
    return {
      ...s,
      victims: change(s.victims, ref, (v) => ({ ...v, ...(identity !== undefined ? { identity } : {}), ...(isChild !== undefined ? { isChild } : {}) })),
      subjects: identity !== undefined ? change(s.subjects, ref, (x) => ({ ...x, identity })) : s.subjects,
    };
  },
  // The other corrections amend facts the rules do not read.
  CaseOpenedCorrected: unchanged,
  RiskAssessedCorrected: unchanged,
  PoliceReportRegisteredCorrected: unchanged,
  HearingHeldCorrected: unchanged,
  RestitutionAssessedCorrected: unchanged,
};
