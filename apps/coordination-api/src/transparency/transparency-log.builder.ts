import { hash } from 'node:crypto';
import { CatchUpLoop, canonicalJson, type EventStore, type StoredEvent } from '@tppo/eventsourcing';
import { CompactRange, EVENT_LEAF_VERSION, type EventLeafHeader, eventLeafData, formatCheckpoint, leafHash, nodeSha256, signNote } from '@tppo/transparency';
import { clockFactsOf } from '@tppo/read-models';
import type { LogKey } from './log-key';
import type { LeafRow, NodeRow, StoredCheckpoint, TransparencyLogStore } from './transparency-log.store';

/** The leaf header of a stored event: its envelope without the payload, the payload's hash, and the facts the clocks read. */
export const leafHeaderOf = (event: StoredEvent): EventLeafHeader => ({
  eventId: event.eventId,
  streamId: event.streamId,
  revision: event.revision,
  type: event.type,
  schemaVersion: event.schemaVersion,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  agencyType: event.actor.agencyType,
  unitId: event.actor.unitId,
  correlationId: event.correlationId,
  causationId: event.causationId,
  prevHash: event.prevHash,
  hash: event.hash,
  payloadHash: hash('sha256', canonicalJson(event.data), 'hex'),
  facts: clockFactsOf(event.type, event.data),
});

/** The log's file was not built from this event store, or not with this leaf format: resuming would skip or stall. */
export class TransparencyLogMismatch extends Error {
  override readonly name = 'TransparencyLogMismatch';
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export interface TransparencyLogOptions {
  /** The checkpoint's origin line and the signature's key name. */
  readonly origin: string;
  /** A checkpoint is cut once this many events were added since the last one… */
  readonly checkpointEvents: number;
  /** …or this long after the last one, if the log grew. */
  readonly checkpointSeconds: number;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly now?: () => Date;
  /** Rings when the event store commits in this process, so that the log follows at once. */
  readonly wakeOn?: (wake: () => void) => () => void;
  readonly onError?: (error: unknown, consecutiveFailures: number) => void;
}

/** Events of the log, to become leaves. */
interface EventPage {
  readonly events: readonly StoredEvent[];
  readonly count: number;
  readonly last: bigint;
}

/**
 * Follows the global log of the event store and appends one leaf per event, in the store's order,
 * to an RFC 9162 Merkle tree; cuts and signs checkpoints. It only reads the event store, so it
 * works the same over SQLite and EventStoreDB, and builds the log of an existing event file from
 * its first event on the first start (every position kept: leaf i is the i-th event of the log).
 */
export class TransparencyLogBuilder {
  private range: CompactRange;
  private after: bigint | null = null;
  private lastCutAt: number;
  private readonly loop: CatchUpLoop<bigint | null, EventPage>;

  constructor(
    private readonly events: EventStore,
    private readonly log: TransparencyLogStore,
    private readonly key: LogKey,
    private readonly options: TransparencyLogOptions,
  ) {
    this.range = new CompactRange(nodeSha256);
    this.reload();
    this.lastCutAt = this.now().getTime();
    const source = {
      start: () => this.after,
      read: (after: bigint | null) => this.readPage(after),
      process: async (page: EventPage) => {
        this.appendBatch(page.events);
        this.maybeCut();
      },
      // The time rule also holds when nothing new came.
      passed: () => this.maybeCut(),
      failed: (error: unknown, failures: number) => {
        this.options.onError?.(error, failures);
        this.reload();
      },
    };
    this.loop = new CatchUpLoop(source, { pollIntervalMs: options.pollIntervalMs ?? 50, wakeOn: options.wakeOn });
  }

  /** Size, position and right edge from the file (at start, and after a failed write). */
  private reload(): void {
    this.range = new CompactRange(nodeSha256, this.log.size(), (level, index) => this.log.node(level, index));
    this.after = this.log.lastPosition();
  }

