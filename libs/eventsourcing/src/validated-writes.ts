/**
 * The ids of events this process checked against their schema and then appended. A reader in the
 * same process (the projector) takes an id once instead of checking the event again: what it reads
 * back is what was checked. Bounded: the oldest ids go first, and a reader that falls that far
 * behind just checks those events again. A reader in another process has none of these, and
 * checks everything it reads.
 */
export class ValidatedWrites {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 50_000) {}

  add(eventId: string): void {
    this.ids.add(eventId);
    if (this.ids.size > this.capacity) {
      // A Set iterates in insertion order: its first id is the oldest.
      for (const oldest of this.ids) {
        this.ids.delete(oldest);
        break;
      }
    }
  }

  /** True once for an id that was added (and not yet forgotten): the event was checked when written. */
  take(eventId: string): boolean {
    return this.ids.delete(eventId);
  }

  get size(): number {
    return this.ids.size;
  }
}
