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
 * Counts people per combination of dimensions. A dimension may give several values for one row (a
 * case with two forms of exploitation counts in both cells), so cells do not add up to a total.
 * Cells under `minimum` are withheld (people null), never rounded or shifted.
 */
export const tabulate = <R>(
  rows: readonly R[],
  dimensions: readonly string[],
  valuesOf: (row: R, dimension: string) => readonly string[],
  peopleOf: (row: R) => number,
  minimum = MIN_CELL_PEOPLE,
): Cell[] => {
  const cells = new Map<string, { group: Record<string, string>; people: number }>();
  for (const row of rows) {
    let groups: Record<string, string>[] = [{}];
    for (const dimension of dimensions) groups = groups.flatMap((g) => valuesOf(row, dimension).map((v) => ({ ...g, [dimension]: v })));
    for (const group of groups) {
      const key = JSON.stringify(dimensions.map((d) => group[d]));
      const cell = cells.get(key) ?? { group, people: 0 };
      cell.people += peopleOf(row);
      cells.set(key, cell);
    }
  }
  return [...cells.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { group, people }]) => (people < minimum ? { group, people: null, suppressed: true } : { group, people, suppressed: false }));
};
