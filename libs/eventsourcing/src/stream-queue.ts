/**
 * Runs the work for one key after the work queued before it for the same key, and at once when
 * nothing is queued for it. Commands on one case then take their turn in this process instead of
 * racing to the same revision (each loser re-decides, and a burst runs out of re-decisions); work on
 * different keys never waits for each other. A conflict is left for writers in other processes.
 */
export class KeyedQueue {
  /** The last work queued per key; removed when it settles and nothing came after it. */
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Keys with work running or waiting. */
  get size(): number {
    return this.tails.size;
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    // A failure of the work before is its caller's; this work runs after it all the same.
    const result = before === undefined ? work() : before.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
