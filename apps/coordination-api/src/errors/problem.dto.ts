import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

class FieldErrorDto {
  @ApiProperty({ example: 'regionCode' }) field!: string;
  @ApiProperty({ type: String, isArray: true, example: ['regionCode must be a region code NN or NN.NN'] }) messages!: string[];
}

/** RFC 9457 problem details as documented in OpenAPI; the shape `toProblem` produces. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:tppo:problem:consent-required' }) type!: string;
  @ApiProperty({ example: 'Conflict with the case rules' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({ description: 'Stable code per rule; clients branch on it', example: 'CONSENT_REQUIRED' }) code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: 'urn:tppo:request:<request id>, as in the logs' }) instance?: string;
  @ApiPropertyOptional({ type: FieldErrorDto, isArray: true }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The body, a parameter or a header is invalid (field-level messages in `errors`)',
  401: 'No valid bearer token',
  403: "The caller's agency type or unit may not issue this command",
  404: 'No such case, or the caller does not take part in it (indistinguishable)',
  409: 'A case rule forbids this now (`code` names the rule) or the case kept changing',
  412: 'If-Match names a revision the case is no longer at',
  413: 'The body is larger than allowed',
  415: 'The body is not application/json',
  422: 'The Idempotency-Key was already used for a different request',
  429: 'Too many requests; see Retry-After',
  503: 'A store is not available',
};

/** Documents the problem+json answers a route can give. */
export const ApiProblems = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );
