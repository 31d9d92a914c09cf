/**
 * transparency-dev's published Merkle test vectors, read at test time from the Go module
 * github.com/transparency-dev/merkle@v0.0.2 as the Go module proxy serves it (`go mod download`
 * checks it against the checksum database). Nothing of it is kept in this repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REFERENCE_MODULE = 'github.com/transparency-dev/merkle@v0.0.2';

export interface ReferenceVectors {
  /** Leaf inputs of the reference tree. */
  readonly leaves: Uint8Array[];
  /** Root hashes of the trees of size 1..8 (index = size − 1). */
  readonly roots: Uint8Array[];
  /** Node hashes of every complete subtree: [level][index]. */
  readonly nodes: Uint8Array[][];
  /** Inclusion proofs: the leaf's 1-based number, the tree size, the proof. */
  readonly inclusion: { leaf: number; size: number; proof: Uint8Array[] }[];
  readonly consistency: { size1: number; size2: number; proof: Uint8Array[] }[];
}

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

/** The hex literals of `hd("…")` / `dh("…", n)` calls in a piece of Go source, in order. */
const literals = (source: string): Uint8Array[] => [...source.matchAll(/(?:hd|dh)\("([0-9a-f]*)"/g)].map((m) => hex(m[1]!));

/** The Go source from `start` to the brace that closes its first block. */
const block = (source: string, start: RegExp): string => {
  const at = source.search(start);
  if (at < 0) throw new Error(`the reference source has no ${start}`);
  let depth = 0;
  for (let i = source.indexOf('{', at); i < source.length; i++) {
    if (source[i] === '{') depth += 1;
    if (source[i] === '}' && --depth === 0) return source.slice(at, i + 1);
  }
  throw new Error(`unbalanced ${start}`);
};

/** Rows `{a, b, nil}` or `{a, b, [][]byte{ … }}` of a Go table. */
const rows = (table: string): { a: number; b: number; proof: Uint8Array[] }[] => {
  const out: { a: number; b: number; proof: Uint8Array[] }[] = [];
  for (const m of table.matchAll(/\{(\d+), (\d+), (nil|\[\]\[\]byte\{([^}]*)\})\}/g)) out.push({ a: Number(m[1]), b: Number(m[2]), proof: m[3] === 'nil' ? [] : literals(m[4]!) });
  return out;
};

export const loadReferenceVectors = (): ReferenceVectors => {
  let dir: string;
  try {
    const out = execFileSync('go', ['mod', 'download', '-json', REFERENCE_MODULE], {
      cwd: mkdtempSync(join(tmpdir(), 'merkle-vectors-')),
      env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'on' },
      timeout: 120_000,
      encoding: 'utf8',
    });
    dir = (JSON.parse(out) as { Dir: string }).Dir;
  } catch (error) {
    throw new Error(
      `The Merkle reference vectors come from ${REFERENCE_MODULE} through the Go module proxy, and that failed: ` +
        `${error instanceof Error ? error.message : String(error)}. Install Go and let it reach proxy.golang.org.`,
    );
  }
  const constants = readFileSync(join(dir, 'testonly/constants.go'), 'utf8');
  const verify = readFileSync(join(dir, 'proof/verify_test.go'), 'utf8');
  return {
    leaves: literals(block(constants, /func LeafInputs\(\)/)),
    roots: literals(block(verify, /\troots = \[\]\[\]byte\{/)),
    nodes: block(constants, /func NodeHashes\(\)/).split(/\}, \{/).map(literals),
    inclusion: rows(block(verify, /\tinclusionProofs = /)).map((r) => ({ leaf: r.a, size: r.b, proof: r.proof })),
    consistency: rows(block(verify, /\tconsistencyProofs = /)).map((r) => ({ size1: r.a, size2: r.b, proof: r.proof })),
  };
};
