import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { KeyStore } from '@tppo/protected-data';
import { subjectKeyId } from '@tppo/protected-data';
import { KEY_STORE } from '../apps/coordination-api/src/infrastructure/tokens';
import { type ApiHarness, startApi } from './support/api-harness';

type Auth = { Authorization: string };
type Export = {
  subjectRef: string;
  role: string;
  purpose: string;
  identity: Record<string, unknown>;
  exportedBy: { unitId: string };
  events: { eventId: string; type: string; by: { unitId: string }; namedAs: string[] }[];
  identityAccess: { by: { unitId: string; agencyType: string }; purpose: string; outcome: string }[];
};
type LogRecord = { subjectRef: string; unitId: string; purpose: string; outcome: string };

/**
 * A subject access request (Law 27/2022): the lead unit or the ministry exports what the case holds
 * about one person (the identity, the events naming them, who read the identity and why), as JSON or
 * a printable page; the export itself is an identity read in the access log.
 */
describe('exporting what a case holds about one person', () => {
  let api: ApiHarness;
  let police: Auth, uptd: Auth, ministry: Auth;
  let caseId: string;
  let victim: string, otherVictim: string, child: string, guardian: string, witness: string;
  let otherVictimEvent: string;

  const post = async (as: Auth, path: string, body: object) => {
    const res = await api.http.post(`/cases/${caseId}/${path}`).set(as).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { resourceId?: string; eventIds: string[] };
  };
  const exportOf = (as: Auth, ref: string, query: string) => api.http.get(`/cases/${caseId}/subjects/${ref}/access-export${query}`).set(as);
  const accessLog = async (): Promise<LogRecord[]> => (await api.http.get(`/cases/${caseId}/access-log?limit=100`).set(ministry).expect(200)).body.items;

  beforeAll(async () => {
    api = await startApi();
    [police, uptd, ministry] = [await api.as('polres-nunukan'), await api.as('uptd-ppa-nunukan'), await api.as('kemenpppa')];
    caseId = (await api.http.post('/cases').set(police).send({ regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [] }).expect(201)).body.id;
    victim = (await post(police, 'victims', { identity: { fullName: 'Rina Wulandari', nik: '5310014104900002', phone: '+62 812 0000 1111' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1990-04-01' })).resourceId!;
    await post(police, 'consents', {
      subjectRef: victim, givenBy: 'VICTIM', recipientAgencyTypes: ['SERVICE_UNIT'], recipientUnitIds: [], purposes: ['CASE_MANAGEMENT'], dataCategories: ['IDENTITY', 'CONTACT'],
    });
    const referral = (await post(police, 'referrals', { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: new Date(Date.now() + 86_400_000).toISOString() })).resourceId!;
    await post(uptd, `referrals/${referral}/acceptance`, {});
    // Registered after the referral, which her consent would otherwise have to cover too.
    const other = await post(police, 'victims', { identity: { fullName: 'Maria Goreti' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1992-01-20' });
    [otherVictim, otherVictimEvent] = [other.resourceId!, other.eventIds[0]!];
    child = (await post(police, 'victims', { identity: { fullName: 'Putri Ayu' }, sex: 'FEMALE', nationality: 'ID', birthDate: '2013-05-02' })).resourceId!;
    guardian = (await post(uptd, `victims/${child}/guardians`, { identity: { fullName: 'Ani Rahayu' }, relationship: 'PARENT' })).resourceId!;
    witness = (await post(police, 'witnesses', { identity: { fullName: 'Agus Salim' } })).resourceId!;
    // Earlier reads of the victim's identity, which her export must list.
    await api.http.get(`/cases/${caseId}/subjects/${victim}/identity?purpose=CASE_MANAGEMENT`).set(uptd).expect(200);
    await api.http.get(`/cases/${caseId}/subjects/${victim}/identity?purpose=PROSECUTION`).set(uptd).expect(403);
  });
  afterAll(async () => api.close());

  it('gives the lead unit the identity, the events naming the person and not the others, and the earlier reads with unit and purpose', async () => {
    const res = await exportOf(police, victim, '?purpose=SUBJECT_REQUEST').expect(200);
    expect(res.type).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as Export;
    expect(body).toMatchObject({ caseId, subjectRef: victim, role: 'VICTIM', purpose: 'SUBJECT_REQUEST', exportedBy: { unitId: 'polres-nunukan' } });
    expect(body.identity).toEqual({ fullName: 'Rina Wulandari', nik: '5310014104900002', phone: '+62 812 0000 1111' });
    expect(body.events.map((e) => [e.type, e.namedAs, e.by.unitId])).toEqual([
      ['VictimRegistered', ['subjectRef'], 'polres-nunukan'],
      ['ConsentRecorded', ['subjectRef'], 'polres-nunukan'],
    ]);
    expect(body.events.map((e) => e.eventId)).not.toContain(otherVictimEvent);
    expect(body.identityAccess.map((a) => [a.by.unitId, a.by.agencyType, a.purpose, a.outcome])).toEqual([
      ['uptd-ppa-nunukan', 'SERVICE_UNIT', 'CASE_MANAGEMENT', 'GRANTED'],
      ['uptd-ppa-nunukan', 'SERVICE_UNIT', 'PROSECUTION', 'DENIED'],
      ['polres-nunukan', 'POLICE', 'SUBJECT_ACCESS_EXPORT:SUBJECT_REQUEST', 'GRANTED'],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Maria|Putri|Ani Rahayu|Agus/);
  });

  it('finds a guardian and a child by the victimRef and guardianRef of the appointment', async () => {
    const ofChild = (await exportOf(police, child, '?purpose=GUARDIAN_REQUEST').expect(200)).body as Export;
    expect(ofChild.events.map((e) => [e.type, e.namedAs])).toEqual([['VictimRegistered', ['subjectRef']], ['GuardianAppointed', ['victimRef']]]);
    const ofGuardian = (await exportOf(police, guardian, '?purpose=SUBJECT_REQUEST').expect(200)).body as Export;
    expect(ofGuardian).toMatchObject({ role: 'GUARDIAN', identity: { fullName: 'Ani Rahayu' } });
    expect(ofGuardian.events.map((e) => [e.type, e.namedAs])).toEqual([['GuardianAppointed', ['guardianRef']]]);
  });

  it('records the export in the access log as an export, with no personal data', async () => {
    await exportOf(police, otherVictim, '?purpose=LEGAL_REPRESENTATIVE_REQUEST').expect(200);
    const log = await accessLog();
    expect(log).toContainEqual(expect.objectContaining({ subjectRef: otherVictim, unitId: 'polres-nunukan', purpose: 'SUBJECT_ACCESS_EXPORT:LEGAL_REPRESENTATIVE_REQUEST', outcome: 'GRANTED' }));
    expect(JSON.stringify(log)).not.toMatch(/Rina|Wulandari|5310014104900002|Maria|Agus/);
    expect(readFileSync(api.config.accessLogFile).toString('latin1')).not.toMatch(/Rina|5310014104900002|Maria/);
  });

  it('prints the export as a page in Bahasa Indonesia and English, under the strict headers', async () => {
    const res = await exportOf(police, victim, '?purpose=SUBJECT_REQUEST&format=html').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain('Rina Wulandari');
    expect(res.text).toContain('5310014104900002');
    for (const words of ['Salinan data pribadi', 'Identitas', 'Identity', 'Kejadian yang menyebut subjek', 'Akses ke identitas', 'VictimRegistered', 'UPTD', 'CASE_MANAGEMENT', 'Tanggal ekspor']) {
      expect(res.text).toContain(words);
    }
    expect(res.text).not.toMatch(/<script|Maria/);
  });

  it('lets the ministry export a victim or a guardian, never a witness; another participant not at all', async () => {
    const ofVictim = (await exportOf(ministry, victim, '?purpose=SUBJECT_REQUEST').expect(200)).body as Export;
    expect(ofVictim.identity['fullName']).toBe('Rina Wulandari');
    await exportOf(ministry, guardian, '?purpose=SUBJECT_REQUEST').expect(200);
    expect((await exportOf(ministry, witness, '?purpose=SUBJECT_REQUEST').expect(403)).body.code).toBe('NOT_LEAD_UNIT');
    expect((await exportOf(police, witness, '?purpose=SUBJECT_REQUEST').expect(200)).body.identity).toEqual({ fullName: 'Agus Salim' });
    // The UPTD takes part and may read the victim's identity, but it does not lead the case.
    expect((await exportOf(uptd, victim, '?purpose=SUBJECT_REQUEST').expect(403)).body.code).toBe('NOT_LEAD_UNIT');
    expect((await exportOf(await api.as('dinsos-nunukan'), victim, '?purpose=SUBJECT_REQUEST').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await exportOf(await api.as('gugus-tugas-kaltara'), victim, '?purpose=SUBJECT_REQUEST').expect(403)).body.code).toBe('AGENCY_NOT_PERMITTED');
    await exportOf(police, 'nobody-here', '?purpose=SUBJECT_REQUEST').expect(404);
    const log = await accessLog();
    expect(log).toContainEqual(expect.objectContaining({ subjectRef: victim, unitId: 'uptd-ppa-nunukan', purpose: 'SUBJECT_ACCESS_EXPORT:SUBJECT_REQUEST', outcome: 'DENIED' }));
    expect(log).toContainEqual(expect.objectContaining({ subjectRef: witness, unitId: 'kemenpppa', outcome: 'DENIED' }));
    expect(log).toContainEqual(expect.objectContaining({ subjectRef: victim, unitId: 'dinsos-nunukan', outcome: 'NOT_FOUND' }));
  });

  it('needs a purpose from the list, and a known format', async () => {
    expect((await exportOf(police, victim, '').expect(400)).body.code).toBeDefined();
    await exportOf(police, victim, '?purpose=CURIOSITY').expect(400);
    await exportOf(police, victim, '?purpose=CASE_MANAGEMENT').expect(400);
    await exportOf(police, victim, '?purpose=SUBJECT_REQUEST&format=pdf').expect(400);
  });

  it('answers 410 SUBJECT_ERASED once the person’s key is destroyed, and logs it', async () => {
    await api.app.get<KeyStore>(KEY_STORE).destroy(subjectKeyId(caseId, otherVictim));
    expect((await exportOf(police, otherVictim, '?purpose=SUBJECT_REQUEST').expect(410)).body.code).toBe('SUBJECT_ERASED');
    expect(await accessLog()).toContainEqual(expect.objectContaining({ subjectRef: otherVictim, purpose: 'SUBJECT_ACCESS_EXPORT:SUBJECT_REQUEST', outcome: 'ERASED' }));
  });
});
