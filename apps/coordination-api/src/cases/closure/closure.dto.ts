import { CaseCommandDto } from '../dto/case-command.dto';
import { ApiProperty } from '@nestjs/swagger';
import { CLOSURE_OUTCOMES, CORRECTABLE_FIELDS } from '@tppo/case-domain';
import { IsObject, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { EnumField, TextField } from '../dto/fields';

export class CloseCaseDto extends CaseCommandDto {
  @EnumField(CLOSURE_OUTCOMES) outcome!: (typeof CLOSURE_OUTCOMES)[number];
  @TextField() reason!: string;
}

export class ReopenCaseDto extends CaseCommandDto {
  @TextField() reason!: string;
}

/** Every field some correctable event type lets a correction change; which ones apply depends on the event. */
const CORRECTABLE_FIELD_NAMES = [...new Set(Object.values(CORRECTABLE_FIELDS).flatMap((fields) => Object.keys(fields)))].sort();

@ValidatorConstraint({ name: 'correctedFields' })
class CorrectedFieldsConstraint implements ValidatorConstraintInterface {
  // Runs even when the field is missing (IsObject reports that too): a missing map is just invalid.
  validate = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    return keys.length > 0 && keys.every((key) => CORRECTABLE_FIELD_NAMES.includes(key));
  };
  defaultMessage = (): string => `$property must name at least one of ${CORRECTABLE_FIELD_NAMES.join(', ')}`;
}

/** Which of these fields may change depends on the original event's type; the case domain checks that. */
export class CorrectEventDto extends CaseCommandDto {
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(CORRECTABLE_FIELD_NAMES.map((name) => [name, {}])),
    additionalProperties: false,
    minProperties: 1,
    example: { sex: 'FEMALE' },
  } as never)
  @IsObject()
  @Validate(CorrectedFieldsConstraint)
  corrected!: Record<string, unknown>;
  @TextField() reason!: string;
}
