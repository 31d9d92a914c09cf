import { fromBase64 as strictBase64, openSignedNote } from './checkpoint';
import { eventLeafData, type EventLeafHeader, leafHeaderFault } from './event-leaf';
import { InclusionVerifier, leafHash, type Sha256, verifyConsistency } from './merkle';

/** The stream chain's "previous hash" of a case's first event. */
const GENESIS = '0'.repeat(64);

export type EvidenceFault =
  | 'MALFORMED_BUNDLE'
  | 'BAD_CHECKPOINT_SIGNATURE'
  | 'CHECKPOINT_MISMATCH'
  | 'MALFORMED_EVENT'
  | 'INCLUSION_PROOF_FAILED'
  | 'CHAIN_BROKEN'
  | 'REVISION_MISSING'
  | 'ORDER_MISMATCH'
  | 'BAD_KEPT_CHECKPOINT'
  | 'LOG_ROLLED_BACK'
  | 'LOG_FORKED'
  | 'CONSISTENCY_PROOF_MISSING'
  | 'CONSISTENCY_PROOF_FAILED';

export type EvidenceVerdict =
  | { readonly ok: true; readonly caseId: string; readonly events: number; readonly withheld: number; readonly checkpointSize: number; readonly keptCheckpointSize?: number }
  | { readonly ok: false; readonly fault: EvidenceFault; readonly detail: string; readonly eventId?: string; readonly revision?: number };

export interface EvidenceCrypto {
  readonly sha256: Sha256;
  readonly ed25519Verify: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;
}

const fromBase64 = (text: unknown): Uint8Array | undefined => (typeof text === 'string' ? strictBase64(text) : undefined);

/**
 * Proof hashes from base64, each text decoded once per bundle (`decoded`): the events of a case
 * share the upper nodes of their proofs, and the same object for the same text lets the
 * inclusion check see a shared step without comparing bytes.
 */
const hashes = (list: unknown, decoded = new Map<string, Uint8Array>()): Uint8Array[] | undefined => {
  if (!Array.isArray(list)) return undefined;
  const out: Uint8Array[] = [];
  for (const item of list) {
    let bytes = typeof item === 'string' ? decoded.get(item) : undefined;
    if (bytes === undefined) {
      bytes = fromBase64(item);
      if (bytes?.length !== 32) return undefined;
      decoded.set(item as string, bytes);
    }
    out.push(bytes);
  }
  return out;
};

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an evidence bundle with nothing but the log's verifier key (obtained apart from the
 * bundle): the checkpoint's signature, every event's inclusion proof, the case's hash chain across
 * the events shown, and, given a checkpoint kept earlier, that the log only grew since. Pure: the
 * hash and the signature check are passed in, so it runs in Node and in a browser alike. The first
 * failure is the verdict, naming the event where there is one.
 */
