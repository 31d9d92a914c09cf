import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { caseDecider, caseEventRegistry, caseStreamId, type CaseCommand } from '@tppo/case-domain';
import { handleCommand, type EventStore } from '@tppo/eventsourcing';
import { ERASED, PersonalDataProtector } from '@tppo/protected-data';
import { EVENT_STORE } from '../apps/coordination-api/src/infrastructure/tokens';
import { type ApiHarness, startApi } from './support/api-harness';
import { type Auth, caseWithVictim as caseWithVictimOver, ERASURE, holds, IDENTITY, NEEDLES } from './support/erasure-case';

/**
 * The right to erasure over HTTP: two units decide it, a legal hold or open proceedings stop it, and
 * once approved the person's data key is destroyed, so no file holds their identity in a readable form.
 */
const caseWithVictim = (api: ApiHarness, units: Parameters<typeof caseWithVictimOver>[1]) => caseWithVictimOver(api.http, units);

const sealedIdentityOf = async (store: EventStore, caseId: string): Promise<string> =>
  (await store.readStream(caseStreamId(caseId))).find((e) => e.type === 'VictimRegistered')!.data['identity'] as string;

/** Polls until `check` holds, or fails at the deadline. */
const eventually = async (check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('The condition did not hold before the deadline');
    await new Promise((resolve) => setImmediate(resolve));
  }
};

describe('erasure of a person, decided by two units', () => {
  let api: ApiHarness;
  let units: Record<'uptd' | 'police' | 'dinsos' | 'ministry', Auth>;

  beforeAll(async () => {
    api = await startApi();
    units = { uptd: await api.as('uptd-ppa-nunukan'), police: await api.as('polres-nunukan'), dinsos: await api.as('dinsos-nunukan'), ministry: await api.as('kemenpppa') };
  });
  afterAll(async () => api.close());

  const identity = (caseId: string, subjectRef: string) => api.http.get(`/cases/${caseId}/subjects/${subjectRef}/identity?purpose=CASE_MANAGEMENT`).set(units.uptd);

  it('is asked by one unit, refused to it and to a unit not allowed, and done on the lead unit’s approval: the key is gone and the chain holds', async () => {
    const { caseId, subjectRef } = await caseWithVictim(api, units);
    expect((await identity(caseId, subjectRef).expect(200)).body.identity).toEqual(IDENTITY);

    const asked = await api.http.post(`/cases/${caseId}/subjects/${subjectRef}/erasure-requests`).set(units.police).send(ERASURE).expect(201);
    expect(asked.body.notice).toMatch(/cannot be undone/);
    const erasureId = asked.body.resourceId as string;
    expect(asked.headers['location']).toBe(`/cases/${caseId}/erasure-requests/${erasureId}`);

    const approve = (who: Auth) => api.http.post(`/cases/${caseId}/erasure-requests/${erasureId}/approval`).set(who).send({ reason: 'Consent withdrawn, nothing holds the data' });
    expect((await approve(units.police)).body).toMatchObject({ status: 403, code: 'ERASURE_SAME_UNIT' });
    expect((await approve(units.dinsos)).body).toMatchObject({ status: 403, code: 'ERASURE_APPROVER_NOT_ALLOWED' });
    expect((await identity(caseId, subjectRef).expect(200)).body.identity).toEqual(IDENTITY);

    const approved = await approve(units.uptd).expect(200);
    expect(approved.body.notice).toMatch(/cannot be undone/);

    expect((await identity(caseId, subjectRef).expect(410)).body).toMatchObject({ code: 'SUBJECT_ERASED' });
    const view = (await api.http.get(`/cases/${caseId}`).set(units.uptd).expect(200)).body as { victims: { subjectRef: string; erased?: boolean }[] };
    expect(view.victims).toEqual([expect.objectContaining({ subjectRef, erased: true })]);
    const risk = await api.http.post(`/cases/${caseId}/victims/${subjectRef}/risk-assessments`).set(units.uptd).send({ level: 'LOW', factors: [] });
    expect(risk.body).toMatchObject({ status: 409, code: 'SUBJECT_ALREADY_ERASED' });

    // The key itself is destroyed, not only the case's word for it.
    const store = api.app.get<EventStore>(EVENT_STORE);
    await expect(api.app.get(PersonalDataProtector).open(await sealedIdentityOf(store, caseId))).resolves.toBe(ERASED);
    const folder = dirname(api.config.keyStore.file);
    const files = readdirSync(folder).filter((f) => f.startsWith('keys.db') || f.startsWith('events.db'));
    expect(files).toEqual(expect.arrayContaining(['keys.db', 'events.db']));
    for (const file of files) {
      const raw = readFileSync(join(folder, file));
      for (const needle of NEEDLES) {
        expect({ file, needle, found: holds(raw, needle) }).toEqual({ file, needle, found: false });
      }
    }
    const timeline = (await api.http.get(`/cases/${caseId}/timeline`).set(units.ministry).expect(200)).body as { chain: { valid: boolean } };
    expect(timeline.chain).toMatchObject({ valid: true });
  });

  it('is stopped by a legal hold, which the refusal names, and goes through on the ministry’s approval once it is released', async () => {
    const { caseId, subjectRef } = await caseWithVictim(api, units);
    const erasureId = (await api.http.post(`/cases/${caseId}/subjects/${subjectRef}/erasure-requests`).set(units.police).send(ERASURE).expect(201)).body.resourceId as string;
    const holdId = (await api.http.post(`/cases/${caseId}/legal-holds`).set(units.police).send({ basis: 'A related case is under investigation in Tawau' }).expect(201)).body.resourceId as string;

    const approve = () => api.http.post(`/cases/${caseId}/erasure-requests/${erasureId}/approval`).set(units.ministry).send({ reason: 'Ground established' });
    const held = await approve();
    expect(held.body).toMatchObject({ status: 409, code: 'LEGAL_HOLD_IN_FORCE' });
    expect(held.body.detail).toContain(holdId);
    await identity(caseId, subjectRef).expect(200);

    await api.http.post(`/cases/${caseId}/legal-holds/${holdId}/release`).set(units.police).send({ reason: 'The related case was closed' }).expect(200);
    await approve().expect(200);
    expect((await identity(caseId, subjectRef).expect(410)).body).toMatchObject({ code: 'SUBJECT_ERASED' });
    // The ministry decided without becoming a participant: it still reads no case view.
    await api.http.get(`/cases/${caseId}`).set(units.ministry).expect((res) => expect([403, 404]).toContain(res.status));
  });

  it('is refused while criminal proceedings are open, and a refused request erases nothing', async () => {
    const { caseId, subjectRef } = await caseWithVictim(api, units);
    const erasureId = (await api.http.post(`/cases/${caseId}/subjects/${subjectRef}/erasure-requests`).set(units.dinsos).send(ERASURE).expect(201)).body.resourceId as string;
    await api.http.post(`/cases/${caseId}/erasure-requests/${erasureId}/refusal`).set(units.uptd).send({ reason: 'Her restitution claim needs it' }).expect(200);
    await identity(caseId, subjectRef).expect(200);

    await api.http.post(`/cases/${caseId}/investigation`).set(units.police).send({ warrantNumber: 'Sprin.Sidik/77/II/2026' }).expect(200);
    const refused = await api.http.post(`/cases/${caseId}/subjects/${subjectRef}/erasure-requests`).set(units.dinsos).send(ERASURE);
    expect(refused.body).toMatchObject({ status: 409, code: 'CRIMINAL_PROCEEDINGS_OPEN' });
  });
});

