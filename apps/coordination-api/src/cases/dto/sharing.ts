import { CaseCommandDto } from './case-command.dto';
import { LEGAL_BASES } from '@tppo/case-domain';
import { EnumField, TextField } from './fields';

/** Given instead of a consent when the law allows sharing without one (then both are required). */
export class SharingOverrideDto extends CaseCommandDto {
  @EnumField(LEGAL_BASES, { optional: true, description: 'The law that allows sharing without consent; requires a justification' }) legalBasis?: (typeof LEGAL_BASES)[number];
  @TextField({ optional: true, description: 'Why the legal basis applies; requires legalBasis' }) justification?: string;
}
