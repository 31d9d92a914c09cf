import type { CaseStatisticsRow } from '@tppo/read-models';

/**
 * A nation's worth of case-statistics rows, made up (the same every run), to write straight into a
 * read store, and the counts the statistics routes must give for them, worked out here by plain
 * loops that share nothing with the API's own counting.
 */

/** Regency codes of three provinces with task forces (65 Kaltara, 53 NTT, 35 Jatim) and two without, and NTT as a whole. */
const REGIONS = ['65.03', '65.01', '65.71', '53.71', '53.12', '53.10', '53', '35.78', '35.15', '31.71', '12.71'];
const TYPES = ['FORCED_LABOUR', 'SEXUAL_EXPLOITATION', 'CHILD_EXPLOITATION', 'ORGAN_REMOVAL'];
const AGENCIES = ['POLICE', 'SERVICE_UNIT', 'PROSECUTOR'];

/** A small deterministic generator (mulberry32): the same rows on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

export const nationalCaseRows = (count: number): CaseStatisticsRow[] => {
  const next = random(24);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const regionCode = pick(REGIONS);
    const victimRefs = Array.from({ length: Math.floor(next() * 4) }, (_, k) => `v-${i}-${k}`);
    const childRefs = victimRefs.filter(() => next() < 0.3);
    // Two in three victims have a recorded home region, often not where the case is.
    const victimOrigins = Object.fromEntries(victimRefs.filter(() => next() < 0.66).map((ref) => [ref, pick(REGIONS.filter((r) => r.includes('.')))]));
    const origins = Object.values(victimOrigins);
    const first = pick(TYPES);
    return {
      caseId: `case-${String(i).padStart(7, '0')}`,
      regionCode,
      province: regionCode.slice(0, 2),
      year: String(2022 + Math.floor(next() * 4)),
      exploitationTypes: next() < 0.2 ? [first, pick(TYPES.filter((t) => t !== first))] : [first],
      modusCodes: [],
      leadAgencyType: pick(AGENCIES),
      victimRefs,
      childRefs,
      victimOrigins,
      originRegionCodes: [...new Set(origins)].sort(),
      originProvinces: [...new Set(origins.map((o) => o.slice(0, 2)))].sort(),
    };
  });
};

const inRegion = (region: string, code: string): boolean => region === '00' || code === region || (region.length === 2 && code.startsWith(`${region}.`));

/** What a caller of `region` must read for one statistics query, as `{"[values]": people | null}`. */
export const expectedCells = (
  rows: readonly CaseStatisticsRow[],
  query: { readonly region: string; readonly groupBy: readonly ('province' | 'regionCode' | 'year' | 'exploitationTypes')[]; readonly count: 'victims' | 'children'; readonly place: 'case' | 'origin' },
): Record<string, number | null> => {
  const people = new Map<string, number>();
  const add = (values: readonly string[], n: number) => people.set(JSON.stringify(values), (people.get(JSON.stringify(values)) ?? 0) + n);
  for (const row of rows) {
    // One counted unit: a place, and the victims who count there.
    const units =
      query.place === 'case'
        ? [{ regionCode: row.regionCode, refs: query.count === 'children' ? row.childRefs : row.victimRefs }]
        : (query.count === 'children' ? row.childRefs : row.victimRefs).map((ref) => ({ regionCode: row.victimOrigins[ref] ?? 'UNKNOWN', refs: [ref] }));
    for (const unit of units) {
      if (unit.regionCode === 'UNKNOWN' || !inRegion(query.region, unit.regionCode)) continue;
      let combinations: string[][] = [[]];
      for (const dimension of query.groupBy) {
        const values =
          dimension === 'province' ? [unit.regionCode.slice(0, 2)] : dimension === 'regionCode' ? [unit.regionCode] : dimension === 'year' ? [row.year] : [...row.exploitationTypes];
        combinations = combinations.flatMap((c) => values.map((v) => [...c, v]));
      }
      for (const combination of combinations) add(combination, unit.refs.length);
    }
  }
  return Object.fromEntries([...people].map(([key, n]) => [key, n < 11 ? null : n]));
};

/** The cells of a statistics answer in the shape of expectedCells. */
export const cellsOf = (body: { readonly groupBy: readonly string[]; readonly cells: readonly { group: Record<string, string>; people: number | null; suppressed: boolean }[] }): Record<string, number | null> =>
  Object.fromEntries(body.cells.map((c) => [JSON.stringify(body.groupBy.map((d) => c.group[d])), c.suppressed ? null : c.people]));

/** The queries a national read must answer exactly: the ministry, a province's and a regency's task force, by place and by origin. */
export const NATIONAL_QUERIES = [
  { unitId: 'kemenpppa', region: '00', groupBy: ['province', 'year'], count: 'victims', place: 'case' },
  { unitId: 'kemenpppa', region: '00', groupBy: ['regionCode', 'exploitationTypes', 'year'], count: 'children', place: 'case' },
  { unitId: 'gugus-tugas-ntt', region: '53', groupBy: ['regionCode', 'exploitationTypes'], count: 'children', place: 'case' },
  { unitId: 'gugus-tugas-ntt', region: '53', groupBy: ['regionCode', 'year'], count: 'victims', place: 'origin' },
  { unitId: 'gugus-tugas-sumba-barat', region: '53.12', groupBy: ['year'], count: 'victims', place: 'origin' },
  { unitId: 'gugus-tugas-nunukan', region: '65.03', groupBy: ['year', 'exploitationTypes'], count: 'victims', place: 'case' },
] as const;

export const pathOf = (q: (typeof NATIONAL_QUERIES)[number]): string => `/statistics/cases?groupBy=${q.groupBy.join(',')}&count=${q.count}&place=${q.place}`;
