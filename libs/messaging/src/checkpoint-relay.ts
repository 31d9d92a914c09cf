import { backoffMs, WakeableSleep } from '@tppo/eventsourcing';
import { type PublishableCheckpoint, toCheckpointMessage } from '@tppo/integration-events';
import type { Publisher } from './messaging.port';
import type { RelayOptions } from './relay';

/** Where the relay finds the checkpoints the log signed, and remembers which the broker has. */
export interface CheckpointOutbox {
  /** Stored checkpoints not yet published to `topic`, smallest size first, at most `limit`. */
  unpublished(topic: string, limit: number): readonly PublishableCheckpoint[];
  /** Records that the broker acknowledged these checkpoints on `topic` (one write: all or none). */
  markPublished(topic: string, sizes: readonly number[], at: string): void;
}

export interface CheckpointRelayStatus {
  readonly topic: string;
  /** The largest checkpoint the broker acknowledged in this run (null: none yet). */
  readonly lastPublishedSize: number | null;
  readonly published: number;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
}

/** As the case-event relay's; `batchSize` counts checkpoints (100). */
export type CheckpointRelayOptions = Pick<RelayOptions, 'topic' | 'batchSize' | 'pollIntervalMs' | 'maxBackoffMs' | 'log' | 'now'>;

/**
 * Publishes every signed checkpoint of the transparency log, in size order, to a topic of one
 * partition (so order holds across all of them) kept for ever. At least once: a checkpoint is marked
 * published only after the broker acknowledged it, so a crash between the two republishes it, and a
 * witness keeps one copy per key. While the broker is away the same checkpoints are retried with
 * backoff; none is skipped. A stored checkpoint that is not a signed note stops the relay on it.
 */
export class CheckpointRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly log: NonNullable<CheckpointRelayOptions['log']>;
  private readonly now: () => number;
  private readonly pause = new WakeableSleep();
  private stopped = false;
  private topicReady = false;
  private lastPublishedSize: number | null = null;
  private published = 0;
  /** Since the last batch the broker acknowledged. */
  private failures: Pick<CheckpointRelayStatus, 'consecutiveFailures' | 'lastError'> = { consecutiveFailures: 0, lastError: null };

  constructor(
    private readonly outbox: CheckpointOutbox,
    private readonly publisher: Publisher,
    private readonly options: CheckpointRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
  }

  /** Publishes until `stop`; resolves once stopped (between batches). */
  async run(): Promise<void> {
    this.log('info', 'checkpoint relay running', { topic: this.options.topic });
    while (!this.stopped) {
      const sent = await this.pass().then(
        (count) => this.succeeded(count),
        (error: unknown) => this.failed(error),
      );
      if (sent === null) await this.pause.sleep(backoffMs(this.failures.consecutiveFailures, this.maxBackoffMs));
      else if (sent < this.batchSize && !this.stopped) await this.pause.sleep(this.pollIntervalMs);
    }
  }

  private succeeded(sent: number): number {
    if (this.failures.consecutiveFailures > 0) this.log('info', 'checkpoint relay publishing again', { after: this.failures.consecutiveFailures });
    this.failures = { consecutiveFailures: 0, lastError: null };
    return sent;
  }

  /** Counts the failure for the backoff and the status; null: nothing was published. */
  private failed(error: unknown): null {
    const reason = error instanceof Error ? error.message : String(error);
    this.failures = { consecutiveFailures: this.failures.consecutiveFailures + 1, lastError: reason };
    this.log('warn', 'checkpoint relay cannot publish; retrying', { failures: this.failures.consecutiveFailures, reason });
    return null;
  }

  /** One batch: publish what is unpublished, then mark it. Returns the checkpoints published. */
  private async pass(): Promise<number> {
    const { topic } = this.options;
    if (!this.topicReady) {
      await this.publisher.ensureTopic(topic, 1, { retainForever: true });
      this.topicReady = true;
    }
    const pending = this.outbox.unpublished(topic, this.batchSize);
    if (pending.length === 0) return 0;
    await this.publisher.publish(topic, pending.map(toCheckpointMessage));
    this.outbox.markPublished(topic, pending.map((c) => c.size), new Date(this.now()).toISOString());
    this.lastPublishedSize = pending.at(-1)!.size;
    this.published += pending.length;
    return pending.length;
  }

  status(): CheckpointRelayStatus {
    return { topic: this.options.topic, lastPublishedSize: this.lastPublishedSize, published: this.published, ...this.failures };
  }

  stop(): void {
    this.stopped = true;
    this.pause.wake();
  }
}
