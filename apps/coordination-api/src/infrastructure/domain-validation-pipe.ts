import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { problemsOf } from '@tppo/case-domain';
import { bodyFactsOf } from '../cases/dto/body';
import { ProblemException } from '../errors/problem';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Nest's ValidationPipe, with one shortcut for the classes made from a domain spec (command bodies
 * and their path parameters): a value the spec finds nothing wrong with is passed on as it is,
 * since class-validator, whose rules for those classes are the spec's own fields, would find
 * nothing either. Any other value goes through class-validator, which writes the errors; every
 * other class (the read routes' queries) goes through it always. On the command path class-validator
 * costs its metadata lookup and a promise per request (several percent of the event loop); the
 * spec's check costs a loop over the fields.
 */
export class DomainValidationPipe extends ValidationPipe {
  /**
   * A route that takes a body needs one, even when none of its fields is required: no body at all is
   * refused (send `{}`), as the OpenAPI document says, rather than read as an empty one.
   */
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === undefined && this.toValidate(metadata)) {
      throw new ProblemException(400, 'BODY_REQUIRED', 'The request has no body', 'This route takes a JSON body: send {} when there is nothing to add');
    }
    const facts = bodyFactsOf(metadata.metatype);
    if (facts && isPlainObject(value) && problemsOf(value, facts.spec).length === 0) return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}
