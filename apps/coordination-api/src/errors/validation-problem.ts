import type { ValidationError } from 'class-validator';
import { type FieldError, ProblemException } from './problem';

const flatten = (errors: readonly ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

/** Field-level messages for a body that fails its DTO; unknown fields are named, not dropped. */
export const validationProblem = (errors: ValidationError[]): ProblemException =>
  new ProblemException(400, 'VALIDATION_FAILED', 'The request is not valid', 'One or more fields are invalid', flatten(errors));
