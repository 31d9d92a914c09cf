/**
 * Collects what callers ask of a writer thread during one turn of the event loop and hands it over
 * as one list at the turn's end (setImmediate), or earlier with `flush()`. Each message to a thread
 * wakes it, which cost the event loop more than building the message: the read store's commits and
 * the idempotency store's lookups go through one of these.
 */
export class TurnBatch<T> {
  private items: T[] = [];

  constructor(private readonly send: (items: T[]) => void) {}

  add(item: T): void {
    if (this.items.length === 0) setImmediate(() => this.flush());
    this.items.push(item);
  }

  /** Hands over what was added so far at once, e.g. before a message that must follow it; nothing when empty. */
  flush(): void {
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.send(items);
  }
}