describe('a crash between the SubjectErased event and the key’s destruction', () => {
  it('is repaired by the sweep at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tppo-erasure-'));
    try {
      const first = await startApi({ DATA_DIR: dataDir });
      const units = { uptd: await first.as('uptd-ppa-nunukan'), police: await first.as('polres-nunukan'), dinsos: await first.as('dinsos-nunukan') };
      const { caseId, subjectRef } = await caseWithVictim(first, units);
      const erasureId = (await first.http.post(`/cases/${caseId}/subjects/${subjectRef}/erasure-requests`).set(units.police).send(ERASURE).expect(201)).body.resourceId as string;
      // The approval written straight to the store, as if the process died before destroying the key.
      const store = first.app.get<EventStore>(EVENT_STORE);
      const approval = {
        type: 'ApproveSubjectErasure',
        data: { caseId, erasureId, reason: 'Approved just before a crash' },
        metadata: { commandId: 'approval-before-crash', actor: { userId: 'officer@uptd-ppa-nunukan', unitId: 'uptd-ppa-nunukan', agencyType: 'SERVICE_UNIT' }, now: new Date().toISOString() },
      } as CaseCommand;
      await handleCommand(store, caseDecider, caseStreamId(caseId), approval, { registry: caseEventRegistry });
      const sealed = await sealedIdentityOf(store, caseId);
      await expect(first.app.get(PersonalDataProtector).open(sealed)).resolves.toEqual(IDENTITY);
      await first.app.close();

      const second = await startApi({ DATA_DIR: dataDir });
      try {
        const protector = second.app.get(PersonalDataProtector);
        await eventually(async () => (await protector.open(sealed)) === ERASED);
      } finally {
        await second.app.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
