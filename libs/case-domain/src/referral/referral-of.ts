import type { OpenCaseState, Referral } from '../case.state';
import { fail } from '../shared/guards';

export const referralOf = (state: OpenCaseState, referralId: string): Referral =>
  state.referrals.get(referralId) ?? fail('REFERRAL_NOT_FOUND', `No referral ${referralId} on case ${state.caseId}`);

/** Only the unit a referral is addressed to answers it. */
export const requireAddressee = (referral: Referral, unitId: string): void => {
  if (referral.toUnitId !== unitId) fail('NOT_ADDRESSED_UNIT', `Referral ${referral.referralId} is addressed to ${referral.toUnitId}`);
};
