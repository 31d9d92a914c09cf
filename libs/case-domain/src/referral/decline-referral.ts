import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { referralOf, requireAddressee } from './referral-of';

/** Declining ends the addressee's participation (unless it takes part otherwise) on its next request. */
export const declineReferral = ({ data, metadata }: CaseCommandOf<'DeclineReferral'>, state: OpenCaseState): CaseEvent[] => {
  const referral = referralOf(state, data.referralId);
  requireAddressee(referral, metadata.actor.unitId);
  if (referral.status === 'declined') return [];
  if (referral.status !== 'pending') fail('REFERRAL_NOT_PENDING', `Referral ${data.referralId} is ${referral.status}`);
  return [caseEvent('ReferralDeclined', { caseId: data.caseId, referralId: data.referralId, reason: data.reason, declinedAt: actedAt(metadata) })];
};
