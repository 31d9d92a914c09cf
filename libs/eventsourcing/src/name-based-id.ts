import { hash } from 'node:crypto';
import { parse as parseUuid } from 'uuid';

/** The variant nibble (10xx) for each value of the hash's nibble at that place. */
const VARIANT = '89ab89ab89ab89ab';

/**
 * UUID v5 ids (RFC 9562 §5.5) under one namespace: the same name always gives the same id. The
 * namespace is parsed once; each id is one SHA-1 of namespace bytes and UTF-8 name through
 * crypto.hash, formatted from its hex. uuid's own v5 builds a Hash object and re-encodes the
 * name through unescape(encodeURIComponent(…)) on every call: about 3% of the command path's CPU
 * for three ids per command. A test checks the ids against uuid's.
 */
export const nameBasedIds = (namespace: string): ((name: string) => string) => {
  const namespaceBytes = Buffer.from(parseUuid(namespace));
  return (name) => {
    const input = Buffer.allocUnsafe(16 + Buffer.byteLength(name, 'utf8'));
    namespaceBytes.copy(input, 0);
    input.write(name, 16, 'utf8');
    const h = hash('sha1', input, 'hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${VARIANT[parseInt(h[16]!, 16)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
};
