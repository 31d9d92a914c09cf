import type { FieldSchema } from '@tppo/case-domain';
import { CHECKPOINT_EVENT_TYPE, DEFAULT_CHECKPOINT_TOPIC } from './checkpoint-contract';
import { CONTRACT_VERSION, DEFAULT_TOPIC, PUBLISHED } from './contract';

/** Minor: additions a consumer of an earlier document can ignore (1: the checkpoint channel). */
const DOCUMENT_MINOR = 1;

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

const CHECKPOINT_HEADERS: Schema = {
  type: 'object',
  required: ['event-type', 'schema-version'],
  properties: {
    'event-type': { const: CHECKPOINT_EVENT_TYPE },
    'schema-version': { type: 'string', description: 'The version of the checkpoint payload' },
  },
};

/** The payload of a signed checkpoint: every field is read from the note, which is the one to verify. */
export const CHECKPOINT_PAYLOAD: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['origin', 'size', 'rootHash', 'note', 'cutAt', 'keyId'],
  properties: {
    origin: { type: 'string', description: 'The log’s origin line, also the signing key’s name' },
    size: { type: 'integer', minimum: 0, description: 'Events in the log when it was signed' },
    rootHash: { type: 'string', contentEncoding: 'base64', description: 'The tree’s root hash (RFC 9162), base64' },
    note: { type: 'string', description: 'The C2SP tlog-checkpoint signed note, byte for byte as signed: verify it with the log’s verifier key, and keep it' },
    cutAt: { type: 'string', format: 'date-time', description: 'When it was signed' },
    keyId: { type: 'string', pattern: '^[0-9a-f]{8}$', description: 'The signing key’s id (hex), as in the signature line' },
  },
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
      version: `${CONTRACT_VERSION}.${DOCUMENT_MINOR}.0`,
      description:
        'Every case event of the TPPO coordination backend, in order per case, without personal data: ids, pseudonymous subject refs, agency units, times and structured facts. Names, identity numbers, contacts and any free text never appear. Deduplicate on the event id: delivery is at least once. Beside them, every signed checkpoint of the transparency log, for the systems that keep copies as witnesses.',
    },
    defaultContentType: 'application/json',
    channels: {
      caseEvents: {
        address: DEFAULT_TOPIC,
        description: 'All case and interception events; the topic name is configurable (KAFKA_TOPIC).',
        messages: Object.fromEntries(Object.keys(messages).map((name) => [name, { $ref: `#/components/messages/${name}` }])),
      },
      transparencyCheckpoints: {
        address: DEFAULT_CHECKPOINT_TOPIC,
        description:
          'Every signed checkpoint of the transparency log, in size order (one partition), kept for ever (retention.ms = -1). Tree heads only: nothing about a case or a person. The topic name is configurable (KAFKA_CHECKPOINT_TOPIC). At least once: keep one copy per key.',
        messages: { TransparencyCheckpointSigned: { $ref: '#/components/messages/TransparencyCheckpointSigned' } },
      },
    },
    operations: {
      receiveCaseEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/caseEvents' },
        messages: Object.keys(messages).map((name) => ({ $ref: `#/channels/caseEvents/messages/${name}` })),
      },
      receiveTransparencyCheckpoints: {
        action: 'receive',
        channel: { $ref: '#/channels/transparencyCheckpoints' },
        messages: [{ $ref: '#/channels/transparencyCheckpoints/messages/TransparencyCheckpointSigned' }],
      },
    },
    components: {
      messages: {
        ...messages,
        TransparencyCheckpointSigned: {
          name: CHECKPOINT_EVENT_TYPE,
          title: CHECKPOINT_EVENT_TYPE,
          contentType: 'application/json',
          headers: { $ref: '#/components/schemas/CheckpointHeaders' },
          payload: { $ref: '#/components/schemas/TransparencyCheckpointSigned' },
          bindings: { kafka: { key: { type: 'string', description: '<origin>/<size>: one key per checkpoint' } } },
        },
      },
      schemas: {
        Headers: HEADERS,
        ...Object.fromEntries(types.map((type) => [messageName(type), payloadSchemaOf(type)])),
        CheckpointHeaders: CHECKPOINT_HEADERS,
        TransparencyCheckpointSigned: CHECKPOINT_PAYLOAD,
      },
    },
  };
};
