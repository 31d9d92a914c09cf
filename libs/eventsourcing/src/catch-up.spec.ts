import { eventually } from '../../../test/support/eventually';
import { type CatchUpBatch, CatchUpLoop, type CatchUpOptions, type CatchUpSource } from './catch-up';

interface Page extends CatchUpBatch<number> {
  readonly items: readonly number[];
}

/** A log of positions 1, 2, 3… and a store that keeps the last processed one; each step can fail or be held back. */
class FakeLog {
  readonly items: number[] = [];
  stored = 0;
  readonly processed: number[][] = [];
  readonly calls: string[] = [];
  failReads = 0;
  failProcesses = 0;
  /** While set, `process` waits for it. */
  hold: Promise<void> | undefined;

  append(count: number): void {
    for (let i = 0; i < count; i += 1) this.items.push(this.items.length + 1);
  }

  readonly source = {
    start: () => this.stored,
    read: async (after: number): Promise<Page | undefined> => {
      this.calls.push(`read after ${after}`);
      if (this.failReads > 0) {
        this.failReads -= 1;
        throw new Error('store unavailable');
      }
      const items = this.items.filter((p) => p > after).slice(0, 2);
      return items.length === 0 ? undefined : { items, count: items.length, last: items.at(-1)! };
    },
    process: async (page: Page): Promise<void> => {
      this.calls.push(`process ${page.items.join(',')}`);
      await this.hold;
      if (this.failProcesses > 0) {
        this.failProcesses -= 1;
        throw new Error('broker down');
      }
      this.processed.push([...page.items]);
      this.stored = page.last;
    },
  };
}

/** A promise and the function that resolves it. */
const gate = (): { opened: Promise<void>; open: () => void } => {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

describe('the catch-up loop', () => {
  const loops: CatchUpLoop<number, Page>[] = [];
  const start = (log: FakeLog, options: Partial<CatchUpOptions> = {}, hooks: Partial<CatchUpSource<number, Page>> = {}) => {
    const loop = new CatchUpLoop<number, Page>({ ...log.source, ...hooks }, { pollIntervalMs: 5, maxBackoffMs: 10, ...options });
    loops.push(loop);
    return { loop, running: loop.run() };
  };
  afterEach(async () => {
    for (const loop of loops.splice(0)) await loop.stop();
    jest.useRealTimers();
  });

  it('processes every batch once, in order, each after the position the one before stored', async () => {
    const log = new FakeLog();
    log.append(5);
    const { loop } = start(log);
    await eventually(() => expect(log.processed).toEqual([[1, 2], [3, 4], [5]]), { what: 'the five items' });
    log.append(1);
    await eventually(() => expect(log.stored).toBe(6), { what: 'the item appended later' });
    await loop.stop();
    expect(log.processed.flat()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('retries a failed batch whole from the stored position, counts the failure, and clears it once a batch goes through', async () => {
    const log = new FakeLog();
    log.append(3);
    log.failProcesses = 1;
    const failed: { failures: number; counted: number; lastError: string | null }[] = [];
    const recovered: number[] = [];
    const { loop } = start(log, {}, {
      failed: (_error, failures) => void failed.push({ failures, counted: loop.consecutiveFailures, lastError: loop.lastError }),
      recovered: (failures) => void recovered.push(failures),
    });
    await eventually(() => expect(log.stored).toBe(3), { what: 'all three items, after one failure' });
    expect(failed).toEqual([{ failures: 1, counted: 1, lastError: 'broker down' }]);
    expect(recovered).toEqual([1]);
    expect(log.processed).toEqual([[1, 2], [3]]);
    expect([loop.consecutiveFailures, loop.lastError]).toEqual([0, null]);
  });

  it('backs off after each failure in a row, doubling from 200 ms up to maxBackoffMs, and a ring does not cut it short', async () => {
    jest.useFakeTimers({ now: 0 });
    const log = new FakeLog();
    log.failReads = 6;
    const failedAt: number[] = [];
    let ring = () => undefined as void;
    start(log, { maxBackoffMs: 1000, wakeOn: (wake) => ((ring = wake), () => undefined) }, {
      failed: () => {
        failedAt.push(Date.now());
        // A commit announced while the loop backs off.
        setTimeout(() => ring(), 50);
      },
    });
    await jest.advanceTimersByTimeAsync(5000);
    expect(failedAt.slice(1).map((at, i) => at - failedAt[i]!)).toEqual([200, 400, 800, 1000, 1000]);
  });

  it('a stop during a batch lets it finish, processes nothing read after it, and resolves once the loop has ended', async () => {
    const log = new FakeLog();
    log.append(4);
    const held = gate();
    log.hold = held.opened;
    const { loop, running } = start(log, { readAhead: true });
    await eventually(() => expect(log.calls).toEqual(['read after 0', 'process 1,2', 'read after 2']), { what: 'the first batch in flight, the next read ahead' });
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    // Every promise that can settle now has (one turn of the event loop, not a timed wait).
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    held.open();
    await stopping;
    await running;
    expect(log.processed).toEqual([[1, 2]]);
    expect(log.stored).toBe(2);
    expect(log.calls).toHaveLength(3);
  });

  it('reads ahead at most one batch, and throws it away when the batch before fails', async () => {
    const log = new FakeLog();
    log.append(4);
    log.failProcesses = 1;
    const { loop } = start(log, { readAhead: true });
    await eventually(() => expect(log.stored).toBe(4), { what: 'all four items' });
    await loop.stop();
    expect(log.calls.slice(0, 7)).toEqual([
      'read after 0', 'process 1,2', 'read after 2',
      // The batch read ahead is not processed: the next pass starts from what the store holds.
      'read after 0', 'process 1,2', 'read after 2', 'process 3,4',
    ]);
    expect(log.processed).toEqual([[1, 2], [3, 4]]);
  });

  it('the doorbell ends the idle wait at once, and is let go when the loop stops', async () => {
    const log = new FakeLog();
    let ring: (() => void) | undefined;
    const { loop } = start(log, { pollIntervalMs: 60_000, wakeOn: (wake) => ((ring = wake), () => (ring = undefined)) });
    await eventually(() => expect(log.calls).toEqual(['read after 0']), { what: 'the first look, then the idle wait' });
    log.append(1);
    ring!();
    // Well within the minute of the poll interval.
    await eventually(() => expect(log.processed).toEqual([[1]]), { what: 'the item the doorbell announced' });
    await loop.stop();
    expect(ring).toBeUndefined();
  });

  it('a pass asked for waits for the loop’s pass in flight instead of processing the same batch beside it', async () => {
    const log = new FakeLog();
    log.append(2);
    const held = gate();
    log.hold = held.opened;
    const { loop } = start(log);
    await eventually(() => expect(log.calls).toEqual(['read after 0', 'process 1,2']), { what: 'the loop’s batch in flight' });
    const asked = loop.catchUp();
    held.open();
    // Beside it, it would have read after 0 too, and processed 1 and 2 a second time.
    expect(await asked).toBe(0);
    expect(log.processed).toEqual([[1, 2]]);
  });
});
