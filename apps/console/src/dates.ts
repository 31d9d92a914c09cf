import { lang } from './i18n';

/**
 * Indonesia has three time zones. The API decides dates on the WIB calendar; a case is shown in
 * the zone of its region (NTT and Kalimantan Utara are WITA), named, so "due 3 May" is never read
 * an hour off by an office in another zone.
 */
export type Zone = 'WIB' | 'WITA' | 'WIT';
const OFFSET_HOURS: Record<Zone, number> = { WIB: 7, WITA: 8, WIT: 9 };
const WITA = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']);
const WIT = new Set(['81', '82', '91', '92', '93', '94', '95', '96']);

export const zoneOf = (regionCode: string | undefined): Zone => {
  const province = (regionCode ?? '00').slice(0, 2);
  return WITA.has(province) ? 'WITA' : WIT.has(province) ? 'WIT' : 'WIB';
};

const shifted = (iso: string, zone: Zone): Date => new Date(Date.parse(iso) + OFFSET_HOURS[zone] * 3_600_000);
const MONTHS = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** "3 Mei 2026" on the calendar of the zone. */
export const formatDate = (iso: string | undefined, zone: Zone = 'WIB'): string => {
  if (!iso) return '—';
  const d = shifted(iso, zone);
  return `${d.getUTCDate()} ${MONTHS[lang()][d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

/** "3 Mei 2026 14.05 WITA" (Indonesian writes the time with a dot). */
export const formatDateTime = (iso: string | undefined, zone: Zone = 'WIB'): string => {
  if (!iso) return '—';
  const d = shifted(iso, zone);
  const sep = lang() === 'id' ? '.' : ':';
  return `${formatDate(iso, zone)} ${String(d.getUTCHours()).padStart(2, '0')}${sep}${String(d.getUTCMinutes()).padStart(2, '0')} ${zone}`;
};

/** A value for <input type="datetime-local"> in the zone, and back to an ISO instant. */
export const toLocalInput = (iso: string, zone: Zone): string => shifted(iso, zone).toISOString().slice(0, 16);
export const fromLocalInput = (value: string, zone: Zone): string => new Date(Date.parse(`${value}:00Z`) - OFFSET_HOURS[zone] * 3_600_000).toISOString();
