import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { claimSubjectRef, fail, victimOf } from '../shared/guards';

/** A child cannot consent alone (Law 35/2014): the guardian is the one who gives or refuses consent. */
export const appointGuardian = ({ data, metadata }: CaseCommandOf<'AppointGuardian'>, state: OpenCaseState): CaseEvent[] => {
  const victim = victimOf(state, data.victimRef);
  if (!victim.isChild) fail('VICTIM_NOT_A_CHILD', `Victim ${data.victimRef} is not a child; an adult consents for themself`);
  if (claimSubjectRef(state, data.guardianRef, 'GUARDIAN', data.identity) === 'same') {
    if (victim.guardianRefs.includes(data.guardianRef)) return [];
  }
  return [
    caseEvent('GuardianAppointed', {
      caseId: data.caseId,
      victimRef: data.victimRef,
      guardianRef: data.guardianRef,
      identity: data.identity,
      relationship: data.relationship,
      appointedAt: actedAt(metadata),
    }),
  ];
};
