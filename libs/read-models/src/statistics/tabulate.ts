/** Below this many people a cell is withheld, so that no individual can be singled out. */
export const MIN_CELL_PEOPLE = 11;

export interface Cell {
  /** The value of each grouping dimension. */
  readonly group: Readonly<Record<string, string>>;
  /** People in the cell, or null when withheld. */
  readonly people: number | null;
  readonly suppressed: boolean;
}

/**
 * Counts people per combination of dimensions, over rows given a batch at a time (a nation's rows
 * need not be held at once). A dimension may give several values for one row (a case with two forms
 * of exploitation counts in both cells), so cells do not add up to a total. Cells under `minimum`
 * are withheld (people null), never rounded or shifted: suppression applies to the whole count.
 */
export class Tally<R> {
  private readonly counts = new Map<string, { group: Record<string, string>; people: number }>();
  private readonly distinct: boolean;

  constructor(
    private readonly dimensions: readonly string[],
    private readonly valuesOf: (row: R, dimension: string) => readonly string[],
    private readonly peopleOf: (row: R) => number,
  ) {
    this.distinct = new Set(dimensions).size === dimensions.length;
  }

  add(rows: readonly R[]): void {
    for (const row of rows) {
      const people = this.peopleOf(row);
      let combinations: string[][] = [[]];
      for (const dimension of this.dimensions) {
        const values = this.valuesOf(row, dimension);
        combinations = combinations.flatMap((c) => values.map((v) => [...c, v]));
      }
      for (const combination of combinations) {
        const cell = this.counts.get(this.keyOf(combination));
        if (cell) cell.people += people;
        else this.counts.set(this.keyOf(combination), { group: this.groupOf(combination), people });
      }
    }
  }

  private groupOf(combination: readonly string[]): Record<string, string> {
    // A dimension named twice keeps its last value, in the group and in the key alike.
    return Object.fromEntries(this.dimensions.map((d, i) => [d, combination[i]!]));
  }

  private keyOf(combination: readonly string[]): string {
    if (this.distinct) return JSON.stringify(combination);
    const group = this.groupOf(combination);
    return JSON.stringify(this.dimensions.map((d) => group[d]));
  }

  cells(minimum = MIN_CELL_PEOPLE): Cell[] {
    return [...this.counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, { group, people }]) => (people < minimum ? { group, people: null, suppressed: true } : { group, people, suppressed: false }));
  }
}

/** The cells of `rows` at once (see Tally). */
export const tabulate = <R>(
  rows: readonly R[],
  dimensions: readonly string[],
  valuesOf: (row: R, dimension: string) => readonly string[],
  peopleOf: (row: R) => number,
  minimum = MIN_CELL_PEOPLE,
): Cell[] => {
  const tally = new Tally(dimensions, valuesOf, peopleOf);
  tally.add(rows);
  return tally.cells(minimum);
};