export const verifyEvidence = (bundle: unknown, verifierKey: string, crypto: EvidenceCrypto, keptCheckpoint?: string): EvidenceVerdict => {
  const fail = (fault: EvidenceFault, detail: string, at?: { eventId?: string; revision?: number }): EvidenceVerdict => ({ ok: false, fault, detail, ...at });
  if (!isObject(bundle) || bundle['format'] !== 'tppo-evidence/1') return fail('MALFORMED_BUNDLE', 'not a tppo-evidence/1 document');
  const caseId = bundle['caseId'];
  const checkpointView = bundle['checkpoint'];
  const events = bundle['events'];
  const withheld = bundle['withheldRevisions'];
  const caseEvents = bundle['caseEvents'];
  if (typeof caseId !== 'string' || !isObject(checkpointView) || typeof checkpointView['note'] !== 'string' || !Array.isArray(events)) {
    return fail('MALFORMED_BUNDLE', 'caseId, checkpoint.note and events are required');
  }
  if (!Array.isArray(withheld) || !withheld.every((r) => Number.isSafeInteger(r) && r >= 0) || !Number.isSafeInteger(caseEvents)) {
    return fail('MALFORMED_BUNDLE', 'withheldRevisions and caseEvents are required');
  }

  const opened = openSignedNote(crypto.sha256, checkpointView['note'], verifierKey, crypto.ed25519Verify);
  if (!opened.ok) return fail('BAD_CHECKPOINT_SIGNATURE', `the checkpoint does not open with the key given (${opened.reason})`);
  const { size, rootHash } = opened.checkpoint;
  if (checkpointView['size'] !== size || fromBase64(checkpointView['rootHash']) === undefined || !sameBytes(fromBase64(checkpointView['rootHash'])!, rootHash)) {
    return fail('CHECKPOINT_MISMATCH', 'the size or root beside the note differs from the signed note');
  }

  // Every event: its header well formed, and its leaf in the signed tree.
  const shown: { header: EventLeafHeader; leafIndex: number }[] = [];
  const decoded = new Map<string, Uint8Array>();
  const inclusion = new InclusionVerifier(crypto.sha256, size, rootHash);
  for (const [i, entry] of events.entries()) {
    if (!isObject(entry)) return fail('MALFORMED_EVENT', `entry ${i} is not an object`);
    const fault = leafHeaderFault(entry['header']);
    const leafIndex = entry['leafIndex'];
    const proof = hashes(entry['inclusionProof'], decoded);
    if (fault !== undefined || !Number.isSafeInteger(leafIndex) || proof === undefined) return fail('MALFORMED_EVENT', `entry ${i}: ${fault ?? (proof === undefined ? 'inclusionProof' : 'leafIndex')}`);
    const header = entry['header'] as EventLeafHeader;
    const at = { eventId: header.eventId, revision: header.revision };
    const leaf = leafHash(crypto.sha256, eventLeafData(header));
    if (!inclusion.verify(leaf, leafIndex as number, proof)) {
      return fail('INCLUSION_PROOF_FAILED', `event ${header.eventId} (revision ${header.revision}) is not in the signed log as shown: the event or its proof was changed`, at);
    }
    shown.push({ header, leafIndex: leafIndex as number });
  }

  // The case's chain: one stream, every revision accounted for, each link where both ends are shown.
  const byRevision = new Map<number, { header: EventLeafHeader; leafIndex: number }>();
  for (const item of shown) {
    const at = { eventId: item.header.eventId, revision: item.header.revision };
    if (item.header.streamId !== shown[0]!.header.streamId) return fail('CHAIN_BROKEN', `event ${item.header.eventId} belongs to another stream`, at);
    if (byRevision.has(item.header.revision)) return fail('CHAIN_BROKEN', `revision ${item.header.revision} appears twice`, at);
    byRevision.set(item.header.revision, item);
  }
  const withheldSet = new Set(withheld as number[]);
  for (let revision = 0; revision < (caseEvents as number); revision++) {
    if (!byRevision.has(revision) && !withheldSet.has(revision)) return fail('REVISION_MISSING', `revision ${revision} of the case is neither shown nor declared withheld`, { revision });
  }
  if (byRevision.size + withheldSet.size !== caseEvents) return fail('REVISION_MISSING', 'the revisions shown and withheld do not add up to the case');
  for (let revision = 0; revision < (caseEvents as number); revision++) {
    const item = byRevision.get(revision);
    if (!item) continue;
    const at = { eventId: item.header.eventId, revision };
    if (revision === 0 && item.header.prevHash !== GENESIS) return fail('CHAIN_BROKEN', 'the first event does not start the chain', at);
    const before = byRevision.get(revision - 1);
    if (before && item.header.prevHash !== before.header.hash) return fail('CHAIN_BROKEN', `revision ${revision} does not follow revision ${revision - 1}`, at);
    if (before && item.leafIndex <= before.leafIndex) return fail('ORDER_MISMATCH', `revision ${revision} stands before revision ${revision - 1} in the log`, at);
  }

  if (keptCheckpoint === undefined) return { ok: true, caseId, events: shown.length, withheld: withheldSet.size, checkpointSize: size };

  // A checkpoint kept earlier: the log of the bundle must extend it.
  const kept = openSignedNote(crypto.sha256, keptCheckpoint, verifierKey, crypto.ed25519Verify);
  if (!kept.ok) return fail('BAD_KEPT_CHECKPOINT', `the kept checkpoint does not open with the key given (${kept.reason})`);
  const old = kept.checkpoint;
  if (old.size > size) return fail('LOG_ROLLED_BACK', `the log was ${old.size} events long when the kept checkpoint was signed, and is ${size} now: it was rolled back`);
  if (old.size === size) {
    if (!sameBytes(old.rootHash, rootHash)) return fail('LOG_FORKED', `two different logs of ${size} events are signed: the log was rewritten`);
  } else {
    const consistency = bundle['consistency'];
    if (!isObject(consistency) || consistency['from'] !== old.size || consistency['to'] !== size) {
      return fail('CONSISTENCY_PROOF_MISSING', `the bundle has no consistency proof from ${old.size} to ${size}: ask for it with ?since=${old.size}`);
    }
    const proof = hashes(consistency['proof']);
    if (proof === undefined || !verifyConsistency(crypto.sha256, old.size, size, proof, old.rootHash, rootHash)) {
      return fail('CONSISTENCY_PROOF_FAILED', `the log of ${size} events does not extend the kept log of ${old.size}: it was rewritten`);
    }
  }
  return { ok: true, caseId, events: shown.length, withheld: withheldSet.size, checkpointSize: size, keptCheckpointSize: old.size };
};
