import type Database from 'better-sqlite3';
import { buildConsistencyProof, buildInclusionProof, EVENT_LEAF_VERSION, nodeSha256, RightEdgeMemo, UpperNodeCache } from '@tppo/transparency';
import { appendOnlyTriggers, openLogFile } from '../storage/append-only-sqlite';

/** Nodes from this level up are kept in memory (4 bytes a leaf): a proof reads only its lowest three from the file. */
const CACHED_FROM_LEVEL = 3;

/** One event's leaf: where it sits in the log and in the global order of the event store. */
export interface LeafRow {
  readonly leafIndex: number;
  /** The event's global position in the event store, as decimal text (EventStoreDB's do not fit a double). */
  readonly position: string;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly leafHash: Uint8Array;
}

export interface StoredCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed note, exactly as signed and served. */
  readonly note: string;
  readonly cutAt: string;
}

export interface NodeRow {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

/**
 * The transparency log's file: the leaves in log order, the hash of every complete subtree (what
 * proofs are built from), and every checkpoint signed so far. Append-only by triggers: a leaf,
 * node or checkpoint once written is never changed through any connection.
 */
export class TransparencyLogStore {
  private readonly insertLeaf;
  private readonly insertNode;
  private readonly insertCheckpoint;
  private readonly selectNode;
  private readonly selectLeafHash;
  private readonly selectSize;
  private readonly selectLast;
  private readonly selectByStream;
  private readonly selectLatest;
  private readonly selectCheckpoint;
  private readonly selectCheckpointAtLeast;
  private readonly selectCheckpoints;
  private readonly selectLastLeaf;
  private readonly selectLevelFrom;
  private readonly upper = new UpperNodeCache(CACHED_FROM_LEVEL);
  private readonly edges = new RightEdgeMemo();

  private constructor(
    private readonly db: Database.Database,
    /** The file's path, for messages that tell an operator which file to look at. */
    readonly file: string,
  ) {
    this.insertLeaf = db.prepare('INSERT INTO leaves (leaf_index, position, event_id, stream_id, revision, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertNode = db.prepare('INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)');
    this.insertCheckpoint = db.prepare('INSERT INTO checkpoints (size, root_hash, note, cut_at) VALUES (?, ?, ?, ?)');
    this.selectNode = db.prepare('SELECT hash FROM nodes WHERE level = ? AND idx = ?').pluck();
    this.selectLeafHash = db.prepare('SELECT leaf_hash FROM leaves WHERE leaf_index = ?').pluck();
    this.selectSize = db.prepare('SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM leaves').pluck();
    this.selectLast = db.prepare('SELECT position FROM leaves ORDER BY leaf_index DESC LIMIT 1').pluck();
    const leafColumns = 'leaf_index AS leafIndex, position, event_id AS eventId, stream_id AS streamId, revision, leaf_hash AS leafHash';
    this.selectLastLeaf = db.prepare(`SELECT ${leafColumns} FROM leaves ORDER BY leaf_index DESC LIMIT 1`);
    this.selectLevelFrom = db.prepare('SELECT hash FROM nodes WHERE level = ? AND idx >= ? ORDER BY idx').pluck();
    this.selectByStream = db.prepare(`SELECT ${leafColumns} FROM leaves WHERE stream_id = ? ORDER BY leaf_index`);
    const checkpointColumns = 'size, root_hash AS rootHash, note, cut_at AS cutAt';
    this.selectLatest = db.prepare(`SELECT ${checkpointColumns} FROM checkpoints ORDER BY size DESC LIMIT 1`);
    this.selectCheckpoint = db.prepare(`SELECT ${checkpointColumns} FROM checkpoints WHERE size = ?`);
    this.selectCheckpointAtLeast = db.prepare(`SELECT ${checkpointColumns} FROM checkpoints WHERE size >= ? ORDER BY size LIMIT 1`);
    this.selectCheckpoints = db.prepare(`SELECT size, cut_at AS cutAt FROM checkpoints WHERE size < ? ORDER BY size DESC LIMIT ?`);
    for (const row of db.prepare('SELECT level, idx, hash FROM nodes WHERE level >= ? ORDER BY level, idx').raw().iterate(CACHED_FROM_LEVEL)) {
      const [level, index, hash] = row as [number, number, Buffer];
      this.upper.add(level, index, new Uint8Array(hash));
    }
  }

  /** Keeps the nodes of a level that another connection (the log's thread) wrote since. */
  private loadLevel(level: number): void {
    let index = this.upper.count(level);
    for (const hash of this.selectLevelFrom.iterate(level, index)) this.upper.add(level, index++, new Uint8Array(hash as Buffer));
  }

