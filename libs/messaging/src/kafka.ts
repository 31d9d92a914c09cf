import { type Admin, type Consumer as KafkaConsumer, Kafka, logLevel, type Producer } from 'kafkajs';
import { type Consumer, type ConsumerOptions, type IncomingMessage, MessagingUnavailableError, type OutgoingMessage, type Publisher, type TopicSettings } from './messaging.port';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** How long one connection attempt or request may take. */
  readonly timeoutMs?: number;
}

const clientOf = ({ brokers, clientId, timeoutMs = 5000 }: KafkaSettings): Kafka =>
  new Kafka({
    brokers: [...brokers],
    clientId,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs * 2,
    // The relay retries whole batches itself, with its own backoff and lag log.
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
  });

const unavailable = (what: string, error: unknown): MessagingUnavailableError =>
  new MessagingUnavailableError(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });

/** The topics the relay creates accept record batches this large. */
const TOPIC_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/**
 * One request never carries more than this, so no partition's share of it can exceed even a topic
 * made elsewhere with Kafka's default limit (1 MB).
 */
const MAX_REQUEST_BYTES = 900 * 1024;

const sizeOf = (m: OutgoingMessage): number => {
  let size = m.key.length + m.value.length + 64;
  for (const k in m.headers) size += k.length + m.headers[k]!.length + 8;
  return size;
};

/** Consecutive runs of messages of at most `limit` bytes each (a single larger message goes alone). */
export const chunksOf = (messages: readonly OutgoingMessage[], limit: number): OutgoingMessage[][] => {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = sizeOf(message);
    if (current.length > 0 && bytes + size > limit) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

/** The kafkajs adapter of Publisher: idempotent producer, acks=all, one request in flight (order holds). */
export class KafkaPublisher implements Publisher {
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private admin: Admin | undefined;

  constructor(settings: KafkaSettings) {
    this.kafka = clientOf(settings);
  }

  async ensureTopic(topic: string, partitions: number, settings: TopicSettings = {}): Promise<void> {
    try {
      this.admin ??= this.kafka.admin();
      await this.admin.connect();
      const existing = await this.admin.listTopics();
      if (!existing.includes(topic)) {
        const configEntries = [
          // Room for a whole relay batch in one partition's record batch (the broker's default is 1 MB).
          { name: 'max.message.bytes', value: String(TOPIC_MAX_MESSAGE_BYTES) },
          // The broker's default deletes messages after 7 days; -1 is "never", for time and for size.
          ...(settings.retainForever ? [{ name: 'retention.ms', value: '-1' }, { name: 'retention.bytes', value: '-1' }] : []),
        ];
        await this.admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, configEntries }] });
      }
    } catch (error) {
      await this.dropAdmin();
      throw unavailable(`Topic ${topic} could not be made ready`, error);
    }
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      this.producer ??= this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await this.producer.connect();
      // In order, in requests under any topic's record-batch limit: a large batch (a backlog, or many
      // events of one case in one partition) must not become a request the broker refuses forever.
      for (const chunk of chunksOf(messages, MAX_REQUEST_BYTES)) {
        await this.producer.send({
          topic,
          acks: -1,
          // kafkajs only reads the headers (its type asks for a mutable record).
          messages: chunk.map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })),
        });
      }
    } catch (error) {
      // A producer that failed may hold a stale connection or sequence: start a fresh one next time.
      await this.dropProducer();
      throw unavailable(`Publishing ${messages.length} messages to ${topic} failed`, error);
    }
  }

  async close(): Promise<void> {
    await this.dropProducer();
    await this.dropAdmin();
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}

/**
 * The kafkajs adapter of Consumer: a consumer group. Offsets of handled messages are committed every
 * `commitIntervalMs` and on close, not by kafkajs after each partition's batch: that was a blocking
 * round trip to the coordinator before the next partition's messages, most of the end-to-end latency.
 * A crash redelivers at most an interval's messages, which consumers deduplicate by event id.
 */
export class KafkaGroupConsumer implements Consumer {
  private readonly consumer: KafkaConsumer;
  /** The next offset to read, per partition, once its message was handled and not yet committed. */
  private readonly handled = new Map<string, { topic: string; partition: number; offset: string }>();
  private committer: NodeJS.Timeout | undefined;

  constructor(
    settings: KafkaSettings,
    private readonly options: ConsumerOptions,
  ) {
    // The relay does not use transactions, so read_uncommitted loses nothing; with read_committed the
    // broker held each fetch to its full wait. A short wait bounds the rest.
    // Never creates the topic itself (with the broker's defaults): the relay does, with its partitions and limits.
    this.consumer = clientOf(settings).consumer({ groupId: options.groupId, retry: { retries: 10 }, maxWaitTimeInMs: 100, readUncommitted: true, allowAutoTopicCreation: false });
  }

  private closed = false;

  async run(handle: (message: IncomingMessage) => Promise<void>): Promise<void> {
    await this.consumer.connect();
    // A consumer may start before the relay created the topic: wait for it rather than fail.
    for (;;) {
      try {
        await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: this.options.fromBeginning ?? true });
        break;
      } catch (error) {
        if (this.closed || (error as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    this.committer = setInterval(() => void this.commit(), this.options.commitIntervalMs ?? 1000);
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : String(v ?? '')]));
        await handle({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? '',
          value: message.value?.toString('utf8') ?? '',
          headers,
        });
        this.handled.set(`${topic}\n${partition}`, { topic, partition, offset: (BigInt(message.offset) + 1n).toString() });
      },
    });
  }

  private async commit(): Promise<void> {
    if (this.handled.size === 0) return;
    const offsets = [...this.handled.values()];
    this.handled.clear();
    try {
      await this.consumer.commitOffsets(offsets);
    } catch {
      // Not committed (a rebalance, the broker away): keep them unless a later offset came since.
      for (const o of offsets) {
        const key = `${o.topic}\n${o.partition}`;
        if (!this.handled.has(key)) this.handled.set(key, o);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.committer);
    await this.commit();
    await this.consumer.disconnect().catch(() => undefined);
  }
}
