import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { referralOf } from './referral-of';

/** Only the sender withdraws; the recipient loses access on its next request. */
export const withdrawReferral = ({ data, metadata }: CaseCommandOf<'WithdrawReferral'>, state: OpenCaseState): CaseEvent[] => {
  const referral = referralOf(state, data.referralId);
  if (referral.fromUnitId !== metadata.actor.unitId) fail('NOT_SENDING_UNIT', `Referral ${data.referralId} was sent by ${referral.fromUnitId}`);
  if (referral.status === 'withdrawn') return [];
  if (referral.status !== 'pending' && referral.status !== 'accepted') fail('REFERRAL_NOT_ACTIVE', `Referral ${data.referralId} is ${referral.status}`);
  return [caseEvent('ReferralWithdrawn', { caseId: data.caseId, referralId: data.referralId, reason: data.reason, withdrawnAt: actedAt(metadata) })];
};
