import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventRecord } from './envelope';

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

type Unsealed = Omit<EventRecord, 'prevHash' | 'hash'>;

/**
 * The bytes a hash covers: RFC 8785 canonical JSON of every envelope field except the hashes
 * themselves. Protected fields are already ciphertext here, so destroying a subject's key later
 * (crypto-shredding) leaves the chain valid.
 */
export const canonicalBytes = (event: Unsealed): string => {
  // Members written in canonical (sorted) order, so the object reads as the bytes it hashes to.
  const covered = {
    actor: { agencyType: event.actor.agencyType, unitId: event.actor.unitId, userId: event.actor.userId },
    causationId: event.causationId,
    correlationId: event.correlationId,
    data: event.data,
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    revision: event.revision,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    type: event.type,
  };
  return canonicalJson(covered);
};

export const hashEvent = (prevHash: string, event: Unsealed): string => hash('sha256', `${prevHash}\n${canonicalBytes(event)}`, 'hex');

/** Links new events into a stream's chain after the event whose hash is `prevHash`. */
export const sealEvents = (prevHash: string, events: readonly Unsealed[]): EventRecord[] => {
  const sealed: EventRecord[] = [];
  let previous = prevHash;
  for (const event of events) {
    const hash = hashEvent(previous, event);
    sealed.push({ ...event, prevHash: previous, hash });
    previous = hash;
  }
  return sealed;
};

export type ChainVerdict =
  | { readonly valid: true; readonly events: number; readonly headHash: string }
  | { readonly valid: false; readonly firstBadRevision: number; readonly reason: ChainFault };

export type ChainFault = 'REVISION_GAP' | 'STREAM_MISMATCH' | 'PREVIOUS_HASH_MISMATCH' | 'HASH_MISMATCH';

/**
 * Verifies a whole stream, in revision order from 0, and names the first revision that breaks it.
 * Pure: it recomputes every hash from the stored bytes.
 */
export const verifyChain = (events: Iterable<EventRecord>): ChainVerdict => {
  let previous = GENESIS_HASH;
  let expectedRevision = 0;
  let streamId: string | undefined;
  for (const event of events) {
    const bad = (reason: ChainFault): ChainVerdict => ({ valid: false, firstBadRevision: expectedRevision, reason });
    streamId ??= event.streamId;
    if (event.streamId !== streamId) return bad('STREAM_MISMATCH');
    if (event.revision !== expectedRevision) return bad('REVISION_GAP');
    if (event.prevHash !== previous) return bad('PREVIOUS_HASH_MISMATCH');
    if (hashEvent(previous, event) !== event.hash) return bad('HASH_MISMATCH');
    previous = event.hash;
    expectedRevision += 1;
  }
  return { valid: true, events: expectedRevision, headHash: previous };
};
