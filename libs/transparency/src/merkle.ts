/**
 * An RFC 9162 (RFC 6962) Merkle tree over a log: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖
 * left ‖ right), empty tree = SHA-256(""). Proofs are built from the hashes of *complete* subtrees
 * only, which a store writes once as leaves arrive and never changes; the incomplete right edge of
 * a tree ("ephemeral" node) is folded from the complete nodes under it when a proof is built.
 *
 * Pure and dependency-free: the hash is passed in, so the verifying half runs in a browser too.
 * Sizes and indexes are plain numbers (exact up to 2^53 − 1, far beyond any case log); the bit
 * arithmetic below therefore splits numbers into 32-bit halves instead of using `>>`.
 */

export type Sha256 = (data: Uint8Array) => Uint8Array;

/** The complete subtree at `level` covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Gives the stored hash of a complete subtree node. May throw when the store lacks it. */
export type NodeSource = (level: number, index: number) => Uint8Array;

/** Hash length of SHA-256; every leaf, node, root and proof hash has it. */
export const HASH_SIZE = 32;

const concat = (prefix: number, ...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = prefix;
  let at = 1;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

export const leafHash = (sha: Sha256, data: Uint8Array): Uint8Array => sha(concat(0x00, data));

// Hashing a node is the hot path of provers and verifiers: its 65 input bytes are written into one
// buffer instead of a new one per node. Safe because a Sha256 returns a fresh digest and keeps no
// reference to its input, and nothing here is re-entered while the buffer is filled.
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;
export const nodeHash = (sha: Sha256, left: Uint8Array, right: Uint8Array): Uint8Array => {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return sha(concat(0x01, left, right));
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return sha(nodeInput);
};
export const emptyRoot = (sha: Sha256): Uint8Array => sha(new Uint8Array(0));

// 53-bit-safe bit arithmetic (JS bitwise operators truncate to 32 bits).
const TWO32 = 2 ** 32;
const hi32 = (x: number): number => Math.floor(x / TWO32);
const lo32 = (x: number): number => x >>> 0;
const bitLength = (x: number): number => (hi32(x) > 0 ? 64 - Math.clz32(hi32(x)) : 32 - Math.clz32(lo32(x)));
const xor = (a: number, b: number): number => ((hi32(a) ^ hi32(b)) >>> 0) * TWO32 + ((lo32(a) ^ lo32(b)) >>> 0);
const ctz32 = (x: number): number => 31 - Math.clz32(x & -x);
/** Trailing zero bits of x > 0. */
const trailingZeros = (x: number): number => (lo32(x) !== 0 ? ctz32(lo32(x)) : 32 + ctz32(hi32(x)));
const shr = (x: number, k: number): number => Math.floor(x / 2 ** k);
const isPowerOfTwo = (n: number): boolean => n > 0 && 2 ** trailingZeros(n) === n;
/** The largest power of two strictly below n (n ≥ 2): RFC 9162's split point k. */
const splitPoint = (n: number): number => 2 ** (bitLength(n - 1) - 1);
const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The complete subtrees covering leaves [begin, end), left to right (maximal aligned blocks). */
export const rangeNodes = (begin: number, end: number): NodeId[] => {
  const out: NodeId[] = [];
  for (let pos = begin; pos < end; ) {
    const fit = bitLength(end - pos) - 1;
    const level = pos === 0 ? fit : Math.min(trailingZeros(pos), fit);
    out.push({ level, index: shr(pos, level) });
    pos += 2 ** level;
  }
  return out;
};

/** MTH of leaves [start, end) from stored nodes: complete aligned ranges are one node, others are split as RFC 9162 does. */
export const rangeHash = (sha: Sha256, start: number, end: number, node: NodeSource): Uint8Array => {
  const width = end - start;
  if (isPowerOfTwo(width) && start % width === 0) return node(trailingZeros(width), start / width);
  const k = splitPoint(width);
  return nodeHash(sha, rangeHash(sha, start, start + k, node), rangeHash(sha, start + k, end, node));
};

/** Folds hashes of adjacent complete subtrees, given right to left, into the hash of their union. */
const foldRight = (sha: Sha256, hashes: readonly Uint8Array[]): Uint8Array => {
  let acc = hashes[0]!;
  for (let i = 1; i < hashes.length; i++) acc = nodeHash(sha, hashes[i]!, acc);
  return acc;
};

/** The root hash of a tree of `size` leaves, from the O(log n) complete nodes along its left border. */
export const rootHash = (sha: Sha256, size: number, node: NodeSource): Uint8Array => {
  if (!isSize(size)) throw new RangeError(`bad size ${size}`);
  if (size === 0) return emptyRoot(sha);
  return foldRight(sha, rangeNodes(0, size).reverse().map((id) => node(id.level, id.index)));
};

/**
 * What a prover fetches for a proof: complete nodes in proof order (bottom-up), of which
 * ids[begin, end) — when non-empty — are folded into one hash, the ephemeral node on the tree's
 * right edge (lowest node first, each next one its left neighbour). Everything else is used as is.
 * Lets a store fetch all nodes of a proof in one query before any hashing.
 */
export interface ProofNodes {
  readonly ids: readonly NodeId[];
  readonly begin: number;
  readonly end: number;
}

const skipFirst = (p: ProofNodes): ProofNodes => ({ ids: p.ids.slice(1), begin: p.begin < p.end ? p.begin - 1 : 0, end: p.begin < p.end ? p.end - 1 : 0 });

/**
 * The nodes proving that the complete node (level, index) is in the tree of `size` leaves, the node
 * itself first. Above it, up to the `fork` (where its path leaves the path to leaf size−1), come its
 * siblings; the fork's right sibling is incomplete and is covered by the complete nodes of the
 * range [fork end, size); the left range [0, fork begin) completes the path to the root.
 */
const pathNodes = (index: number, level: number, size: number): ProofNodes => {
  const inner = bitLength(xor(index, shr(size, level))) - 1;
  const forkLevel = level + inner;
  const forkIndex = shr(index, inner);
  const ids: NodeId[] = [{ level, index }];
  for (let l = level, i = index; l < forkLevel; l++, i = Math.floor(i / 2)) ids.push({ level: l, index: i % 2 === 0 ? i + 1 : i - 1 });
  const begin = ids.length;
  ids.push(...rangeNodes((forkIndex + 1) * 2 ** forkLevel, size).reverse());
  const end = ids.length;
  ids.push(...rangeNodes(0, forkIndex * 2 ** forkLevel).reverse());
  return begin < end ? { ids, begin, end } : { ids, begin: 0, end: 0 };
};

/** Nodes of the inclusion proof of leaf `index` in the tree of `size` leaves. Throws RangeError unless 0 ≤ index < size. */
export const inclusionNodes = (index: number, size: number): ProofNodes => {
  if (!isSize(size) || !isSize(index) || index >= size) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  return skipFirst(pathNodes(index, 0, size));
};

/**
 * Nodes of the consistency proof from size1 to size2: the inclusion path of the rightmost complete
 * node of the old tree, that node first unless the old tree is itself complete (the verifier has its
 * root). Empty when size1 is 0 or equals size2. Throws RangeError unless 0 ≤ size1 ≤ size2.
 */
export const consistencyNodes = (size1: number, size2: number): ProofNodes => {
  if (!isSize(size1) || !isSize(size2) || size1 > size2) throw new RangeError(`no consistency proof from ${size1} to ${size2}`);
  if (size1 === 0 || size1 === size2) return { ids: [], begin: 0, end: 0 };
  const level = trailingZeros(size1);
  const p = pathNodes(shr(size1 - 1, level), level, size2);
  return isPowerOfTwo(size1) ? skipFirst(p) : p;
};

/** Turns the hashes of `nodes.ids` (same order) into the proof: folds the ephemeral block, keeps the rest. */
export const rehash = (sha: Sha256, nodes: ProofNodes, hashes: readonly Uint8Array[]): Uint8Array[] => {
  if (hashes.length !== nodes.ids.length) throw new RangeError(`${hashes.length} hashes for ${nodes.ids.length} nodes`);
  if (nodes.begin >= nodes.end) return [...hashes];
  return [...hashes.slice(0, nodes.begin), foldRight(sha, hashes.slice(nodes.begin, nodes.end)), ...hashes.slice(nodes.end)];
};

const fetchAll = (nodes: ProofNodes, node: NodeSource): Uint8Array[] => nodes.ids.map((id) => node(id.level, id.index));

/**
 * The folded right-edge (ephemeral) nodes of proofs, by tree size and leftmost node: a tree has at
 * most log n of them and every proof in it that passes its right edge needs one, so a prover that
 * keeps this answers most proofs of a checkpoint without folding or reading the edge again.
 */
export class RightEdgeMemo {
  private readonly folded = new Map<string, Uint8Array>();

  constructor(private readonly limit = 4096) {}

  hash(sha: Sha256, size: number, nodes: ProofNodes, node: NodeSource): Uint8Array {
    // The block covers [start of its leftmost node, size): the size and that node name it.
    const leftmost = nodes.ids[nodes.end - 1]!;
    const key = `${size}/${leftmost.level}/${leftmost.index}`;
    let hash = this.folded.get(key);
    if (hash === undefined) {
      hash = foldRight(sha, fetchAll({ ids: nodes.ids.slice(nodes.begin, nodes.end), begin: 0, end: 0 }, node));
      // Old tree sizes stop being asked for; starting afresh bounds the memory without bookkeeping.
      if (this.folded.size >= this.limit) this.folded.clear();
      this.folded.set(key, hash);
    }
    return hash;
  }
}

/** A proof from its nodes: the ephemeral block folded (or taken from `edges`), the rest as stored. */
const proofOf = (sha: Sha256, size: number, nodes: ProofNodes, node: NodeSource, edges?: RightEdgeMemo): Uint8Array[] => {
  if (!edges || nodes.begin >= nodes.end) return rehash(sha, nodes, fetchAll(nodes, node));
  const out: Uint8Array[] = [];
  for (let i = 0; i < nodes.begin; i++) out.push(node(nodes.ids[i]!.level, nodes.ids[i]!.index));
  out.push(edges.hash(sha, size, nodes, node));
  for (let i = nodes.end; i < nodes.ids.length; i++) out.push(node(nodes.ids[i]!.level, nodes.ids[i]!.index));
  return out;
};

/** RFC 9162 §2.1.3.1 PATH(index, D[0:size]) from stored complete nodes. Throws RangeError unless 0 ≤ index < size. */
export const buildInclusionProof = (sha: Sha256, index: number, size: number, node: NodeSource, edges?: RightEdgeMemo): Uint8Array[] =>
  proofOf(sha, size, inclusionNodes(index, size), node, edges);

/** RFC 9162 §2.1.4.1 PROOF(size1, D[0:size2]) from stored complete nodes (empty for size1 0 or size1 = size2). */
export const buildConsistencyProof = (sha: Sha256, size1: number, size2: number, node: NodeSource, edges?: RightEdgeMemo): Uint8Array[] =>
  proofOf(sha, size2, consistencyNodes(size1, size2), node, edges);

const equal = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};
const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_SIZE;
const isProof = (proof: unknown): proof is readonly Uint8Array[] => Array.isArray(proof) && proof.every(isHash);

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or undefined when the input cannot be
 * a proof of that leaf in that tree (index ≥ size, hashes not 32 bytes, too few or too many hashes).
 * Never throws.
 */
