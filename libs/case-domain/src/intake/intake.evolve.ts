import { change, put, unchanged, type Evolvers } from '../shared/evolvers';
import type { INTAKE_EVENTS } from './intake.events';

export const intakeEvolvers: Evolvers<keyof typeof INTAKE_EVENTS> = {
  // The first event builds the case (evolveCase); a second one changes nothing.
  CaseOpened: unchanged,
  VictimRegistered: (s, { data: { subjectRef, identity, isChild } }) => ({
    ...s,
    victims: put(s.victims, subjectRef, { subjectRef, identity, isChild, guardianRefs: [] }),
    subjects: put(s.subjects, subjectRef, { role: 'VICTIM', identity }),
  }),
  GuardianAppointed: (s, { data: { victimRef, guardianRef, identity } }) => ({
    ...s,
    victims: change(s.victims, victimRef, (v) => ({ ...v, guardianRefs: [...v.guardianRefs, guardianRef] })),
    subjects: put(s.subjects, guardianRef, { role: 'GUARDIAN', identity }),
  }),
  ConsentRecorded: (s, { data: d }) => ({
    ...s,
    consents: put(s.consents, d.consentId, {
      consentId: d.consentId,
      subjectRef: d.subjectRef,
      recipientAgencyTypes: d.recipientAgencyTypes,
      recipientUnitIds: d.recipientUnitIds,
      purposes: d.purposes,
      ...(d.expiresAt !== undefined ? { expiresAt: d.expiresAt } : {}),
      withdrawn: false,
    }),
  }),
  ConsentWithdrawn: (s, event) => ({ ...s, consents: change(s.consents, event.data.consentId, (k) => ({ ...k, withdrawn: true })) }),
  VictimStatusDetermined: unchanged,
  RiskAssessed: unchanged,
};
