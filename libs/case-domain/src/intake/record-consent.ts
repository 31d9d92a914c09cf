import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail, victimOf } from '../shared/guards';

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Consent is specific (UU 27/2022 art. 22): recipients x purposes x data categories, with an optional
 * expiry. For a child it is the appointed guardian's consent, not the child's.
 */
export const recordConsent = ({ data, metadata }: CaseCommandOf<'RecordConsent'>, state: OpenCaseState): CaseEvent[] => {
  const victim = victimOf(state, data.subjectRef);

  const earlier = state.consents.get(data.consentId);
  if (earlier) {
    const same =
      earlier.subjectRef === data.subjectRef &&
      earlier.expiresAt === data.expiresAt &&
      sameList(earlier.purposes, data.purposes) &&
      sameList(earlier.recipientAgencyTypes, data.recipientAgencyTypes) &&
      sameList(earlier.recipientUnitIds, data.recipientUnitIds);
    return same ? [] : fail('ID_REUSED', `Consent ${data.consentId} already records a different consent`);
  }

  if (victim.isChild && data.givenBy !== 'GUARDIAN') {
    fail('CHILD_CONSENT_REQUIRES_GUARDIAN', `Victim ${data.subjectRef} is a child: consent is given by the appointed guardian`);
  }
  if (data.guardianRef !== undefined && !victim.guardianRefs.includes(data.guardianRef)) {
    fail('GUARDIAN_NOT_APPOINTED', `${data.guardianRef} is not an appointed guardian of ${data.subjectRef}`);
  }
  if (data.expiresAt !== undefined && Date.parse(data.expiresAt) <= Date.parse(actedAt(metadata))) {
    fail('CONSENT_ALREADY_EXPIRED', `Consent ${data.consentId} would expire at ${data.expiresAt}, before now`);
  }
  return [
    caseEvent('ConsentRecorded', {
      caseId: data.caseId,
      consentId: data.consentId,
      subjectRef: data.subjectRef,
      givenBy: data.givenBy,
      guardianRef: data.guardianRef,
      recipientAgencyTypes: [...data.recipientAgencyTypes],
      recipientUnitIds: [...data.recipientUnitIds],
      purposes: [...data.purposes],
      dataCategories: [...data.dataCategories],
      expiresAt: data.expiresAt,
      recordedAt: actedAt(metadata),
    }),
  ];
};
