import type { FieldSchema } from '@tppo/case-domain';
import { CONTRACT_VERSION, DEFAULT_TOPIC, PUBLISHED } from './contract';

type Schema = Readonly<Record<string, unknown>>;

const messageName = (integrationType: string): string =>
  integrationType
    .replace(/^tppo\./, '')
    .replace(/\.v\d+$/, '')
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

const jsonSchemaOf = (schema: FieldSchema): Schema => {
  const { 'x-free-text': _text, 'x-sealed': _sealed, items, properties, ...rest } = schema;
  return {
    ...rest,
    ...(items ? { items: jsonSchemaOf(items) } : {}),
    ...(properties ? { properties: Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, jsonSchemaOf(p)])) } : {}),
  };
};

const HEADERS: Schema = {
  type: 'object',
  required: ['event-id', 'event-type', 'schema-version', 'correlation-id', 'global-position'],
  properties: {
    'event-id': { type: 'string', format: 'uuid', description: 'The event id; deduplicate on it' },
    'event-type': { type: 'string', description: 'The integration event type, as in the payload' },
    'schema-version': { type: 'string', description: 'The contract version of the payload' },
    'correlation-id': { type: 'string', description: 'The request that led to the event' },
    'global-position': { type: 'string', pattern: '^\\d+$', description: 'Position in the system’s global log (per deployment)' },
  },
};

/** The payload schema of one integration event type. */
export const payloadSchemaOf = (integrationType: string): Schema => {
  const published = [...PUBLISHED.values()].find((p) => p.type === integrationType);
  if (!published) throw new Error(`No integration event ${integrationType}`);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'type', 'source', 'subject', 'sequence', 'occurredAt', 'recordedAt', 'actingUnitId', 'actingAgencyType', 'data'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      type: { const: integrationType },
      source: { const: published.source },
      subject: { type: 'string', description: published.source === 'case' ? 'The case id (also the message key)' : 'The interception report id (also the message key)' },
      sequence: { type: 'integer', minimum: 0, description: 'Revision of the event in its case: 0, 1, 2 … without gaps' },
      occurredAt: { type: 'string', format: 'date-time' },
      recordedAt: { type: 'string', format: 'date-time' },
      actingUnitId: { type: 'string' },
      actingAgencyType: { type: 'string' },
      data: {
        type: 'object',
        additionalProperties: false,
        required: published.fields.filter(([, , optional]) => !optional).map(([name]) => name),
        properties: Object.fromEntries(published.fields.map(([name, schema]) => [name, jsonSchemaOf(schema)])),
      },
    },
  };
};

/** The AsyncAPI 3 document of the contract, generated from the same table the relay publishes with. */
export const asyncApiDocument = (): Schema => {
  const types = [...PUBLISHED.values()].map((p) => p.type);
  const messages = Object.fromEntries(
    types.map((type) => [
      messageName(type),
      {
        name: type,
        title: type,
        contentType: 'application/json',
        headers: { $ref: '#/components/schemas/Headers' },
        payload: { $ref: `#/components/schemas/${messageName(type)}` },
        bindings: { kafka: { key: { type: 'string', description: 'The case id (or interception report id): order holds per key' } } },
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'TPPO case events',
      version: `${CONTRACT_VERSION}.0.0`,
      description:
        'Every case event of the TPPO coordination backend, in order per case, without personal data: ids, pseudonymous subject refs, agency units, times and structured facts. Names, identity numbers, contacts and any free text never appear. Deduplicate on the event id: delivery is at least once.',
    },
    defaultContentType: 'application/json',
    channels: {
      caseEvents: {
        address: DEFAULT_TOPIC,
        description: 'All case and interception events; the topic name is configurable (KAFKA_TOPIC).',
        messages: Object.fromEntries(Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }])),
      },
    },
    operations: {
      receiveCaseEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/caseEvents' },
        messages: Object.keys(messages).map((name) => ({ $ref: `#/channels/caseEvents/messages/${name}` })),
      },
    },
    components: {
      messages,
      schemas: { Headers: HEADERS, ...Object.fromEntries(types.map((type) => [messageName(type), payloadSchemaOf(type)])) },
    },
  };
};
