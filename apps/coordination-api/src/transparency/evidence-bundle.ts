import type { StoredEvent } from '@tppo/eventsourcing';
import { buildConsistencyProof, buildInclusionProof, type EventLeafHeader, type NodeSource, nodeSha256 } from '@tppo/transparency';
import { leafHeaderOf } from './transparency-log.builder';
import type { StoredCheckpoint } from './transparency-log.store';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export interface EvidenceParts {
  readonly caseEvents: number;
  readonly withheldRevisions: number[];
  readonly events: { leafIndex: number; header: EventLeafHeader; inclusionProof: string[] }[];
  readonly consistency?: { from: number; to: number; proof: string[] };
}

/**
 * The proof-bearing part of an evidence bundle: the case's events in the checkpoint, those the
 * audience may see with their leaf headers and inclusion proofs, the revisions it may not, and with
 * `since` the consistency proof from a checkpoint kept earlier.
 */
export const assembleEvidence = (input: {
  readonly caseId: string;
  readonly stored: readonly StoredEvent[];
  readonly leafIndexOf: (eventId: string) => number | undefined;
  readonly checkpoint: StoredCheckpoint;
  readonly node: NodeSource;
  readonly shows: (event: StoredEvent) => boolean;
  readonly since?: number | undefined;
}): EvidenceParts => {
  const { size } = input.checkpoint;
  const inCheckpoint = input.stored.filter((e) => (input.leafIndexOf(e.eventId) ?? Infinity) < size);
  const withheldRevisions: number[] = [];
  const events: EvidenceParts['events'] = [];
  for (const event of inCheckpoint) {
    if (!input.shows(event)) {
      withheldRevisions.push(event.revision);
      continue;
    }
    const leafIndex = input.leafIndexOf(event.eventId)!;
    events.push({ leafIndex, header: leafHeaderOf(event), inclusionProof: buildInclusionProof(nodeSha256, leafIndex, size, input.node).map(b64) });
  }
  return {
    caseEvents: inCheckpoint.length,
    withheldRevisions,
    events,
    ...(input.since !== undefined ? { consistency: { from: input.since, to: size, proof: buildConsistencyProof(nodeSha256, input.since, size, input.node).map(b64) } } : {}),
  };
};
