import { buildConsistencyProof, buildInclusionProof, CompactRange, emptyRoot, InclusionVerifier, leafHash, MemoryNodeStore, nodeHash, RightEdgeMemo, rootHash, verifyConsistency, verifyInclusion } from './merkle';
import { UpperNodeCache } from './node-cache';
import { nodeSha256 as sha } from './node-crypto';
import { loadReferenceVectors, type ReferenceVectors } from './testing/reference-vectors';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** RFC 9162 MTH, written straight from the definition: the independent reference. */
const mth = (leaves: readonly Uint8Array[]): Uint8Array => {
  if (leaves.length === 0) return emptyRoot(sha);
  if (leaves.length === 1) return leafHash(sha, leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(sha, mth(leaves.slice(0, k)), mth(leaves.slice(k)));
};

/** A tree built leaf by leaf, as the log builds it. */
const grow = (leaves: readonly Uint8Array[]) => {
  const store = new MemoryNodeStore();
  const range = new CompactRange(sha);
  const roots = [emptyRoot(sha)];
  for (const leaf of leaves) {
    for (const node of range.append(leafHash(sha, leaf))) store.put(node.level, node.index, node.hash);
    roots.push(range.root());
  }
  return { store, range, roots };
};

/** A small seeded PRNG (mulberry32): the same trees on every run. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const randomLeaves = (random: () => number, n: number) => Array.from({ length: n }, () => Uint8Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256)));
const flip = (bytes: Uint8Array, bit: number) => {
  const copy = bytes.slice();
  copy[bit >> 3] = copy[bit >> 3]! ^ (1 << (bit & 7));
  return copy;
};

describe("transparency-dev's reference vectors (downloaded at test time)", () => {
  let ref: ReferenceVectors;
  beforeAll(() => {
    ref = loadReferenceVectors();
  }, 150_000);

  it('were found in the module: 8 leaves, 8 roots, 4 levels of nodes, the proof tables', () => {
    expect(ref.leaves).toHaveLength(8);
    expect(ref.roots).toHaveLength(8);
    expect(ref.nodes.map((level) => level.length)).toEqual([8, 4, 2, 1]);
    expect(ref.inclusion.length).toBeGreaterThanOrEqual(6);
    expect(ref.consistency.length).toBeGreaterThanOrEqual(5);
  });

  it('gives the same leaf and node hashes and the same root for every size', () => {
    const { store, roots } = grow(ref.leaves);
    ref.nodes.forEach((level, l) => level.forEach((h, i) => expect(hex(store.get(l, i))).toBe(hex(h))));
    ref.roots.forEach((root, i) => {
      expect(hex(roots[i + 1]!)).toBe(hex(root));
      expect(hex(rootHash(sha, i + 1, store.get))).toBe(hex(root));
    });
    expect(hex(roots[0]!)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('builds and verifies exactly the published inclusion proofs', () => {
    const { store } = grow(ref.leaves);
    const valid = ref.inclusion.filter((p) => p.leaf >= 1);
    expect(valid.length).toBeGreaterThanOrEqual(5);
    for (const { leaf, size, proof } of valid) {
      expect(buildInclusionProof(sha, leaf - 1, size, store.get).map(hex)).toEqual(proof.map(hex));
      expect(verifyInclusion(sha, leafHash(sha, ref.leaves[leaf - 1]!), leaf - 1, size, proof, ref.roots[size - 1]!)).toBe(true);
    }
  });

  it('builds and verifies exactly the published consistency proofs', () => {
    const { store } = grow(ref.leaves);
    for (const { size1, size2, proof } of ref.consistency) {
      expect(buildConsistencyProof(sha, size1, size2, store.get).map(hex)).toEqual(proof.map(hex));
      expect(verifyConsistency(sha, size1, size2, proof, ref.roots[size1 - 1]!, ref.roots[size2 - 1]!)).toBe(true);
    }
  });
});

describe('random trees: every proof verifies, every changed bit fails', () => {
  const random = prng(20261207);
  const sizes = [...Array.from({ length: 64 }, (_, i) => i + 1), ...Array.from({ length: 20 }, () => 65 + Math.floor(random() * 236)), 1023, 1024, 1025, 4097];
  const big = randomLeaves(random, 4097);
  const { store, roots } = grow(big);

  it('matches the definition of MTH for every size', () => {
    for (const n of sizes.filter((s) => s <= 300)) expect(hex(roots[n]!)).toBe(hex(mth(big.slice(0, n))));
    for (const n of [1023, 1024, 1025]) expect(hex(rootHash(sha, n, store.get))).toBe(hex(mth(big.slice(0, n))));
  });

  it('proves inclusion of every leaf (a sample in big trees), and refuses any change', () => {
    let checked = 0;
    for (const n of sizes) {
      const indexes = n <= 64 ? Array.from({ length: n }, (_, i) => i) : Array.from({ length: 16 }, () => Math.floor(random() * n));
      for (const i of indexes) {
        const leaf = leafHash(sha, big[i]!);
        const proof = buildInclusionProof(sha, i, n, store.get);
        expect(verifyInclusion(sha, leaf, i, n, proof, roots[n]!)).toBe(true);
        checked += 1;
        if (proof.length > 0) {
          const at = Math.floor(random() * proof.length);
          const bad = proof.map((p, j) => (j === at ? flip(p, Math.floor(random() * 256)) : p));
          expect(verifyInclusion(sha, leaf, i, n, bad, roots[n]!)).toBe(false);
          expect(verifyInclusion(sha, leaf, i, n, proof.slice(0, -1), roots[n]!)).toBe(false);
          expect(verifyInclusion(sha, leaf, i, n, [...proof, proof[0]!], roots[n]!)).toBe(false);
        }
        expect(verifyInclusion(sha, flip(leaf, Math.floor(random() * 256)), i, n, proof, roots[n]!)).toBe(false);
        expect(verifyInclusion(sha, leaf, i, n, proof, flip(roots[n]!, Math.floor(random() * 256)))).toBe(false);
        if (n > 1) expect(verifyInclusion(sha, leaf, (i + 1) % n, n, proof, roots[n]!)).toBe(false);
        // (The size is bound by the signed root, not by the proof: a tree of n + 1 leaves may share a path's shape.)
        expect(verifyInclusion(sha, leaf, n, n, proof, roots[n]!)).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('proves consistency between random sizes, and refuses any change', () => {
    for (let t = 0; t < 600; t++) {
      const n2 = sizes[Math.floor(random() * sizes.length)]!;
      const n1 = 1 + Math.floor(random() * n2);
      const proof = buildConsistencyProof(sha, n1, n2, store.get);
      expect(verifyConsistency(sha, n1, n2, proof, roots[n1]!, roots[n2]!)).toBe(true);
      if (n1 === n2) {
        expect(proof).toEqual([]);
        expect(verifyConsistency(sha, n1, n2, proof, flip(roots[n1]!, 3), roots[n2]!)).toBe(false);
        continue;
      }
      const at = Math.floor(random() * proof.length);
      expect(verifyConsistency(sha, n1, n2, proof.map((p, j) => (j === at ? flip(p, Math.floor(random() * 256)) : p)), roots[n1]!, roots[n2]!)).toBe(false);
      expect(verifyConsistency(sha, n1, n2, proof, flip(roots[n1]!, Math.floor(random() * 256)), roots[n2]!)).toBe(false);
      expect(verifyConsistency(sha, n1, n2, proof, roots[n1]!, flip(roots[n2]!, Math.floor(random() * 256)))).toBe(false);
      expect(verifyConsistency(sha, n1, n2, proof.slice(1), roots[n1]!, roots[n2]!)).toBe(false);
      expect(verifyConsistency(sha, n2, n1, proof, roots[n2]!, roots[n1]!)).toBe(false);
      if (n2 < 4097) expect(verifyConsistency(sha, n1, n2 + 1, proof, roots[n1]!, roots[n2 + 1]!)).toBe(false);
    }
  });

  it('never throws on hostile input', () => {
    const root = roots[8]!;
    expect(verifyInclusion(sha, new Uint8Array(3), 0, 8, [], root)).toBe(false);
    expect(verifyInclusion(sha, root, -1, 8, [], root)).toBe(false);
    expect(verifyInclusion(sha, root, 0.5, 8, [], root)).toBe(false);
    expect(verifyInclusion(sha, root, 0, 2 ** 60, [], root)).toBe(false);
    expect(verifyConsistency(sha, 0, 8, [], root, root)).toBe(true);
    expect(verifyConsistency(sha, 0, 8, [root], root, root)).toBe(false);
    expect(verifyConsistency(sha, 3, 8, [], root, root)).toBe(false);
    expect(verifyConsistency(sha, 3, 8, [new Uint8Array(31)], root, root)).toBe(false);
    expect(() => buildInclusionProof(sha, 8, 8, store.get)).toThrow(RangeError);
    expect(() => buildConsistencyProof(sha, 9, 8, store.get)).toThrow(RangeError);
  });

  it('resumes a range from its stored nodes with the same root and the same next nodes', () => {
    const resumed = new CompactRange(sha, 1000, store.get);
    const fresh = grow(big.slice(0, 1001));
    const next = resumed.append(leafHash(sha, big[1000]!));
    expect(hex(resumed.root())).toBe(hex(fresh.roots[1001]!));
    expect(next.map((n) => `${n.level}/${n.index}`)).toEqual(['0/1000']);
    expect(resumed.append(leafHash(sha, big[1001]!)).map((n) => `${n.level}/${n.index}`)).toEqual(['0/1001', '1/500']);
  });

  it('builds the same proofs with the right edges memoised and the upper nodes cached', () => {
    const edges = new RightEdgeMemo();
    const upper = new UpperNodeCache(3);
    for (let level = 3; level <= 12; level++) for (let index = 0; index < 4097 >> level; index++) upper.add(level, index, store.get(level, index));
    const cached = (level: number, index: number) => upper.get(level, index) ?? store.get(level, index);
    expect(upper.get(2, 0)).toBeUndefined();
    expect(upper.get(3, 4097 >> 3)).toBeUndefined();
    for (let t = 0; t < 3000; t++) {
      const n = sizes[Math.floor(random() * sizes.length)]!;
      const i = Math.floor(random() * n);
      expect(buildInclusionProof(sha, i, n, cached, edges).map(hex)).toEqual(buildInclusionProof(sha, i, n, store.get).map(hex));
      const n1 = 1 + Math.floor(random() * n);
      expect(buildConsistencyProof(sha, n1, n, cached, edges).map(hex)).toEqual(buildConsistencyProof(sha, n1, n, store.get).map(hex));
    }
  });

  it('checks the proofs of many leaves of one tree with the verdicts of verifyInclusion, shared steps or not', () => {
    for (const n of [1, 2, 7, 64, 300, 1025, 4097]) {
      const inclusion = new InclusionVerifier(sha, n, roots[n]!);
      // Neighbours share their upper paths: a bad proof after good ones must still fail at the shared steps.
      for (let t = 0; t < 200; t++) {
        const i = t < 100 ? t % n : Math.floor(random() * n);
        const leaf = leafHash(sha, big[i]!);
        const proof = buildInclusionProof(sha, i, n, store.get);
        expect(inclusion.verify(leaf, i, proof)).toBe(true);
        if (proof.length === 0) continue;
        const at = Math.floor(random() * proof.length);
        const bad = proof.map((p, j) => (j === at ? flip(p, Math.floor(random() * 256)) : p));
        expect(inclusion.verify(leaf, i, bad)).toBe(false);
        expect(inclusion.verify(flip(leaf, Math.floor(random() * 256)), i, proof)).toBe(false);
        expect(inclusion.verify(leaf, i, proof.slice(0, -1))).toBe(false);
        expect(inclusion.verify(leaf, i, proof)).toBe(true);
      }
    }
    expect(new InclusionVerifier(sha, 8, flip(roots[8]!, 1)).verify(leafHash(sha, big[0]!), 0, buildInclusionProof(sha, 0, 8, store.get))).toBe(false);
  });
});
