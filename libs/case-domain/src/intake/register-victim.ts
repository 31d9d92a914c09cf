import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { claimSubjectRef, fail } from '../shared/guards';
import { ageBandOf, ageOn, isChildBand } from './age';

/** The birth date derives the child flag and the age band, then is dropped: it never reaches an event. */
export const registerVictim = ({ data, metadata }: CaseCommandOf<'RegisterVictim'>, state: OpenCaseState): CaseEvent[] => {
  if (claimSubjectRef(state, data.subjectRef, 'VICTIM', data.identity) === 'same') return [];
  let ageBand = data.ageBand ?? 'UNKNOWN';
  if (data.birthDate !== undefined) {
    const age = ageOn(data.birthDate, actedAt(metadata));
    // Relative to the clock, like a referral's due date: a rule of the moment (409), not a malformed body.
    if (age < 0) fail('BIRTH_DATE_IN_FUTURE', `birthDate ${data.birthDate} is after now`);
    ageBand = ageBandOf(age);
  }
  return [
    caseEvent('VictimRegistered', {
      caseId: data.caseId,
      subjectRef: data.subjectRef,
      identity: data.identity,
      sex: data.sex,
      nationality: data.nationality,
      originRegionCode: data.originRegionCode,
      ageBand,
      isChild: isChildBand(ageBand),
      registeredAt: actedAt(metadata),
    }),
  ];
};
