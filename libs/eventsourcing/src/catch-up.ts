import { backoffMs, WakeableSleep } from './wakeable-sleep';

/** What one read of a catch-up loop gives: the position to read after next, and how many items it holds. */
export interface CatchUpBatch<P> {
  readonly last: P;
  readonly count: number;
}

/**
 * What a loop that follows a log does with it; the loop decides when. `process` handles a batch and
 * stores its position, so that what the store holds is what the next pass starts from.
 */
export interface CatchUpSource<P, B extends CatchUpBatch<P>> {
  /** The position processed last: asked at the start of every pass (after a failure, memory may be ahead of the store). */
  start(): P | Promise<P>;
  /** The batch after `after`; undefined when there is none yet. */
  read(after: P): Promise<B | undefined>;
  process(batch: B): Promise<void>;
  /** Ends every pass of `run`, inside it: a failure here is a failed pass. */
  passed?(): void;
  /** A pass of `run` failed, `failures` in a row; the loop backs off once this has resolved. */
  failed?(error: unknown, failures: number): void | Promise<void>;
  /** A batch went through after `failures` failed passes. */
  recovered?(failures: number): void;
}

export interface CatchUpOptions {
  /** The wait, once caught up, before looking again. */
  readonly pollIntervalMs: number;
  /** The longest pause after failures in a row (see backoffMs). */
  readonly maxBackoffMs?: number;
  /**
   * Reads the next batch while this one is processed (one ahead at most). Only for a source whose
   * next read may begin once `process` was called, before it finished.
   */
  readonly readAhead?: boolean;
  /**
   * A doorbell (the store committed, in this process): ends the idle wait at once. Not a back-off:
   * under load it rings on every commit, which would retry a failing broker or store just as often.
   * Returns how to stop ringing.
   */
  readonly wakeOn?: (wake: () => void) => () => void;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The loop of the projector, the relays and the transparency log: from the last position, read a
 * batch, process it, go on after it; once nothing is left, wait for the poll interval or the
 * doorbell. A failed pass is retried from what the store holds after a back-off that grows with
 * the failures in a row, so the follower falls behind but skips and doubles nothing. A stop takes
 * effect between batches: the batch in flight is processed whole.
 */
export class CatchUpLoop<P, B extends CatchUpBatch<P>> {
  private stopping = false;
  private running: Promise<void> | undefined;
  /** Passes run one after another: two side by side would process the same batch twice. */
  private passing: Promise<unknown> = Promise.resolve();
  private readonly idle = new WakeableSleep();
  private readonly backoff = new WakeableSleep();
  /** The doorbell rang during a pass: the next starts without waiting. */
  private rung = false;
  private failures = 0;
  private error: string | null = null;

  constructor(
    private readonly source: CatchUpSource<P, B>,
    private readonly options: CatchUpOptions,
  ) {}

  /** Passes of `run` that failed since a batch last went through. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** The message of the last of those failures; null when there are none. */
  get lastError(): string | null {
    return this.error;
  }

  /** One pass now, after the one in flight: processes batches until none is left (or a stop). Resolves with the items read. */
  catchUp(onBatch?: (batch: B, readSoFar: number) => void): Promise<number> {
    return this.exclusive(() => this.pass(onBatch));
  }

  /** Passes until `stop`; resolves once stopped. */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** Resolves once the loop has ended: the batch in flight is processed first, the wait is cut short. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.idle.wake();
    this.backoff.wake();
    // Whoever called `run` hears how it failed.
    await this.running?.catch(() => undefined);
    await this.passing;
  }

  private async loop(): Promise<void> {
    const unsubscribe = this.options.wakeOn?.(() => {
      this.rung = true;
      this.idle.wake();
    });
    try {
      while (!this.stopping) {
        this.rung = false;
        try {
          await this.exclusive(async () => {
            await this.pass();
            this.source.passed?.();
          });
          // Also when the pass found nothing: the source answers again.
          this.succeeded();
        } catch (error) {
          this.failures += 1;
          this.error = messageOf(error);
          await this.source.failed?.(error, this.failures);
          if (!this.stopping) await this.backoff.sleep(backoffMs(this.failures, this.options.maxBackoffMs ?? 5000));
          continue;
        }
        if (!this.rung && !this.stopping) await this.idle.sleep(this.options.pollIntervalMs);
      }
    } finally {
      unsubscribe?.();
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.passing.then(work);
    this.passing = turn.catch(() => undefined);
    return turn;
  }

  private async pass(onBatch?: (batch: B, readSoFar: number) => void): Promise<number> {
    let read = 0;
    let next = await this.source.read(await this.source.start());
    while (next) {
      const batch = next;
      const processing = this.source.process(batch);
      const ahead = this.options.readAhead && !this.stopping ? this.source.read(batch.last) : undefined;
      // Awaited below in every case; until then its failure is not "unhandled".
      ahead?.catch(() => undefined);
      try {
        await processing;
      } catch (error) {
        // Nothing left in flight behind a failure: the next pass starts from what the store holds.
        await ahead?.catch(() => undefined);
        throw error;
      }
      read += batch.count;
      this.succeeded();
      onBatch?.(batch, read);
      if (this.stopping) {
        await ahead?.catch(() => undefined);
        break;
      }
      next = await (ahead ?? this.source.read(batch.last));
    }
    return read;
  }

  private succeeded(): void {
    if (this.failures > 0) this.source.recovered?.(this.failures);
    this.failures = 0;
    this.error = null;
  }
}