  static open(file: string): TransparencyLogStore {
    const refusal = 'the transparency log is append-only';
    const db = openLogFile(
      file,
      'NORMAL',
      `CREATE TABLE IF NOT EXISTS leaves (
        leaf_index INTEGER PRIMARY KEY, position TEXT NOT NULL, event_id TEXT NOT NULL,
        stream_id TEXT NOT NULL, revision INTEGER NOT NULL, leaf_hash BLOB NOT NULL
      ) STRICT;
      CREATE INDEX IF NOT EXISTS leaves_stream ON leaves (stream_id, leaf_index);
      -- Subtrees of two leaves and more; a leaf's own hash is the level-0 node.
      CREATE TABLE IF NOT EXISTS nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, root_hash BLOB NOT NULL, note TEXT NOT NULL, cut_at TEXT NOT NULL) STRICT;
      ${appendOnlyTriggers('leaves', refusal)}
      ${appendOnlyTriggers('nodes', refusal)}
      ${appendOnlyTriggers('checkpoints', refusal)}`,
    );
    // The leaf format the file was built with. A file from before this stamp has 0 and is told apart by its content.
    if ((db.pragma('user_version', { simple: true }) as number) === 0 && db.prepare('SELECT 1 FROM leaves LIMIT 1').get() === undefined) {
      db.pragma(`user_version = ${EVENT_LEAF_VERSION}`);
    }
    return new TransparencyLogStore(db, file);
  }

  /** The leaf format version stamped on the file; 0 for a file from before the stamp. */
  leafVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Stamps the leaf format on a file from before the stamp, once its leaves were found to be of it. */
  stampLeafVersion(version: number): void {
    this.db.pragma(`user_version = ${version}`);
  }

  /** The newest leaf; undefined when the log is empty. */
  lastLeaf(): LeafRow | undefined {
    return this.selectLastLeaf.get() as LeafRow | undefined;
  }

  /** Leaves in the log. */
  size(): number {
    return this.selectSize.get() as number;
  }

  /** The global position of the newest event in the log; null when empty. */
  lastPosition(): bigint | null {
    const text = this.selectLast.get() as string | undefined;
    return text === undefined ? null : BigInt(text);
  }

  /** Writes a batch of leaves with the subtree nodes they complete (level 0 is the leaf itself), in one transaction. */
  append(leaves: readonly LeafRow[], nodes: readonly NodeRow[]): void {
    this.db.transaction(() => {
      for (const leaf of leaves) this.insertLeaf.run(leaf.leafIndex, leaf.position, leaf.eventId, leaf.streamId, leaf.revision, leaf.leafHash);
      for (const node of nodes) if (node.level > 0) this.insertNode.run(node.level, node.index, node.hash);
    })();
    // Only once committed: a failed batch leaves nothing behind in memory either.
    for (const node of nodes) this.upper.add(node.level, node.index, node.hash);
  }

  /** The hash of a complete subtree; throws when it is not stored (a proof asked beyond the log). Bound, so `store.node` is a NodeSource. */
  node = (level: number, index: number): Uint8Array => {
    if (level >= CACHED_FROM_LEVEL) {
      if (index >= this.upper.count(level)) this.loadLevel(level);
      const cached = this.upper.get(level, index);
      if (cached) return cached;
    }
    const hash = (level === 0 ? this.selectLeafHash.get(index) : this.selectNode.get(level, index)) as Buffer | undefined;
    if (hash === undefined) throw new Error(`The transparency log has no node ${level}/${index}`);
    return new Uint8Array(hash.buffer, hash.byteOffset, hash.byteLength);
  };

  /** RFC 9162 inclusion proof of a leaf in the tree of `size` leaves (right edges folded once per size). */
  inclusionProof(index: number, size: number): Uint8Array[] {
    return buildInclusionProof(nodeSha256, index, size, this.node, this.edges);
  }

  /** RFC 9162 consistency proof from size1 to size2. */
  consistencyProof(size1: number, size2: number): Uint8Array[] {
    return buildConsistencyProof(nodeSha256, size1, size2, this.node, this.edges);
  }

  leavesOfStream(streamId: string): LeafRow[] {
    return this.selectByStream.all(streamId) as LeafRow[];
  }

  saveCheckpoint(checkpoint: StoredCheckpoint): void {
    this.insertCheckpoint.run(checkpoint.size, checkpoint.rootHash, checkpoint.note, checkpoint.cutAt);
  }

  latestCheckpoint(): StoredCheckpoint | undefined {
    return this.selectLatest.get() as StoredCheckpoint | undefined;
  }

  checkpoint(size: number): StoredCheckpoint | undefined {
    return this.selectCheckpoint.get(size) as StoredCheckpoint | undefined;
  }

  /** The first checkpoint that covers at least `size` leaves. */
  checkpointCovering(size: number): StoredCheckpoint | undefined {
    return this.selectCheckpointAtLeast.get(size) as StoredCheckpoint | undefined;
  }

  /** Sizes and times of the checkpoints below `beforeSize`, newest first. */
  checkpointSizes(beforeSize: number, limit: number): { size: number; cutAt: string }[] {
    return this.selectCheckpoints.all(beforeSize, limit) as { size: number; cutAt: string }[];
  }

  close(): void {
    this.db.close();
  }
}
