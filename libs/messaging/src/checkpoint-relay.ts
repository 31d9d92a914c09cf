import { CatchUpLoop } from '@tppo/eventsourcing';
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

/** Checkpoints to publish. Their position is the outbox's marks, so a batch has none of its own. */
interface Pending {
  readonly checkpoints: readonly PublishableCheckpoint[];
  readonly count: number;
  readonly last: null;
}

/**
 * Publishes every signed checkpoint of the transparency log, in size order, to a topic of one
 * partition (so order holds across all of them) kept for ever. At least once: a checkpoint is marked
 * published only after the broker acknowledged it, so a crash between the two republishes it, and a
 * witness keeps one copy per key. While the broker is away the same checkpoints are retried with
 * backoff; none is skipped. A stored checkpoint that is not a signed note stops the relay on it.
 */
export class CheckpointRelay {
  private readonly batchSize: number;
  private readonly log: NonNullable<CheckpointRelayOptions['log']>;
  private readonly now: () => number;
  /** No reading ahead: what is unpublished changes only once the batch in flight is marked. */
  private readonly loop: CatchUpLoop<null, Pending>;
  private topicReady = false;
  private lastPublishedSize: number | null = null;
  private published = 0;

  constructor(
    private readonly outbox: CheckpointOutbox,
    private readonly publisher: Publisher,
    private readonly options: CheckpointRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.log = options.log ?? (() => undefined);
    this.now = options.now ?? Date.now;
    const source = {
      start: () => this.ready(),
      read: async () => this.pending(),
      process: (batch: Pending) => this.publish(batch.checkpoints),
      failed: (_error: unknown, failures: number) => this.log('warn', 'checkpoint relay cannot publish; retrying', { failures, reason: this.loop.lastError }),
      recovered: (failures: number) => this.log('info', 'checkpoint relay publishing again', { after: failures }),
    };
    this.loop = new CatchUpLoop(source, { pollIntervalMs: options.pollIntervalMs ?? 1000, maxBackoffMs: options.maxBackoffMs ?? 5000 });
  }

  /** Publishes until `stop`; resolves once stopped (between batches). */
  async run(): Promise<void> {
    this.log('info', 'checkpoint relay running', { topic: this.options.topic });
    await this.loop.run();
  }

  private async ready(): Promise<null> {
    if (!this.topicReady) {
      await this.publisher.ensureTopic(this.options.topic, 1, { retainForever: true });
      this.topicReady = true;
    }
    return null;
  }

  private pending(): Pending | undefined {
    const checkpoints = this.outbox.unpublished(this.options.topic, this.batchSize);
    return checkpoints.length === 0 ? undefined : { checkpoints, count: checkpoints.length, last: null };
  }

  /** One batch: publish it, then mark it. */
  private async publish(checkpoints: readonly PublishableCheckpoint[]): Promise<void> {
    const { topic } = this.options;
    await this.publisher.publish(topic, checkpoints.map(toCheckpointMessage));
    this.outbox.markPublished(topic, checkpoints.map((c) => c.size), new Date(this.now()).toISOString());
    this.lastPublishedSize = checkpoints.at(-1)!.size;
    this.published += checkpoints.length;
  }

  status(): CheckpointRelayStatus {
    const { consecutiveFailures, lastError } = this.loop;
    return { topic: this.options.topic, lastPublishedSize: this.lastPublishedSize, published: this.published, consecutiveFailures, lastError };
  }

  /** Resolves once `run` has ended: the batch in flight is acknowledged (or fails) first. */
  stop(): Promise<void> {
    return this.loop.stop();
  }
}