export const rootFromInclusionProof = (sha: Sha256, leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Uint8Array | undefined =>
  walkInclusion(leaf, index, size, proof, (_fn, _sn, left, right) => nodeHash(sha, left, right));

/** The loop of RFC 9162 §2.1.3.2; `hash` gets the path's state (fn, sn) before the step beside its two inputs. */
const walkInclusion = (
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  hash: (fn: number, sn: number, left: Uint8Array, right: Uint8Array) => Uint8Array,
): Uint8Array | undefined => {
  if (!isSize(size) || !isSize(index) || index >= size || !isHash(leaf) || !isProof(proof)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = hash(fn, sn, p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hash(fn, sn, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
};

const sameHash = (a: Uint8Array, b: Uint8Array): boolean => a === b || equal(a, b);

/**
 * Checks many inclusion proofs in one tree (the events of one evidence bundle), hashing each node
 * of the paths once: proofs of leaves close together share their upper path, and a step whose two
 * inputs are those of a step already taken at the same place takes its result. Both inputs are
 * still compared byte for byte, so every verdict is verifyInclusion's.
 */
export class InclusionVerifier {
  private readonly steps = new Map<string, { readonly left: Uint8Array; readonly right: Uint8Array; readonly parent: Uint8Array }>();

  constructor(
    private readonly sha: Sha256,
    readonly size: number,
    private readonly root: Uint8Array,
  ) {}

  /** Same as verifyInclusion(sha, leaf, index, size, proof, root). Never throws. */
  verify(leaf: Uint8Array, index: number, proof: readonly Uint8Array[]): boolean {
    const computed = walkInclusion(leaf, index, this.size, proof, (fn, sn, left, right) => {
      const key = `${fn}/${sn}`;
      const seen = this.steps.get(key);
      if (seen && sameHash(seen.left, left) && sameHash(seen.right, right)) return seen.parent;
      const parent = nodeHash(this.sha, left, right);
      this.steps.set(key, { left, right, parent });
      return parent;
    });
    return computed !== undefined && isHash(this.root) && equal(computed, this.root);
  }
}

/** RFC 9162 §2.1.3.2: `leaf` (a leaf hash) is at `index` in the tree of `size` leaves with `root`. Never throws. */
export const verifyInclusion = (sha: Sha256, leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean => {
  const computed = rootFromInclusionProof(sha, leaf, index, size, proof);
  return computed !== undefined && isHash(root) && equal(computed, root);
};

/**
 * RFC 9162 §2.1.4.2: the tree of size2 with root2 extends the tree of size1 with root1. Never throws.
 * Edge cases: size1 = size2 holds only with an empty proof and equal roots; size1 = 0 < size2 holds
 * only with an empty proof (every tree extends the empty one; root1 is not looked at); size1 > size2
 * never holds.
 */
export const verifyConsistency = (sha: Sha256, size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean => {
  if (!isSize(size1) || !isSize(size2) || size1 > size2 || !isProof(proof)) return false;
  if (size1 === size2) return proof.length === 0 && isHash(root1) && isHash(root2) && equal(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0 || !isHash(root1) || !isHash(root2)) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(sha, c, fr);
      sr = nodeHash(sha, c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sha, sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
};

/** A complete node with its hash, as a store keeps it. */
export interface StoredNode extends NodeId {
  readonly hash: Uint8Array;
}

/**
 * The log's right edge as leaves arrive: appends leaf hashes one by one and reports the complete
 * subtree nodes each one finishes (for the store to keep), with the root of the current size in
 * O(log n). One node hash per completed node: O(1) amortised hashing per leaf.
 */
export class CompactRange {
  /** The complete nodes covering [0, size), left to right, largest first. */
  private readonly edge: StoredNode[] = [];
  private count = 0;

  /** Resumes a tree of `size` leaves from its stored nodes (only its O(log n) left-border nodes are read). */
  constructor(
    private readonly sha: Sha256,
    size = 0,
    node?: NodeSource,
  ) {
    if (!isSize(size)) throw new RangeError(`bad size ${size}`);
    if (size > 0 && !node) throw new RangeError('a non-empty range needs its stored nodes');
    for (const id of rangeNodes(0, size)) this.edge.push({ ...id, hash: node!(id.level, id.index) });
    this.count = size;
  }

  get size(): number {
    return this.count;
  }

  /** Adds a leaf hash; returns the nodes it completes, the leaf itself first, then upwards. */
  append(leaf: Uint8Array): StoredNode[] {
    if (!isHash(leaf)) throw new RangeError('a leaf hash has 32 bytes');
    let node: StoredNode = { level: 0, index: this.count, hash: leaf };
    const done = [node];
    while (node.index % 2 === 1) {
      const left = this.edge.pop()!;
      node = { level: node.level + 1, index: (node.index - 1) / 2, hash: nodeHash(this.sha, left.hash, node.hash) };
      done.push(node);
    }
    this.edge.push(node);
    this.count += 1;
    return done;
  }

  root(): Uint8Array {
    if (this.edge.length === 0) return emptyRoot(this.sha);
    return foldRight(this.sha, this.edge.map((n) => n.hash).reverse());
  }

  /** A copy that can go on alone (a batch is folded on a copy and adopted once written). */
  clone(): CompactRange {
    const copy = new CompactRange(this.sha);
    copy.edge.push(...this.edge);
    copy.count = this.count;
    return copy;
  }
}

/** Where complete node hashes are kept: written once as leaves arrive, read by provers. */
export interface NodeStore {
  get(level: number, index: number): Uint8Array;
  put(level: number, index: number, hash: Uint8Array): void;
}

/** Complete-subtree hashes in memory, for tests and benchmarks. `get` is bound, so `store.get` is a NodeSource. */
export class MemoryNodeStore implements NodeStore {
  private readonly levels: Uint8Array[][] = [];

  put(level: number, index: number, hash: Uint8Array): void {
    (this.levels[level] ??= [])[index] = hash;
  }

  get = (level: number, index: number): Uint8Array => {
    const hash = this.levels[level]?.[index];
    if (hash === undefined) throw new RangeError(`no node ${level}/${index}`);
    return hash;
  };
}
