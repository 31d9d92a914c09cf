import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const refsIn = (value: unknown, found: Set<string>): void => {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child.replace('#/components/schemas/', ''));
      else refsIn(child, found);
    }
  }
};

/**
 * The validators refuse unknown fields (whitelist + forbidNonWhitelisted), so every
 * request body schema, and each schema it reaches, says `additionalProperties: false`; without it
 * the document promised that extra fields are fine. Response schemas are left open.
 */
export const closeRequestBodies = (document: OpenAPIObject): OpenAPIObject => {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const pending = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, { requestBody?: unknown }>)) refsIn(operation?.requestBody, pending);
  }
  const closed = new Set<string>();
  while (pending.size > 0) {
    const [name] = pending;
    pending.delete(name!);
    if (closed.has(name!)) continue;
    closed.add(name!);
    const schema = schemas[name!];
    if (!schema || schema['type'] !== 'object' || schema['additionalProperties'] !== undefined) continue;
    schema['additionalProperties'] = false;
    const nested = new Set<string>();
    refsIn(schema['properties'], nested);
    nested.forEach((n) => pending.add(n));
  }
  return document;
};
