/**
 * The stand-in's storage: one in-memory transaction log with EventStoreDB's write and read rules.
 * It knows nothing of gRPC; `eventstoredb-stand-in.ts` translates the wire messages.
 */

export interface LoggedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB reports `created`. */
  readonly created: bigint;
  /** Byte offset of the event's record in the log: its commit and its prepare position. */
  readonly position: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** EventStoreDB's expected versions: an exact revision, or one of its three markers. */
export type ExpectedVersion = { readonly kind: 'revision'; readonly revision: bigint } | { readonly kind: 'no_stream' | 'any' | 'stream_exists' };

export type AppendOutcome =
  | { readonly kind: 'written' | 'idempotent'; readonly currentRevision: bigint | null; readonly position: bigint | null }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: bigint | null };

export type ReadStart = { readonly kind: 'start' } | { readonly kind: 'end' } | { readonly kind: 'at'; readonly value: bigint };

/** Fixed cost of a record in the log besides its strings and bodies (EventStoreDB's prepare records are of this order). */
const RECORD_OVERHEAD = 120n;
const TICKS_PER_MS = 10_000n;

export class StandInLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, LoggedEvent[]>();
  private readonly listeners = new Set<() => void>();
  private readonly idempotentPositions: boolean;
  private nextPosition = 0n;

  constructor(options: { readonly systemEvents?: boolean; readonly idempotentPositions?: boolean } = {}) {
    this.idempotentPositions = options.idempotentPositions ?? true;
    // A fresh EventStoreDB's log does not start empty: its first records are the server's own.
    if (options.systemEvents ?? true) {
      const epoch = new TextEncoder().encode(JSON.stringify({ epochNumber: 0, epochPosition: 0 }));
      this.write('$epochs', -1n, [{ id: '00000000-0000-4000-8000-000000000001', type: '$epoch-information', contentType: 'application/json', data: epoch, customMetadata: new Uint8Array() }]);
    }
  }

  /**
   * EventStoreDB's commit check: at the current revision the events are written; behind it, the
   * events must be exactly those that follow the expected revision (idempotent, nothing written),
   * and a batch that matches only in part is a wrong expected version (its "corrupted idempotency").
   */
  append(streamId: string, expected: ExpectedVersion, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? null : BigInt(stream.length - 1);
    const currentNumber = current ?? -1n;
    const wrong = { kind: 'wrong_expected_version', currentRevision: current } as const;
    switch (expected.kind) {
      case 'any':
        return this.write(streamId, currentNumber, events);
      case 'stream_exists':
        return current === null ? wrong : this.write(streamId, currentNumber, events);
      case 'no_stream':
      case 'revision': {
        const expectedNumber = expected.kind === 'revision' ? expected.revision : -1n;
        if (expectedNumber === currentNumber) return this.write(streamId, currentNumber, events);
        if (expectedNumber > currentNumber || events.length === 0) return wrong;
        const following = stream.slice(Number(expectedNumber + 1n), Number(expectedNumber + 1n) + events.length);
        const same = following.length === events.length && following.every((e, i) => e.id === events[i]!.id);
        if (!same) return wrong;
        const last = following.at(-1)!;
        return { kind: 'idempotent', currentRevision: last.revision, position: this.idempotentPositions ? last.position : null };
      }
      default:
        return assertNever(expected);
    }
  }

  /** Events of a stream, or null when the stream does not exist. */
  readStream(streamId: string, from: ReadStart, backwards: boolean, count: bigint): LoggedEvent[] | null {
    const stream = this.streams.get(streamId);
    if (!stream) return null;
    const limit = clampCount(count);
    if (backwards) {
      const top = from.kind === 'end' ? stream.length - 1 : from.kind === 'start' ? 0 : Math.min(Number(from.value), stream.length - 1);
      return stream.slice(Math.max(0, top - limit + 1), top + 1).reverse();
    }
    const first = from.kind === 'end' ? stream.length : from.kind === 'start' ? 0 : Number(from.value);
    return stream.slice(first, first + limit);
  }

  /** $all forwards from a position includes the event at it; backwards from a position starts before it. */
  readAll(from: ReadStart, backwards: boolean, count: bigint, accept: (event: LoggedEvent) => boolean = () => true): LoggedEvent[] {
    const limit = clampCount(count);
    const out: LoggedEvent[] = [];
    if (backwards) {
      let i = from.kind === 'at' ? this.indexAtOrAfter(from.value) - 1 : from.kind === 'end' ? this.all.length - 1 : -1;
      for (; i >= 0 && out.length < limit; i -= 1) if (accept(this.all[i]!)) out.push(this.all[i]!);
      return out;
    }
    let i = from.kind === 'at' ? this.indexAtOrAfter(from.value) : from.kind === 'end' ? this.all.length : 0;
    for (; i < this.all.length && out.length < limit; i += 1) if (accept(this.all[i]!)) out.push(this.all[i]!);
    return out;
  }

  /** Up to `limit` events after `position` (from the start when null), in log order. */
  scanAfter(position: bigint | null, limit: number): LoggedEvent[] {
    const from = position === null ? 0 : this.indexAtOrAfter(position + 1n);
    return this.all.slice(from, from + limit);
  }

  get headPosition(): bigint | null {
    return this.all.at(-1)?.position ?? null;
  }

  /** Called after every write; returns the function that stops listening. */
  onWrite(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(streamId: string, currentNumber: bigint, events: readonly ProposedEvent[]): AppendOutcome {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = [];
      if (events.length > 0) this.streams.set(streamId, stream);
    }
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    let last: LoggedEvent | undefined;
    events.forEach((e, i) => {
      last = { ...e, streamId, revision: currentNumber + 1n + BigInt(i), created, position: this.nextPosition };
      this.nextPosition += RECORD_OVERHEAD + BigInt(Buffer.byteLength(streamId) + Buffer.byteLength(e.type) + e.data.length + e.customMetadata.length);
      stream.push(last);
      this.all.push(last);
    });
    if (last) for (const listener of this.listeners) listener();
    const currentRevision = last?.revision ?? (currentNumber < 0n ? null : currentNumber);
    return { kind: 'written', currentRevision, position: last?.position ?? null };
  }

  private indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.all[middle]!.position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

const clampCount = (count: bigint): number => (count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count));

const assertNever = (value: never): never => {
  throw new Error(`Unexpected ${JSON.stringify(value)}`);
};
