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
  validate = (value: unknown): boolean => {
    const keys = Object.keys(value as object);
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
