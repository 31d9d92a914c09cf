import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CatchUpLoop, type EventRegistry, type EventStore, type StoredEvent } from '@tppo/eventsourcing';
import { toIntegrationMessage } from '@tppo/integration-events';
import type { OutgoingMessage, Publisher } from './messaging.port';

/** Where the relay remembers the last global position the broker acknowledged. */
export class RelayCheckpoint {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement<[string, bigint]>;

  private constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // The checkpoint may only ever lag what the broker has: a process crash loses nothing in WAL mode
    // with NORMAL, and an OS crash can at worst roll it back a little, which only republishes events
    // consumers deduplicate. FULL would fsync after every batch on the relay's (the API's) thread.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS relay_checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT');
    this.upsert = this.db.prepare('INSERT INTO relay_checkpoint (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
  }

  static open(file: string): RelayCheckpoint {
    return new RelayCheckpoint(file);
  }

  load(name: string): bigint | null {
    const row = this.db.prepare('SELECT position FROM relay_checkpoint WHERE name = ?').safeIntegers(true).get(name) as { position: bigint } | undefined;
    return row?.position ?? null;
  }

  save(name: string, position: bigint): void {
    this.upsert.run(name, position);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** How far the relay's status counts the events it has not published yet (a bounded read per call). */
export const EVENTS_BEHIND_COUNTED = 10_000;

export interface RelayStatus {
  readonly topic: string;
  /** The last position the broker acknowledged (null: nothing yet). */
  readonly position: string | null;
  readonly head: string | null;
  /**
   * Events in the log after the checkpoint, counted (not a difference of positions: on EventStoreDB
   * those are byte offsets), up to EVENTS_BEHIND_COUNTED; past that, `eventsBehindAtLeast` is true.
   */
  readonly eventsBehind: number;
  readonly eventsBehindAtLeast: boolean;
  /** Age of the oldest event not yet published (0 when none). */
  readonly secondsBehind: number;
  readonly published: number;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
}

export interface RelayOptions {
  readonly topic: string;
  readonly partitions: number;
  /** Events read, mapped and published per batch. */
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** Name of this relay's checkpoint (several relays may share a file). */
  readonly name?: string;
  readonly maxBackoffMs?: number;
  readonly wakeOn?: (wake: () => void) => () => void;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, details?: Readonly<Record<string, unknown>>) => void;
  readonly now?: () => number;
}

/** A page of the log and its messages of the public contract (none for events outside it). */
interface MappedPage {
  readonly messages: OutgoingMessage[];
  readonly count: number;
  readonly last: bigint;
}

/**
 * Follows the global log from its checkpoint and publishes every event of the public contract, in
 * log order, keyed by case (so order holds per case). The checkpoint moves only after the broker
 * acknowledged the whole batch (acks=all, idempotent producer): when Kafka is down the relay waits
 * and retries the same batch with backoff, logs how far behind it is, and never skips or passes an
 * unpublished event. An event it cannot decode stops it where it is, loudly (nothing is skipped).
 */
export class EventRelay {
  private readonly batchSize: number;
  private readonly name: string;
  private readonly log: NonNullable<RelayOptions['log']>;
  private readonly now: () => number;
  /** While the broker works on a batch, the next one is read and mapped; if the batch fails, that is thrown away. */
  private readonly loop: CatchUpLoop<bigint | null, MappedPage>;
  private position: bigint | null;
  private published = 0;
  private topicReady = false;

  constructor(
    private readonly store: EventStore,
    private readonly publisher: Publisher,
    private readonly checkpoint: RelayCheckpoint,
    private readonly registry: EventRegistry,
    private readonly options: RelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.name = options.name ?? `kafka:${options.topic}`;
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    this.position = checkpoint.load(this.name);
    const source = {
      start: () => this.readyPosition(),
      read: (after: bigint | null) => this.prepare(after),
      process: (page: MappedPage) => this.publish(page),
      failed: (_error: unknown, failures: number) => this.failed(failures),
      recovered: (failures: number) => this.log('info', 'relay publishing again', { after: failures }),
    };
    this.loop = new CatchUpLoop(source, { pollIntervalMs: options.pollIntervalMs ?? 50, maxBackoffMs: options.maxBackoffMs ?? 5000, readAhead: true, wakeOn: options.wakeOn });
  }

  /** Publishes until `stop`; resolves once stopped (between batches). */
  async run(): Promise<void> {
    this.log('info', 'relay running', { topic: this.options.topic, from: this.position?.toString() ?? 'the start' });
    await this.loop.run();
  }

  /** Where the next pass starts: the checkpoint, once the topic exists. */
  private async readyPosition(): Promise<bigint | null> {
    if (!this.topicReady) {
      await this.publisher.ensureTopic(this.options.topic, this.options.partitions);
      this.topicReady = true;
    }
    return this.position;
  }

  /** One batch: publish it, then move the checkpoint (only once the broker acknowledged all of it). */
  private async publish(page: MappedPage): Promise<void> {
    await this.publisher.publish(this.options.topic, page.messages);
    this.checkpoint.save(this.name, page.last);
    this.position = page.last;
    this.published += page.messages.length;
  }

  private async failed(failures: number): Promise<void> {
    const status = await this.status().catch(() => undefined);
    this.log('warn', 'relay cannot publish; retrying', { failures, reason: this.loop.lastError, eventsBehind: status?.eventsBehind, secondsBehind: status?.secondsBehind });
  }

  private async prepare(after: bigint | null): Promise<MappedPage | undefined> {
    const page = await this.store.readAll({ ...(after === null ? {} : { after }), maxCount: this.batchSize });
    if (page.length === 0) return undefined;
    const messages: OutgoingMessage[] = [];
    for (const stored of page) {
      const message = this.messageOf(stored);
      if (message) messages.push(message);
    }
    return { messages, count: page.length, last: page.at(-1)!.position };
  }

  private messageOf(stored: StoredEvent): OutgoingMessage | null {
    // Not this system's event type: outside the contract, nothing to publish.
    if (!this.registry.has(stored.type)) return null;
    // A known type that does not decode is a fault: throwing keeps the relay on this event.
    const event = this.registry.upcast(stored);
    return toIntegrationMessage(event);
  }

  async status(): Promise<RelayStatus> {
    const head = await this.store.headPosition();
    const [oldest] = await this.store.readAll({ ...(this.position === null ? {} : { after: this.position }), maxCount: 1 });
    const behind = await this.store.countAfter(this.position ?? undefined, EVENTS_BEHIND_COUNTED);
    return {
      topic: this.options.topic,
      position: this.position?.toString() ?? null,
      head: head?.toString() ?? null,
      eventsBehind: behind,
      eventsBehindAtLeast: behind >= EVENTS_BEHIND_COUNTED,
      secondsBehind: oldest ? Math.max(0, Math.round((this.now() - Date.parse(oldest.recordedAt)) / 1000)) : 0,
      published: this.published,
      consecutiveFailures: this.loop.consecutiveFailures,
      lastError: this.loop.lastError,
    };
  }

  /** Resolves once `run` has ended: the batch in flight is acknowledged (or fails) first. */
  stop(): Promise<void> {
    return this.loop.stop();
  }
}
