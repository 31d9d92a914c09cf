import {
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  NO_STREAM,
  type ReadPosition,
  START,
  StreamNotFoundError,
  type ResolvedEvent as StreamResolvedEvent,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  type AllSubscription,
  type AppendResult,
  type EventRecord,
  type EventStore,
  EventStoreError,
  type ExpectedRevision,
  GENESIS_HASH,
  InvalidAppendError,
  type ReadAllOptions,
  type ReadStreamOptions,
  StoreClosedError,
  type StoredEvent,
  StoreUnavailableError,
  type SubscriptionMessage,
  WrongExpectedRevisionError,
} from '@tppo/eventsourcing';
import { checkAppend } from '../append-checks';
import { fromRecorded, toEventData } from './eventstoredb-envelope';
import { type Follower as BaseFollower, pause, subscriptionOf } from '../follower';

export interface EventStoreDbEventStoreOptions {
  /** EventStoreDB connection string, e.g. `esdb://node1:2113,node2:2113?tls=true`. */
  readonly url: string;
  /** A dropped subscription is opened again after this delay, doubled on each failure up to the maximum. */
  readonly resubscribeDelayMs?: { readonly first: number; readonly max: number };
  /** How long `ping` waits for an answer. */
  readonly pingTimeoutMs?: number;
  /**
   * Prepended to every stream name on the server; reads and subscriptions see only streams with it.
   * Lets several logs share one server (test runs, environments). Empty by default.
   */
  readonly streamPrefix?: string;
}

interface Follower extends BaseFollower {
  /** The client's subscription currently open for this follower. */
  current: AllStreamSubscription | undefined;
}

const READ_PAGE = 512;
const HEAD_PAGE = 32;
const MAX_HEADS = 10_000;

