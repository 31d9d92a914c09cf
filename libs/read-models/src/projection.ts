import type { StoredEvent } from '@tppo/eventsourcing';

/** What a projection may know about an event: its payload and envelope, never the store. */
export type ProjectedEvent = Pick<StoredEvent, 'eventId' | 'type' | 'data' | 'streamId' | 'revision' | 'position' | 'occurredAt' | 'recordedAt' | 'actor' | 'causationId'>;

/**
 * A read model as pure functions: which events it reads, which documents an event
 * touches, and how a document evolves. `evolve` gets null for a document not yet written and
 * returns null to delete it. Applying an event twice must give the same document, so that a
 * redelivery after a crash changes nothing.
 */
export interface Projection<D> {
  readonly name: string;
  /** Bumped when evolve changes meaning: the projector then rebuilds the projection from the start. */
  readonly version: number;
  readonly canHandle: readonly string[];
  readonly documentIds: (event: ProjectedEvent) => readonly string[];
  // A method, not a function property: a Projection<InboxItem> is then usable where any projection is.
  /** `documentId` tells which of the event's documents this is, when one event touches several. */
  evolve(document: D | null, event: ProjectedEvent, documentId: string): D | null;
}
