import { CASE_EVENT_SPECS, type FieldSchema, INTERCEPTION_EVENTS, type Spec } from '@tppo/case-domain';
import type { JsonValue, StoredEvent } from '@tppo/eventsourcing';

/**
 * The public event contract (README, "Subscribing through Kafka"): what other systems receive through
 * Kafka. One integration event per domain event, versioned by name (`tppo.case.referral-sent.v1`),
 * keyed by the case (or interception report) so that order holds per case.
 *
 * What may leave the system is decided by the field language itself: a field's value is published
 * only when it is structured (ids, pseudonymous subject refs, unit ids, enums, dates, counts,
 * amounts, region and country codes). Sealed identities and any text a person wrote (reasons,
 * instructions, notes, file numbers, place names) never leave: free text can name anyone.
 */

export const CONTRACT_VERSION = 1;
export const DEFAULT_TOPIC = 'tppo.case-events.v1';

export type Source = 'case' | 'interception';

/** The value of a Kafka message (JSON). */
export interface IntegrationEvent {
  /** The domain event's id: consumers deduplicate on it. */
  readonly id: string;
  readonly type: string;
  readonly source: Source;
  /** The case id or the interception report id; also the message key. */
  readonly subject: string;
  /** The event's revision in its case (0-based): consumers can check order and gaps per case. */
  readonly sequence: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actingUnitId: string;
  readonly actingAgencyType: string;
  readonly data: Readonly<Record<string, JsonValue>>;
}

export interface IntegrationMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** PascalCase domain type → `tppo.<source>.<kebab-case>.v<version>`. */
export const integrationTypeOf = (source: Source, domainType: string): string =>
  `tppo.${source}.${domainType.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.v${CONTRACT_VERSION}`;

/** A field whose value may be published: structured, not sealed, not free text. */
const publishable = (schema: FieldSchema): boolean => {
  if (schema['x-sealed'] || schema['x-free-text']) return false;
  if (schema.type === 'array') return schema.items !== undefined && publishable(schema.items);
  // An object only when every one of its fields may be published (counts by sex and age band, yes;
  // a correction, which may carry an identity or text, no).
  if (schema.type === 'object') return schema.properties !== undefined && Object.values(schema.properties).every(publishable);
  // A string with no format, pattern or enum is text by another name.
  if (schema.type === 'string') return schema.format !== undefined || schema.pattern !== undefined || schema.enum !== undefined;
  return schema.type === 'boolean' || schema.type === 'integer';
};

const publishedFields = (spec: Spec): readonly [string, FieldSchema, boolean][] =>
  Object.entries(spec)
    .filter(([, field]) => publishable(field.schema))
    .map(([name, field]) => [name, field.schema, field.optional]);

interface Published {
  readonly source: Source;
  readonly type: string;
  readonly fields: readonly [string, FieldSchema, boolean][];
}

/** Every domain event type that is published, with the fields of its data that are. */
export const PUBLISHED: ReadonlyMap<string, Published> = new Map<string, Published>([
  ...Object.entries(CASE_EVENT_SPECS as Readonly<Record<string, Spec>>).map(
    ([type, spec]): [string, Published] => [type, { source: 'case', type: integrationTypeOf('case', type), fields: publishedFields(spec) }],
  ),
  ...Object.entries(INTERCEPTION_EVENTS as Readonly<Record<string, Spec>>).map(
    ([type, spec]): [string, Published] => [type, { source: 'interception', type: integrationTypeOf('interception', type), fields: publishedFields(spec) }],
  ),
]);

export type PublishableEvent = Pick<
  StoredEvent,
  'eventId' | 'type' | 'schemaVersion' | 'streamId' | 'revision' | 'data' | 'occurredAt' | 'recordedAt' | 'actor' | 'correlationId' | 'position'
>;

const subjectOf = (source: Source, streamId: string): string => streamId.slice(source === 'case' ? 'case-'.length : 'interception-'.length);

/**
 * The message for a domain event, or null for an event outside the contract (another system's
 * stream). The event must already be in the current schema version (upcast by the caller).
 */
export const toIntegrationMessage = (event: PublishableEvent): IntegrationMessage | null => {
  const published = PUBLISHED.get(event.type);
  if (!published) return null;
  const subject = subjectOf(published.source, event.streamId);
  const data: Record<string, JsonValue> = {};
  for (const [name] of published.fields) {
    const value = event.data[name];
    if (value !== undefined && value !== null) data[name] = value;
  }
  const value: IntegrationEvent = {
    id: event.eventId,
    type: published.type,
    source: published.source,
    subject,
    sequence: event.revision,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actingUnitId: event.actor.unitId,
    actingAgencyType: event.actor.agencyType,
    data,
  };
  return {
    key: subject,
    value: JSON.stringify(value),
    headers: {
      'event-id': event.eventId,
      'event-type': published.type,
      'schema-version': String(CONTRACT_VERSION),
      'correlation-id': event.correlationId,
      'global-position': event.position.toString(),
    },
  };
};
