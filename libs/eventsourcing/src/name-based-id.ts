import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/**
 * UUID v5 ids (RFC 9562 §5.5) under one namespace: the same name always gives the same id, so a
 * retried command derives the ids it derived the first time. The namespace is parsed once, which
 * spares uuid a parse per id.
 */
export const nameBasedIds = (namespace: string): ((name: string) => string) => {
  const namespaceBytes = parseUuid(namespace);
  return (name) => uuidv5(name, namespaceBytes);
};
