import { CaseCommandDto } from '../dto/case-command.dto';
import { IdField, TextField } from '../dto/fields';
import { SharingOverrideDto } from '../dto/sharing';

/** The receiving unit's agency type comes from the unit registry. */
export class ProposeLeadHandoffDto extends SharingOverrideDto {
  @IdField({ description: 'A unit of the registry', example: 'uptd-ppa-nunukan' }) toUnitId!: string;
  @TextField() reason!: string;
}

export class AcceptLeadHandoffDto extends CaseCommandDto {}

export class DeclineLeadHandoffDto extends CaseCommandDto {
  @TextField() reason!: string;
}

/** Issued by the unit that now has the person; `fromUnitId` handed them over. */
export class RecordCustodyTransferDto extends CaseCommandDto {
  @IdField() fromUnitId!: string;
}