/**
 * The production event store: EventStoreDB through `@eventstore/db-client`.
 *
 * Every append names an exact expected revision (or "no stream"), never "any", and gives each event
 * its envelope's id, so the server itself answers a retried append idempotently. The server does
 * not know the hash chain: the link of an append's first event to the stream's head is checked
 * here, against the head this store last wrote or read, or by reading the event at the expected
 * revision. Events at a revision never change, so that check cannot go stale.
 *
 * $all also holds the server's own events (`$`-types and `$`-streams) and possibly other systems':
 * reads skip them on this side; subscriptions have the server filter out system event types (or,
 * with a stream prefix, every stream without it).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly followers = new Map<Follower, () => Promise<void>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The newest known head of each stream: revision and hash of its last event. */
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: Required<Omit<EventStoreDbEventStoreOptions, 'url'>>,
  ) {}

  /** The client connects on first use: unreachable servers show up as StoreUnavailableError from `ping` and every call. */
  static connect(options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    const streamPrefix = options.streamPrefix ?? '';
    if (streamPrefix.startsWith('$')) throw new StoreUnavailableError(`The stream prefix ${streamPrefix} would name system streams`);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(options.url);
    } catch (error) {
      throw new StoreUnavailableError(`The EventStoreDB connection string is not usable: ${messageOf(error)}`, { cause: error });
    }
    return new EventStoreDbEventStore(client, {
      resubscribeDelayMs: options.resubscribeDelayMs ?? { first: 100, max: 5_000 },
      pingTimeoutMs: options.pingTimeoutMs ?? 2_000,
      streamPrefix,
    });
  }

  appendToStream(streamId: string, expected: ExpectedRevision, events: readonly EventRecord[]): Promise<AppendResult> {
    return this.run(async () => {
      checkAppend(streamId, expected, events);
      await this.checkLink(streamId, expected, events[0]!);
      let result;
      try {
        result = await this.client.appendToStream(this.serverStream(streamId), events.map(toEventData), {
          expectedRevision: expected === 'no_stream' ? NO_STREAM : BigInt(expected),
        });
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          throw new WrongExpectedRevisionError(streamId, expected, typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : -1);
        }
        throw error;
      }
      const revision = Number(result.nextExpectedRevision);
      this.rememberHead(streamId, revision, events[revision - events[0]!.revision]?.hash);
      // Servers before 22.6 answer an idempotent append without its position.
      const position = result.position?.commit ?? (await this.positionOf(streamId, revision));
      return { nextExpectedRevision: revision, position };
    });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.run(async () => {
      let read: StreamResolvedEvent[];
      try {
        read = await this.client.readStream(this.serverStream(streamId), { fromRevision: BigInt(options.fromRevision ?? 0), maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER }).toArray();
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      const events = read.map((resolved) => {
        const event = resolved.event && fromRecorded(resolved.event, this.options.streamPrefix);
        if (!event) throw new StoreUnavailableError(`Event ${resolved.event?.id ?? '?'} of ${streamId} carries no envelope`);
        return event;
      });
      const last = events.at(-1);
      if (last) this.rememberHead(streamId, last.revision, last.hash);
      return events;
    });
  }

  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.run(async () => {
      const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
      const events: StoredEvent[] = [];
      // A forward read of $all includes the event at its start position: `after` is skipped here.
      let seenUpTo = options.after;
      let from: ReadPosition = options.after === undefined ? START : { commit: options.after, prepare: options.after };
      while (events.length < wanted) {
        const page = Math.min(READ_PAGE, wanted - events.length + 1);
        const read: AllStreamResolvedEvent[] = await this.client.readAll({ fromPosition: from, maxCount: page }).toArray();
        let last: AllStreamRecordedEvent | undefined;
        for (const resolved of read) {
          if (!resolved.event) continue;
          last = resolved.event;
          if (seenUpTo !== undefined && last.position.commit <= seenUpTo) continue;
          const event = fromRecorded(last, this.options.streamPrefix);
          if (event && events.length < wanted) events.push(event);
        }
        if (read.length < page || !last) break;
        seenUpTo = last.position.commit;
        from = last.position;
      }
      return events;
    });
  }

  /** EventStoreDB has no count of $all: the events are read forward (bounded) and counted. */
  async countAfter(after: bigint | undefined, atMost: number): Promise<number> {
    return (await this.readAll({ ...(after === undefined ? {} : { after }), maxCount: atMost })).length;
  }

  headPosition(): Promise<bigint | null> {
    return this.run(async () => {
      let from: ReadPosition = END;
      for (;;) {
        const read: AllStreamResolvedEvent[] = await this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: HEAD_PAGE }).toArray();
        let last: AllStreamRecordedEvent | undefined;
        for (const resolved of read) {
          if (!resolved.event) continue;
          if (last !== undefined && resolved.event.position.commit >= last.position.commit) continue;
          last = resolved.event;
          if (fromRecorded(last, this.options.streamPrefix)) return last.position.commit;
        }
        if (read.length < HEAD_PAGE || !last) return null;
        from = last.position;
      }
    });
  }

  async ping(): Promise<void> {
    if (this.closing) throw new StoreClosedError();
    let timer: NodeJS.Timeout | undefined;
    const read = this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.options.pingTimeoutMs} ms`)), this.options.pingTimeoutMs);
    });
    try {
      await Promise.race([read.toArray(), timeout]);
    } catch (error) {
      void read.cancel().catch(() => undefined);
      throw new StoreUnavailableError(`EventStoreDB does not answer: ${messageOf(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  subscribeToAll(options: { readonly after?: bigint } = {}): AllSubscription {
    const follower: Follower = { stopped: false, current: undefined, wake: undefined };
    const subscription = subscriptionOf(follower, this.follow(options.after, follower), () => void follower.current?.unsubscribe().catch(() => undefined));
    this.followers.set(follower, subscription.stop);
    return subscription;
  }

  /**
   * A catch-up subscription that outlives dropped connections: it opens the client's subscription
   * after the last delivered position, and again after a drop, waiting longer after each failure.
   * `caught-up` comes after the event that was the head of the log when the subscription started:
   * the client's own caughtUp signal cannot be placed among buffered events, and older servers do
   * not send it.
   */
  private async *follow(after: bigint | undefined, follower: Follower): AsyncGenerator<SubscriptionMessage> {
    let delivered = after;
    let head: bigint | null | undefined;
    let caughtUp = false;
    let delay = this.options.resubscribeDelayMs.first;
    try {
      while (!follower.stopped && !this.closing) {
        let subscription: AllStreamSubscription | undefined;
        try {
          head ??= await this.headPosition();
          if (!caughtUp && (head === null || (delivered !== undefined && delivered >= head))) {
            caughtUp = true;
            yield { kind: 'caught-up', position: delivered ?? null };
          }
          subscription = this.client.subscribeToAll({
            fromPosition: delivered === undefined ? START : { commit: delivered, prepare: delivered },
            filter: this.options.streamPrefix ? streamNameFilter({ prefixes: [this.options.streamPrefix] }) : excludeSystemEvents(),
          });
          follower.current = subscription;
          if (follower.stopped) return;
          // Not destroyed on leaving the loop: see `finally`.
          for await (const resolved of subscription.iterator({ destroyOnReturn: false }) as AsyncIterable<AllStreamResolvedEvent>) {
            if (follower.stopped) return;
            const recorded = resolved.event;
            if (!recorded || (delivered !== undefined && recorded.position.commit <= delivered)) continue;
            delay = this.options.resubscribeDelayMs.first;
            const event = fromRecorded(recorded, this.options.streamPrefix);
            if (!event) continue;
            if (!caughtUp && event.position > head!) {
              caughtUp = true;
              yield { kind: 'caught-up', position: delivered ?? null };
            }
            delivered = event.position;
            yield { kind: 'event', event };
            if (!caughtUp && event.position >= head!) {
              caughtUp = true;
              yield { kind: 'caught-up', position: event.position };
            }
          }
          // The server ended the subscription without an error: open it again like after a drop.
        } catch (error) {
          if (follower.stopped || this.closing || error instanceof StoreClosedError) return;
        } finally {
          follower.current = undefined;
          // Leaving the loop (stop, break) must end the call on the server too. gRPC reports the end of
          // a cancelled call only once the messages it holds were read: let them flow away unread.
          if (subscription && !subscription.readableEnded) {
            subscription.resume();
            void subscription.unsubscribe().catch(() => undefined);
          }
        }
        if (follower.stopped || this.closing) return;
        await pause(delay, follower);
        delay = Math.min(delay * 2, this.options.resubscribeDelayMs.max);
      }
    } finally {
      this.followers.delete(follower);
    }
  }

  /** Stops every subscription, waits for the calls under way, then releases the client; afterwards every call rejects with StoreClosedError. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.followers.values()].map((stop) => stop()));
      await Promise.allSettled([...this.inFlight]);
      await this.client.dispose();
    })();
    return this.closing;
  }

  /** Runs one call of the port: refused once closed, tracked for `close`, and with the client's errors translated to the port's. */
  private run<T>(call: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new StoreClosedError());
    const running = call().catch((error: unknown) => {
      throw error instanceof EventStoreError ? error : new StoreUnavailableError(`EventStoreDB call failed: ${messageOf(error)}`, { cause: error });
    });
    this.inFlight.add(running);
    const forget = () => this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  private async checkLink(streamId: string, expected: ExpectedRevision, first: EventRecord): Promise<void> {
    let headHash: string | undefined;
    if (expected === 'no_stream') headHash = GENESIS_HASH;
    else {
      const known = this.heads.get(streamId);
      if (known?.revision === expected) headHash = known.hash;
      else {
        const [event] = await this.readStream(streamId, { fromRevision: expected, maxCount: 1 });
        // No event at the expected revision: the server refuses the append with the stream's real revision.
        if (event?.revision !== expected) return;
        headHash = event.hash;
      }
    }
    if (first.prevHash !== headHash) throw new InvalidAppendError(`Event ${first.eventId} does not link to the head of ${streamId} at ${String(expected)}`);
  }

  private rememberHead(streamId: string, revision: number, hash: string | undefined): void {
    if (hash === undefined || (this.heads.get(streamId)?.revision ?? -1) > revision) return;
    if (this.heads.size >= MAX_HEADS) this.heads.clear();
    this.heads.set(streamId, { revision, hash });
  }

  private serverStream(streamId: string): string {
    return this.options.streamPrefix + streamId;
  }

  private async positionOf(streamId: string, revision: number): Promise<bigint> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new StoreUnavailableError(`EventStoreDB acknowledged ${streamId}@${revision} but does not return it`);
    return event.position;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
