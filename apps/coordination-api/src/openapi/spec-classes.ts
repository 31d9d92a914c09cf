import type { OpenAPIObject } from '@nestjs/swagger';
import { DTO_CLASSES } from '../cases/dto/body';

type Schema = Record<string, unknown>;

/**
 * What Swagger cannot say from a class's properties, said for every class made from a domain spec:
 * such a value has no other field (the pipe refuses unknown fields), and its cross-field rule, in
 * JSON Schema from the same declaration the domain checks. A class with a rule that the document
 * lacks is a route that lost its body: a bug, so it fails the start.
 */
export const describeSpecClasses = (document: OpenAPIObject): OpenAPIObject => {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, { rule }] of DTO_CLASSES) {
    const schema = schemas[name];
    // Path parameters are not components: Swagger lists them on each operation.
    if (!schema) {
      if (rule?.schema) throw new Error(`OpenAPI: ${name} has a cross-field rule but the document has no such schema`);
      continue;
    }
    schema['additionalProperties'] = false;
    if (rule?.schema) Object.assign(schema, rule.schema);
  }
  return document;
};
