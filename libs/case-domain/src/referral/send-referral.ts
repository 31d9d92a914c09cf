import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { actingUnit } from '../shared/actor';
import { decideSharing } from '../shared/consent';
import { fail, requireOtherParticipantUnit } from '../shared/guards';

/** A referral shares the case; it does not change who leads it. */
export const sendReferral = ({ data, metadata }: CaseCommandOf<'SendReferral'>, state: OpenCaseState): CaseEvent[] => {
  const from = actingUnit(metadata);

  // A retried request must not fail on its own first copy.
  const earlier = state.referrals.get(data.referralId);
  if (earlier?.toUnitId === data.toUnitId && earlier.fromUnitId === from.unitId && earlier.purpose === data.purpose) return [];
  if (earlier) fail('REFERRAL_ID_REUSED', `Referral ${data.referralId} went to ${earlier.toUnitId}`);

  requireOtherParticipantUnit(from.unitId, data.toUnitId, data.toAgencyType);
  const duplicate = [...state.referrals.values()].find((r) => r.status === 'pending' && r.toUnitId === data.toUnitId && r.purpose === data.purpose);
  if (duplicate) fail('DUPLICATE_REFERRAL', `Referral ${duplicate.referralId} to ${data.toUnitId} for ${data.purpose} is still pending`);
  if (Date.parse(data.dueBy) <= Date.parse(actedAt(metadata))) fail('DUE_DATE_IN_PAST', `dueBy ${data.dueBy} is not after now`);

  const sharing = decideSharing(state, {
    caseId: data.caseId,
    shareKind: 'REFERRAL',
    shareId: data.referralId,
    to: { unitId: data.toUnitId, agencyType: data.toAgencyType },
    purpose: data.purpose,
    legalBasis: data.legalBasis,
    justification: data.justification,
    now: actedAt(metadata),
  });
  return [
    ...sharing.override,
    caseEvent('ReferralSent', {
      caseId: data.caseId,
      referralId: data.referralId,
      fromUnitId: from.unitId,
      toUnitId: data.toUnitId,
      toAgencyType: data.toAgencyType,
      purpose: data.purpose,
      urgency: data.urgency,
      dueBy: data.dueBy,
      sentAt: actedAt(metadata),
      ...sharing.basis,
    }),
  ];
};
