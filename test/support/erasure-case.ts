import { CASE_PARTICIPANT_AGENCY_TYPES, DATA_CATEGORIES, SHARING_PURPOSES } from '@tppo/case-domain';
import type TestAgent from 'supertest/lib/agent';
import { inDays, OPEN_CASE } from './sample-bodies';

/** An invented victim; the erasure tests look for every part of her identity in the files afterwards. */
export const IDENTITY = { fullName: 'Yustina Seran Bani', nik: '5310014107080077', address: 'Desa Naibonat, Kupang' };
export const NEEDLES = [IDENTITY.fullName, IDENTITY.nik, IDENTITY.address, 'Yustina'];
export const VICTIM = { identity: IDENTITY, sex: 'FEMALE', nationality: 'ID', birthDate: '1999-03-02' };
export const ERASURE = { legalGround: 'CONSENT_WITHDRAWN', reason: 'She withdrew her consent and asked for erasure' };

export type Auth = { Authorization: string };

/** A case led by the UPTD with a victim, the police and the social services taking part under her consent. */
export const caseWithVictim = async (http: TestAgent, units: Readonly<Record<'uptd' | 'police' | 'dinsos', Auth>>): Promise<{ caseId: string; subjectRef: string }> => {
  const post = async (who: Auth, path: string, body: object, status: number) => (await http.post(path).set(who).send(body).expect(status)).body as { id: string; resourceId: string };
  const caseId = (await post(units.uptd, '/cases', OPEN_CASE, 201)).id;
  const subjectRef = (await post(units.uptd, `/cases/${caseId}/victims`, VICTIM, 201)).resourceId;
  await post(units.uptd, `/cases/${caseId}/consents`, {
    subjectRef, givenBy: 'VICTIM', recipientAgencyTypes: CASE_PARTICIPANT_AGENCY_TYPES, recipientUnitIds: [], purposes: SHARING_PURPOSES, dataCategories: DATA_CATEGORIES,
  }, 201);
  for (const [unitId, who] of [['polres-nunukan', units.police], ['dinsos-nunukan', units.dinsos]] as const) {
    const referralId = (await post(units.uptd, `/cases/${caseId}/referrals`, { toUnitId: unitId, purpose: 'CASE_MANAGEMENT', urgency: 'ROUTINE', dueBy: inDays(7) }, 201)).resourceId;
    await post(who, `/cases/${caseId}/referrals/${referralId}/acceptance`, {}, 200);
  }
  return { caseId, subjectRef };
};

/** Whether a file's raw bytes hold the text, as UTF-8 or as UTF-16 (SQLite may store either). */
export const holds = (raw: Buffer, text: string): boolean => raw.includes(Buffer.from(text, 'utf8')) || raw.includes(Buffer.from(text, 'utf16le'));
