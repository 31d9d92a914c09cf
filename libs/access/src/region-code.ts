/**
 * Region codes follow Kemendagri's administrative codes (kode wilayah, Kepmendagri 100.1.1-6117/2022
 * and later updates): a province is `NN`, a regency or city `NN.NN` (cities use 71-99). National
 * bodies, and missions abroad, use `00`. BPS statistical codes differ for some regencies (Nunukan is
 * 65.03 here but 6504 at BPS), so never mix the two.
 */
export const NATIONAL_REGION = '00';

/** The 38 provinces, including the Papua provinces created in 2022 (93-96). */
export const PROVINCE_CODES = [
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
] as const;

export type RegionKind = 'national' | 'province' | 'regency';

const PROVINCES: ReadonlySet<string> = new Set(PROVINCE_CODES);

/** What kind of region a code names, or `undefined` when it is not a valid code. */
export const regionKind = (code: unknown): RegionKind | undefined => {
  if (typeof code !== 'string') return undefined;
  if (code === NATIONAL_REGION) return 'national';
  if (/^\d{2}$/.test(code)) return PROVINCES.has(code) ? 'province' : undefined;
  const regency = /^(\d{2})\.(\d{2})$/.exec(code);
  if (regency && PROVINCES.has(regency[1]!) && regency[2] !== '00') return 'regency';
  return undefined;
};

export const isRegionCode = (code: unknown): code is string => regionKind(code) !== undefined;

/**
 * Whether `outer` covers `inner`: the nation covers everything, a province covers itself and its
 * regencies, a regency only itself. Invalid codes cover nothing and are covered by nothing.
 */
export const regionCovers = (outer: string, inner: string): boolean => {
  const outerKind = regionKind(outer);
  const innerKind = regionKind(inner);
  if (!outerKind || !innerKind) return false;
  if (outerKind === 'national') return true;
  if (outerKind === 'province') return inner === outer || inner.startsWith(`${outer}.`);
  return inner === outer;
};
