import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { referralOf, requireAddressee } from './referral-of';

export const acceptReferral = ({ data, metadata }: CaseCommandOf<'AcceptReferral'>, state: OpenCaseState): CaseEvent[] => {
  const referral = referralOf(state, data.referralId);
  requireAddressee(referral, metadata.actor.unitId);
  if (referral.status === 'accepted') return [];
  if (referral.status !== 'pending') fail('REFERRAL_NOT_PENDING', `Referral ${data.referralId} is ${referral.status}`);
  return [caseEvent('ReferralAccepted', { caseId: data.caseId, referralId: data.referralId, acceptedAt: actedAt(metadata) })];
};
