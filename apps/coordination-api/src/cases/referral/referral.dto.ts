import { caseCommandBody } from '../dto/body';
import { OVERRIDE_DOCS } from '../dto/sharing';

/** The recipient's agency type comes from the unit registry. */
export class SendReferralDto extends caseCommandBody('SendReferral', ['referralId', 'toAgencyType'], {
  ...OVERRIDE_DOCS,
  toUnitId: { description: 'A unit of the registry', example: 'uptd-ppa-nunukan' },
  dueBy: { description: 'When an answer is due; must be in the future', example: '2026-02-17T09:00:00+08:00' },
}) {}

export class AcceptReferralDto extends caseCommandBody('AcceptReferral', ['referralId']) {}
export class DeclineReferralDto extends caseCommandBody('DeclineReferral', ['referralId']) {}
export class CompleteReferralDto extends caseCommandBody('CompleteReferral', ['referralId']) {}
export class WithdrawReferralDto extends caseCommandBody('WithdrawReferral', ['referralId']) {}
