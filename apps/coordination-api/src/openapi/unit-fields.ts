import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/**
 * A field naming another unit must name one of the registry (400 UNKNOWN_UNIT otherwise); the
 * registry is loaded at start, so the document served lists its ids as the field's enum.
 */
export const enumerateUnitFields = (document: OpenAPIObject, fields: readonly string[], unitIds: readonly string[]): OpenAPIObject => {
  for (const schema of Object.values((document.components?.schemas ?? {}) as Record<string, Schema>)) {
    const properties = schema['properties'] as Record<string, Schema> | undefined;
    for (const field of fields) {
      const property = properties?.[field];
      if (property?.['type'] === 'string') property['enum'] = [...unitIds];
    }
  }
  return document;
};
