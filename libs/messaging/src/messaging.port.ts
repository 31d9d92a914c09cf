/**
 * The project's own messaging interface: the relay and the example consumer speak only this, so
 * kafkajs (unmaintained since 2023) can be replaced by a maintained client in one adapter.
 */

export interface OutgoingMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface IncomingMessage extends OutgoingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface TopicSettings {
  /** Keep every message for ever (no time or size limit): a record others rely on, such as signed checkpoints. */
  readonly retainForever?: boolean;
}

export interface Publisher {
  /** Creates the topic when missing, with `partitions` partitions; an existing topic is left alone. */
  ensureTopic(topic: string, partitions: number, settings?: TopicSettings): Promise<void>;
  /**
   * Publishes in order and resolves only when every replica in sync acknowledged every message
   * (acks=all) through an idempotent producer: a retry inside the client never duplicates.
   */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface ConsumerOptions {
  readonly topic: string;
  readonly groupId: string;
  /** Where a new group starts: the beginning (replay everything) by default. */
  readonly fromBeginning?: boolean;
  /** How often handled offsets are committed (default 1000 ms; and on close). */
  readonly commitIntervalMs?: number;
}

export interface Consumer {
  /**
   * Handles messages in order per partition; an offset is committed only after its handler
   * resolved (at least once: deduplicate on the event id).
   */
  run(handle: (message: IncomingMessage) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export class MessagingUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MessagingUnavailableError';
  }
}
