import { CHILD_AGE_BANDS, type AgeBand } from '../vocabulary';

/** Whole years between a birth date (YYYY-MM-DD) and the calendar date of `now`. */
export const ageOn = (birthDate: string, now: string): number => {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ny, nm, nd] = now.slice(0, 10).split('-').map(Number) as [number, number, number];
  return ny - by - (nm < bm || (nm === bm && nd < bd) ? 1 : 0);
};

export const ageBandOf = (age: number): AgeBand => {
  if (age < 6) return '0-5';
  if (age < 12) return '6-11';
  if (age < 18) return '12-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 60) return '45-59';
  return '60+';
};

/**
 * Under 18 is a child (Law 35/2014 art. 1(1)). When the age is unknown the victim is presumed a
 * child until it is established (UNODC and UNICEF guidance on age assessment): a child's protections
 * are the stricter ones, and wrongly treating a child as an adult cannot be undone.
 */
export const isChildBand = (band: AgeBand): boolean => band === 'UNKNOWN' || (CHILD_AGE_BANDS as readonly string[]).includes(band);
