import type { DocumentFilter, IndexedField, ReadStore } from '@tppo/read-store';

/** The fields read routes filter clocks on, indexed by the read store (see read.module.ts). */
export const CLOCK_INDEXES: readonly IndexedField[] = [
  { projection: 'clocks', field: 'caseId' },
  { projection: 'clocks', field: 'responsibleUnitId' },
];

/**
 * Every document the store finds, gathered from its scan: no cap that would cut a long list short
 * without a word. For lists that are bounded by what they are (one case's clocks, one unit's).
 */
export const everyDocument = async <D>(reads: ReadStore, projection: string, filter: DocumentFilter): Promise<D[]> => {
  const all: D[] = [];
  for await (const page of reads.scan<D>(projection, filter)) all.push(...page);
  return all;
};

/** Byte order of a text field, missing first (as SQLite sorts it), then of a tie-breaking one. */
export const byFieldThen =
  <D>(field: keyof D, tie: keyof D) =>
  (a: D, b: D): number => {
    const [x, y] = [a[field] as string | undefined, b[field] as string | undefined];
    if (x !== y) return x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1;
    const [p, q] = [a[tie] as string, b[tie] as string];
    return p < q ? -1 : p > q ? 1 : 0;
  };
