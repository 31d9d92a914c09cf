/**
 * What a leaf of the transparency log commits to for one event: its pseudonymous header and the
 * hash of its payload, never the payload itself. A proof for an event can then be shown to an
 * audience that may not read the payload (the ministry sees who acted and when, not the victim's
 * story): it carries this header and the payload's hash, and still verifies.
 *
 * The header includes the event's place in its stream's hash chain (`prevHash`, `hash`), so the
 * Merkle log and the per-stream chains hold each other in place: the log fixes the order of every
 * event in the whole store, the chain fixes each event's predecessor within its case.
 */

/** The leaf format's version, the first element of every leaf (2: the clock facts). */
export const EVENT_LEAF_VERSION = 2;

/** A named value of the payload shown in clear in the leaf (strings and booleans only). */
export type LeafFact = readonly [name: string, value: string | boolean];

export interface EventLeafHeader {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  /** The acting unit and its agency type; the acting officer's id is covered by `hash` only. */
  readonly agencyType: string;
  readonly unitId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** The stream chain: the previous event's hash and this event's (hex SHA-256). */
  readonly prevHash: string;
  readonly hash: string;
  /** SHA-256 (hex) of the RFC 8785 canonical JSON of the payload as stored (protected fields sealed). */
  readonly payloadHash: string;
  /**
   * The few payload fields that the statutory clocks read (times, due dates, legal bases, unit ids),
   * in clear, so that a verifier recomputes every clock from signed facts; null for an event no
   * clock reads. Nothing personal is ever among them.
   */
  readonly facts: readonly LeafFact[] | null;
}

/**
 * The leaf's bytes: a JSON array in a fixed order, so that any JSON writer that follows ECMAScript
 * (strings, integers, booleans and null only) produces the same bytes, with no canonicalisation library needed.
 */
const utf8 = new TextEncoder();

export const eventLeafData = (header: EventLeafHeader): Uint8Array =>
  utf8.encode(
    JSON.stringify([
      EVENT_LEAF_VERSION,
      header.eventId,
      header.streamId,
      header.revision,
      header.type,
      header.schemaVersion,
      header.occurredAt,
      header.recordedAt,
      header.agencyType,
      header.unitId,
      header.correlationId,
      header.causationId,
      header.prevHash,
      header.hash,
      header.payloadHash,
      header.facts,
    ]),
  );

const HEX64 = /^[0-9a-f]{64}$/;

const isFactList = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every((fact) => Array.isArray(fact) && fact.length === 2 && typeof fact[0] === 'string' && (typeof fact[1] === 'string' || typeof fact[1] === 'boolean'));

/** Checks that a header read from a bundle has the shape of a leaf header; names the first bad field. */
export const leafHeaderFault = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return 'header';
  const h = value as Record<string, unknown>;
  for (const key of ['eventId', 'streamId', 'type', 'occurredAt', 'recordedAt', 'agencyType', 'unitId', 'correlationId'] as const) {
    if (typeof h[key] !== 'string') return key;
  }
  for (const key of ['revision', 'schemaVersion'] as const) {
    if (!Number.isSafeInteger(h[key]) || (h[key] as number) < 0) return key;
  }
  if (h['causationId'] !== null && typeof h['causationId'] !== 'string') return 'causationId';
  for (const key of ['prevHash', 'hash', 'payloadHash'] as const) {
    if (typeof h[key] !== 'string' || !HEX64.test(h[key] as string)) return key;
  }
  if (h['facts'] !== null && !isFactList(h['facts'])) return 'facts';
  return undefined;
};
