import type { ReferralStatus } from '../case.state';
import type { ExistingCaseState } from '../case.state';
import { change, put, unchanged, type Evolvers } from '../shared/evolvers';
import type { REFERRAL_EVENTS } from './referral.events';

const answered = (s: ExistingCaseState, referralId: string, status: ReferralStatus): ExistingCaseState => ({
  ...s,
  referrals: change(s.referrals, referralId, (r) => ({ ...r, status })),
});

export const referralEvolvers: Evolvers<keyof typeof REFERRAL_EVENTS> = {
  ReferralSent: (s, { data: d }) => ({
    ...s,
    referrals: put(s.referrals, d.referralId, {
      referralId: d.referralId,
      fromUnitId: d.fromUnitId,
      toUnitId: d.toUnitId,
      toAgencyType: d.toAgencyType,
      purpose: d.purpose,
      status: 'pending',
    }),
  }),
  ReferralAccepted: (s, event) => answered(s, event.data.referralId, 'accepted'),
  ReferralDeclined: (s, event) => answered(s, event.data.referralId, 'declined'),
  ReferralCompleted: (s, event) => answered(s, event.data.referralId, 'completed'),
  ReferralWithdrawn: (s, event) => answered(s, event.data.referralId, 'withdrawn'),
  ConsentOverrideRecorded: unchanged,
};
