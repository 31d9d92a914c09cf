import { ApiProperty } from '@nestjs/swagger';
import { CLOSURE_OUTCOMES } from '@tppo/case-domain';
import { IsObject, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { EnumField, TextField } from '../dto/fields';

export class CloseCaseDto {
  @EnumField(CLOSURE_OUTCOMES) outcome!: string;
  @TextField() reason!: string;
}

export class ReopenCaseDto {
  @TextField() reason!: string;
}

const MAX_CORRECTED_FIELDS = 20;

@ValidatorConstraint({ name: 'correctedFields' })
class CorrectedFieldsConstraint implements ValidatorConstraintInterface {
  // Runs even when the field is missing (IsObject reports that too): a missing map is just invalid.
  validate = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    return keys.length > 0 && keys.length <= MAX_CORRECTED_FIELDS;
  };
  defaultMessage = (): string => `$property must name 1 to ${MAX_CORRECTED_FIELDS} fields`;
}

/** Which fields may change depends on the original event's type; the case domain checks them. */
export class CorrectEventDto {
  @ApiProperty({ type: 'object', additionalProperties: true, minProperties: 1, maxProperties: MAX_CORRECTED_FIELDS, example: { sex: 'FEMALE' } } as never)
  @IsObject()
  @Validate(CorrectedFieldsConstraint)
  corrected!: Record<string, unknown>;
  @TextField() reason!: string;
}