  /**
   * Before resuming: the file's leaves must be of this leaf format, and its last leaf must be the
   * one the event store's event at that position gives now. A replaced event store or a file of an
   * older format would otherwise be followed from a position that means nothing in it. Throws
   * TransparencyLogMismatch, naming the file and what to do.
   */
  async checkResume(): Promise<void> {
    const last = this.log.lastLeaf();
    if (last === undefined) return;
    const version = this.log.leafVersion();
    const rebuild = `Move ${this.log.file} aside (keep it: its checkpoints may be held by others) and start again: the log is then rebuilt from the event store, one leaf per event in its order.`;
    if (version !== 0 && version !== EVENT_LEAF_VERSION) {
      throw new TransparencyLogMismatch(`The transparency log ${this.log.file} holds leaves of format ${version}; this server writes format ${EVENT_LEAF_VERSION}. ${rebuild}`);
    }
    const position = BigInt(last.position);
    const [event] = await this.events.readAll({ ...(position > 0n ? { after: position - 1n } : {}), maxCount: 1 });
    const found = event?.position === position ? event : undefined;
    if (found === undefined || !sameBytes(leafHash(nodeSha256, eventLeafData(leafHeaderOf(found))), last.leafHash)) {
      const there = found === undefined ? 'has no event at that position' : `gives a different leaf for event ${found.eventId} there`;
      const why = version === 0 ? 'the event store was replaced under the log, or the log was built with an older leaf format' : 'the event store was replaced or rewritten under the log';
      throw new TransparencyLogMismatch(
        `The transparency log ${this.log.file} does not match the event store: its last leaf (${last.leafIndex}) is event ${last.eventId} at position ${last.position}, but the event store ${there}; ${why}. ${rebuild}`,
      );
    }
    if (version === 0) this.log.stampLeafVersion(EVENT_LEAF_VERSION);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Leaves in the log now. */
  get treeSize(): number {
    return this.range.size;
  }

  /** Appends every event the store holds beyond the log; resolves with how many. */
  catchUp(): Promise<number> {
    return this.loop.catchUp();
  }

  private async readPage(after: bigint | null): Promise<EventPage | undefined> {
    const events = await this.events.readAll({ ...(after === null ? {} : { after }), maxCount: this.options.batchSize ?? 1000 });
    return events.length === 0 ? undefined : { events, count: events.length, last: events.at(-1)!.position };
  }

  private appendBatch(batch: readonly StoredEvent[]): void {
    const leaves: LeafRow[] = [];
    const nodes: NodeRow[] = [];
    // Folded on a copy, adopted once written: a failed write leaves memory as the file is.
    const range = this.range.clone();
    for (const event of batch) {
      const leaf = leafHash(nodeSha256, eventLeafData(leafHeaderOf(event)));
      leaves.push({ leafIndex: range.size, position: event.position.toString(), eventId: event.eventId, streamId: event.streamId, revision: event.revision, leafHash: leaf });
      nodes.push(...range.append(leaf));
    }
    this.log.append(leaves, nodes);
    this.range = range;
    this.after = batch[batch.length - 1]!.position;
  }

  private maybeCut(): void {
    const last = this.log.latestCheckpoint()?.size ?? 0;
    if (this.range.size === last) return;
    const due = this.range.size - last >= this.options.checkpointEvents || this.now().getTime() - this.lastCutAt >= this.options.checkpointSeconds * 1000;
    if (due) this.cut();
  }

  /** Signs a checkpoint of the tree as it stands (or returns the last one when nothing was added). */
  private cut(): StoredCheckpoint {
    const latest = this.log.latestCheckpoint();
    if (latest && latest.size === this.range.size) return latest;
    const rootHash = this.range.root();
    const body = formatCheckpoint({ origin: this.options.origin, size: this.range.size, rootHash });
    const note = signNote(body, this.options.origin, (message) => this.key.sign(message), nodeSha256, this.key.publicKey);
    const checkpoint: StoredCheckpoint = { size: this.range.size, rootHash, note, cutAt: this.now().toISOString() };
    this.log.saveCheckpoint(checkpoint);
    this.lastCutAt = this.now().getTime();
    return checkpoint;
  }

  /** Catches up with the event store and signs a checkpoint that covers everything in it now. */
  async checkpointNow(): Promise<StoredCheckpoint> {
    // The loop's passes wait for this one (and this one for them): none appends the same events twice.
    await this.loop.catchUp();
    return this.cut();
  }

  /** Follows the event store until `stop`. */
  run(): Promise<void> {
    return this.loop.run();
  }

  /** Resolves once `run` and any pass of `checkpointNow` have ended. */
  stop(): Promise<void> {
    return this.loop.stop();
  }
}
