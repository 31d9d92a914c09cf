import { CaseCommandDto } from '../dto/case-command.dto';
import { SHARING_PURPOSES, URGENCIES } from '@tppo/case-domain';
import { DateTimeField, EnumField, IdField, TextField } from '../dto/fields';
import { SharingOverrideDto } from '../dto/sharing';

/** The recipient's agency type comes from the unit registry. */
export class SendReferralDto extends SharingOverrideDto {
  @IdField({ description: 'A unit of the registry', example: 'uptd-ppa-nunukan' }) toUnitId!: string;
  @EnumField(SHARING_PURPOSES) purpose!: (typeof SHARING_PURPOSES)[number];
  @EnumField(URGENCIES) urgency!: (typeof URGENCIES)[number];
  @DateTimeField({ description: 'When an answer is due; must be in the future' }) dueBy!: string;
}

export class AcceptReferralDto extends CaseCommandDto {}

export class DeclineReferralDto extends CaseCommandDto {
  @TextField() reason!: string;
}

export class CompleteReferralDto extends CaseCommandDto {
  @TextField({ optional: true }) outcome?: string;
}

export class WithdrawReferralDto extends CaseCommandDto {
  @TextField() reason!: string;
}
