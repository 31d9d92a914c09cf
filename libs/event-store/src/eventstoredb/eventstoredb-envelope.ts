import { type EventData, jsonEvent, type RecordedEvent } from '@eventstore/db-client';
import { type EventRecord, type JsonObject, type StoredEvent, StoreUnavailableError } from '@tppo/eventsourcing';

/**
 * How an envelope is laid out in an EventStoreDB event: the payload is the event's data, every other
 * field goes into its metadata. The event id, stream, revision and type are EventStoreDB's own
 * fields as well; the copies in the metadata keep an event self-describing wherever it is read
 * (a link, a backup, the web UI). Correlation and causation use EventStoreDB's `$correlationId` and
 * `$causationId`, which its `$by_correlation_id` projection and UI understand.
 */
export type EnvelopeMetadata = Omit<EventRecord, 'data' | 'correlationId' | 'causationId'> & {
  readonly $correlationId: EventRecord['correlationId'];
  readonly $causationId: EventRecord['causationId'];
};

export const toEventData = (record: EventRecord): EventData => {
  const metadata: EnvelopeMetadata = {
    eventId: record.eventId,
    streamId: record.streamId,
    revision: record.revision,
    type: record.type,
    schemaVersion: record.schemaVersion,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    actor: { userId: record.actor.userId, unitId: record.actor.unitId, agencyType: record.actor.agencyType },
    $correlationId: record.correlationId,
    $causationId: record.causationId,
    prevHash: record.prevHash,
    hash: record.hash,
  };
  return jsonEvent({ id: record.eventId, type: record.type, data: record.data, metadata });
};

/** Events the server or another system wrote (or this system under another stream prefix): not part of this log. */
export const isForeign = (recorded: RecordedEvent, streamPrefix: string): boolean =>
  recorded.type.startsWith('$') || recorded.streamId.startsWith('$') || !recorded.streamId.startsWith(streamPrefix) || !isEnvelope(recorded.metadata);

/**
 * The stored event, or null for a foreign event. The position is the event's commit position, which
 * servers since 22.6 report on stream reads too.
 */
export const fromRecorded = (recorded: RecordedEvent, streamPrefix: string): StoredEvent | null => {
  const metadata = recorded.metadata;
  if (isForeign(recorded, streamPrefix) || !recorded.isJson || !isEnvelope(metadata)) return null;
  if (recorded.position === undefined) {
    throw new StoreUnavailableError(`EventStoreDB reported no position for event ${recorded.id}: the adapter needs a server of version 22.6 or later`);
  }
  return {
    eventId: recorded.id,
    streamId: recorded.streamId.slice(streamPrefix.length),
    revision: Number(recorded.revision),
    type: recorded.type,
    schemaVersion: metadata.schemaVersion,
    data: recorded.data as JsonObject,
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    actor: { userId: metadata.actor.userId, unitId: metadata.actor.unitId, agencyType: metadata.actor.agencyType },
    correlationId: metadata.$correlationId,
    causationId: metadata.$causationId,
    prevHash: metadata.prevHash,
    hash: metadata.hash,
    position: recorded.position.commit,
  };
};

const isEnvelope = (metadata: unknown): metadata is EnvelopeMetadata => {
  if (typeof metadata !== 'object' || metadata === null || metadata instanceof Uint8Array) return false;
  const m = metadata as Partial<Record<keyof EnvelopeMetadata, unknown>>;
  return (
    typeof m.schemaVersion === 'number' &&
    typeof m.occurredAt === 'string' &&
    typeof m.recordedAt === 'string' &&
    typeof m.actor === 'object' &&
    m.actor !== null &&
    typeof m.$correlationId === 'string' &&
    (m.$causationId === null || typeof m.$causationId === 'string') &&
    typeof m.prevHash === 'string' &&
    typeof m.hash === 'string'
  );
};
