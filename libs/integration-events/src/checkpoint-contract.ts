import { fromBase64, parseCheckpoint, toBase64 } from '@tppo/transparency';
import type { IntegrationMessage } from './contract';

/**
 * The transparency log's signed checkpoints, published so that systems outside this one keep copies:
 * each copy is a witness, and a log rewritten after the fact no longer matches what they hold. A
 * checkpoint is a tree head (origin, size, root hash, signature), so nothing in it is about a person.
 * The note travels whole, byte for byte as signed, so a witness checks the signature offline with
 * the log's verifier key and needs nothing else from this system.
 */

export const CHECKPOINT_SCHEMA_VERSION = 1;
export const CHECKPOINT_EVENT_TYPE = `tppo.transparency.checkpoint-signed.v${CHECKPOINT_SCHEMA_VERSION}`;
export const DEFAULT_CHECKPOINT_TOPIC = 'tppo.transparency-checkpoints.v1';

/** A checkpoint as the log stores it. */
export interface PublishableCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed note, exactly as signed. */
  readonly note: string;
  readonly cutAt: string;
}

/** The value of a checkpoint message (JSON). */
export interface CheckpointEvent {
  readonly origin: string;
  readonly size: number;
  /** The tree's root hash (RFC 9162), base64, as in the note. */
  readonly rootHash: string;
  /** The C2SP signed note: what a witness verifies and keeps. */
  readonly note: string;
  readonly cutAt: string;
  /** The signing key's id (hex), to pick the verifier key when the log key was rotated. */
  readonly keyId: string;
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The key id of the note's signature by its origin (the log signs with its origin as key name). */
const keyIdOf = (signatures: readonly string[], origin: string): string | undefined => {
  const prefix = `\u2014 ${origin} `;
  const raw = signatures.find((line) => line.startsWith(prefix));
  const bytes = raw === undefined ? undefined : fromBase64(raw.slice(prefix.length));
  return bytes && bytes.length > 4 ? hex(bytes.subarray(0, 4)) : undefined;
};

/**
 * The message of a stored checkpoint, every field read from the signed note itself, so that the
 * value cannot say anything the signature does not. Throws when the note is not a signed checkpoint
 * of that size and root: the relay then stops on it instead of publishing something unverifiable.
 */
export const toCheckpointMessage = (checkpoint: PublishableCheckpoint): IntegrationMessage => {
  const split = checkpoint.note.lastIndexOf('\n\n');
  const parsed = split < 0 ? undefined : parseCheckpoint(checkpoint.note.slice(0, split + 1));
  const rootHash = toBase64(checkpoint.rootHash);
  if (!parsed || parsed.size !== checkpoint.size || toBase64(parsed.rootHash) !== rootHash) {
    throw new Error(`The stored checkpoint of size ${checkpoint.size} does not hold a signed note of that size and root`);
  }
  const keyId = keyIdOf(checkpoint.note.slice(split + 2, -1).split('\n'), parsed.origin);
  if (keyId === undefined) throw new Error(`The checkpoint of size ${checkpoint.size} carries no signature by its origin ${parsed.origin}`);
  const value: CheckpointEvent = { origin: parsed.origin, size: parsed.size, rootHash, note: checkpoint.note, cutAt: checkpoint.cutAt, keyId };
  return {
    key: `${parsed.origin}/${parsed.size}`,
    value: JSON.stringify(value),
    headers: { 'event-type': CHECKPOINT_EVENT_TYPE, 'schema-version': String(CHECKPOINT_SCHEMA_VERSION) },
  };
};
