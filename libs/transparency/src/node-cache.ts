import { HASH_SIZE } from './merkle';

interface Level {
  bytes: Uint8Array;
  count: number;
}

/**
 * The hashes of the complete subtrees from `fromLevel` up, in memory. Level l of a tree of n
 * leaves holds exactly floor(n / 2^l) complete nodes, left to right with no gap, so each level is
 * one growing byte array (32 bytes a node) and a lookup is an offset. From level 3 up it costs
 * 4 bytes per leaf and leaves a proof only its three lowest nodes to read from the file.
 */
export class UpperNodeCache {
  private readonly levels: Level[] = [];

  constructor(readonly fromLevel: number) {}

  /** Keeps a node if it is the next one of its level (nodes of a level are completed in index order). */
  add(level: number, index: number, hash: Uint8Array): void {
    if (level < this.fromLevel || hash.length !== HASH_SIZE) return;
    const row = (this.levels[level - this.fromLevel] ??= { bytes: new Uint8Array(64 * HASH_SIZE), count: 0 });
    if (index !== row.count) return;
    if ((row.count + 1) * HASH_SIZE > row.bytes.length) {
      const grown = new Uint8Array(row.bytes.length * 2);
      grown.set(row.bytes);
      row.bytes = grown;
    }
    row.bytes.set(hash, row.count * HASH_SIZE);
    row.count += 1;
  }

  /** How many nodes of the level are kept (the next one to add has this index). */
  count(level: number): number {
    return this.levels[level - this.fromLevel]?.count ?? 0;
  }

  /** The node's hash, or undefined when it is below `fromLevel` or not kept yet. */
  get(level: number, index: number): Uint8Array | undefined {
    const row = this.levels[level - this.fromLevel];
    if (row === undefined || index >= row.count) return undefined;
    return row.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }
}
