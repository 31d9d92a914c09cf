import type { Actor } from '@tppo/eventsourcing';
import type { AgencyType } from '../agency-types';

/** Realistic units of North Kalimantan (Nunukan borders Sabah) and national bodies. */
export const unit = (unitId: string, agencyType: AgencyType): Actor => ({ userId: `${unitId}.officer`, unitId, agencyType });

export const policeNunukan = unit('polres-nunukan', 'POLICE');
export const uptdNunukan = unit('uptd-ppa-nunukan', 'SERVICE_UNIT');
export const dinsosNunukan = unit('dinsos-nunukan', 'SOCIAL_SERVICES');
export const shelterTarakan = unit('rptc-tarakan', 'SOCIAL_SERVICES');
export const kejariNunukan = unit('kejari-nunukan', 'PROSECUTOR');
export const pnNunukan = unit('pn-nunukan', 'COURT');
export const rsudNunukan = unit('rsud-nunukan', 'HEALTH');
export const lpsk = unit('lpsk-ri', 'LPSK');
export const kemenP2mi = unit('kemen-p2mi', 'MIGRANT_PROTECTION');
export const kjriTawau = unit('kjri-tawau', 'FOREIGN_AFFAIRS');
export const imigrasiNunukan = unit('imigrasi-nunukan', 'IMMIGRATION');
export const lbhKaltara = unit('lbh-kaltara', 'LEGAL_AID');
export const ngoNunukan = unit('yayasan-peduli-nunukan', 'NGO');
export const taskForceKaltara = unit('gugus-tugas-kaltara', 'TASK_FORCE');
export const kemenpppa = unit('kemenpppa', 'MINISTRY');

/** One unit of every agency type, for table-driven tests. */
export const UNIT_OF_TYPE: Readonly<Record<AgencyType, Actor>> = {
  POLICE: policeNunukan,
  PROSECUTOR: kejariNunukan,
  COURT: pnNunukan,
  SERVICE_UNIT: uptdNunukan,
  SOCIAL_SERVICES: dinsosNunukan,
  HEALTH: rsudNunukan,
  LPSK: lpsk,
  MIGRANT_PROTECTION: kemenP2mi,
  FOREIGN_AFFAIRS: kjriTawau,
  IMMIGRATION: imigrasiNunukan,
  LEGAL_AID: lbhKaltara,
  NGO: ngoNunukan,
  TASK_FORCE: taskForceKaltara,
  MINISTRY: kemenpppa,
};
