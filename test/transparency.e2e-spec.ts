import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@tppo/eventsourcing';
import { eventLeafData, leafHash, nodeEd25519Verify, nodeSha256, verifyBundle, verifyEvidence, verifyConsistency } from '@tppo/transparency';
import { EVENT_STORE } from '../apps/coordination-api/src/infrastructure/tokens';
import { loadOrCreateLogKey } from '../apps/coordination-api/src/transparency/log-key';
import { leafHeaderOf, TransparencyLogBuilder } from '../apps/coordination-api/src/transparency/transparency-log.builder';
import { TransparencyLog } from '../apps/coordination-api/src/transparency/transparency-log.service';
import { TransparencyLogStore } from '../apps/coordination-api/src/transparency/transparency-log.store';
import { type ApiHarness, startApi } from './support/api-harness';
import { type EventStoreEnvironment, sqliteEventStore, useEventStoreDbStandIn } from './support/event-stores';
import { ADULT, OPEN_CASE, inDays } from './support/sample-bodies';

type Auth = { Authorization: string };
const crypto = { sha256: nodeSha256, ed25519Verify: nodeEd25519Verify };
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** The names typed in: none may reach the ministry's bundle. */
const VICTIM_NAME = 'Siti Aminah Transparansi';
const SUSPECT_NAME = 'Budi Santoso Transparansi';

const eventStoreDb = useEventStoreDbStandIn();

/**
 * The same suite on each event store: the log is built from `readAll` in the store's global order
 * whichever adapter serves it (EventStoreDB through its stand-in, whose positions are byte offsets
 * with the server's own events among them). `restartStore` breaks every connection to the store.
 * (The tampering suite edits the SQLite file itself and runs on SQLite only.)
 */
describe.each<[string, EventStoreEnvironment, () => Promise<void>]>([
  ['SQLite', sqliteEventStore, async () => undefined],
  ['the EventStoreDB stand-in', eventStoreDb, () => eventStoreDb.last().restart()],
])('the transparency log on %s: signed checkpoints, proofs and evidence bundles', (_store, environment, restartStore) => {
  let env: Record<string, string>;
  let api: ApiHarness;
  let police: Auth;
  let uptd: Auth;
  let ministry: Auth;
  let caseId: string;
  let verifierKey: string;

  const post = async (as: Auth, path: string, body: object, status = 201) => {
    const res = await api.http.post(path).set(as).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status !== status) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; resourceId?: string };
  };

  beforeAll(async () => {
    // A checkpoint every 3 events, so that a few commands cut several; a data folder of its own, to start again on it.
    env = { ...(await environment()), DATA_DIR: mkdtempSync(join(tmpdir(), 'tppo-log-')), RATE_LIMIT_PER_MINUTE: '0', TRANSPARENCY_CHECKPOINT_EVENTS: '3' };
    api = await startApi(env);
    police = await api.as('polres-nunukan');
    uptd = await api.as('uptd-ppa-nunukan');
    ministry = await api.as('kemenpppa');
    caseId = (await post(police, '/cases', OPEN_CASE)).id;
    await post(police, `/cases/${caseId}/victims`, { ...ADULT, identity: { fullName: VICTIM_NAME, nik: '5310014104100009' } });
    await post(police, `/cases/${caseId}/investigation`, { warrantNumber: 'Sprin.Sidik/7/2026' }, 200);
    await post(police, `/cases/${caseId}/suspects`, { identity: { fullName: SUSPECT_NAME }, role: 'RECRUITER' });
    const referral = (await post(police, `/cases/${caseId}/referrals`, { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'ROUTINE', dueBy: inDays(7), legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Test' })).resourceId!;
    await post(uptd, `/cases/${caseId}/referrals/${referral}/acceptance`, {}, 200);
    verifierKey = (await api.http.get('/transparency/key').expect(200)).body.verifierKey;
  }, 60_000);
  afterAll(async () => {
    await api.close();
    rmSync(env.DATA_DIR!, { recursive: true, force: true });
  });

  it('serves its key and signed checkpoints to anyone, without a token', async () => {
    const key = (await api.http.get('/transparency/key').expect(200)).body;
    expect(key).toMatchObject({ origin: 'tppo.local/coordination-log', algorithm: 'Ed25519' });
    expect(key.verifierKey).toMatch(/^tppo\.local\/coordination-log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const cut = (await api.http.post('/transparency/checkpoints').set(ministry).send({}).expect(201)).body;
    expect(cut.note.split('\n').slice(0, 2)).toEqual(['tppo.local/coordination-log', String(cut.size)]);
    expect(cut.note).toContain('\n\n\u2014 tppo.local/coordination-log ');
    expect((await api.http.get('/transparency/checkpoint').expect(200)).body).toEqual(cut);
    expect((await api.http.get(`/transparency/checkpoints/${cut.size}`).expect(200)).body).toEqual(cut);
    expect((await api.http.get('/transparency/checkpoints/999999').expect(404)).body.code).toBe('NO_SUCH_CHECKPOINT');
    // Only oversight may ask for a checkpoint on demand.
    expect((await api.http.post('/transparency/checkpoints').set(police).send({})).status).toBe(403);
  });

  it('proves that each later checkpoint extends each earlier one', async () => {
    const before = (await api.http.post('/transparency/checkpoints').set(ministry).send({}).expect(201)).body;
    await post(police, `/cases/${caseId}/victims`, ADULT);
    const after = (await api.http.post('/transparency/checkpoints').set(ministry).send({}).expect(201)).body;
    expect(after.size).toBeGreaterThan(before.size);
    const { proof } = (await api.http.get(`/transparency/consistency?from=${before.size}&to=${after.size}`).expect(200)).body;
    expect(verifyConsistency(nodeSha256, before.size, after.size, proof.map(fromB64), fromB64(before.rootHash), fromB64(after.rootHash))).toBe(true);
    expect(verifyConsistency(nodeSha256, before.size, after.size, proof.map(fromB64), fromB64(after.rootHash), fromB64(after.rootHash))).toBe(false);
    expect((await api.http.get(`/transparency/consistency?from=${after.size}&to=${before.size}`).expect(422)).body.code).toBe('SIZES_OUT_OF_ORDER');
    expect((await api.http.get(`/transparency/consistency?from=1&to=99999999`).expect(404)).body.code).toBe('BEYOND_THE_LOG');
    expect((await api.http.get(`/transparency/consistency?from=0&to=2`)).status).toBe(400);
  });

  it("gives the ministry a bundle that verifies offline and carries no one's identity", async () => {
    const res = await api.http.get(`/cases/${caseId}/evidence`).set(ministry).expect(200);
    const bundle = res.body;
    expect(bundle.withheldRevisions).toEqual([]);
    expect(bundle.events.length).toBe(bundle.caseEvents);
    expect(verifyEvidence(bundle, verifierKey, crypto)).toMatchObject({ ok: true, caseId, events: bundle.caseEvents });
    for (const secret of [VICTIM_NAME, SUSPECT_NAME, '5310014104100009', 'Siti', 'Budi']) expect(res.text).not.toContain(secret);
    // No payload at all: only its hash.
    for (const event of bundle.events) expect(Object.keys(event.header)).not.toContain('data');
  });

  it("gives a participant only the events its agency may see, and the chain still checks across the rest", async () => {
    const bundle = (await api.http.get(`/cases/${caseId}/evidence`).set(uptd).expect(200)).body;
    const verdict = verifyEvidence(bundle, verifierKey, crypto);
    expect(verdict).toMatchObject({ ok: true });
    expect(bundle.events.length + bundle.withheldRevisions.length).toBe(bundle.caseEvents);
    // The investigation's steps are the police's: the UPTD's bundle leaves them out.
    expect(bundle.withheldRevisions.length).toBeGreaterThan(0);
    expect((await api.http.get(`/cases/${caseId}/evidence`).set(await api.as('polresta-kupang-kota'))).status).toBe(404);
  });

  it('fails a bundle checked with another key, a forged signature, an edited header or a proof for another checkpoint', async () => {
    const older = (await api.http.get(`/cases/${caseId}/evidence`).set(ministry).expect(200)).body;
    await post(police, `/cases/${caseId}/victims`, ADULT);
    await api.http.post('/transparency/checkpoints').set(ministry).send({}).expect(201);
    const newer = (await api.http.get(`/cases/${caseId}/evidence?since=${older.checkpoint.size}`).set(ministry).expect(200)).body;
    expect(newer.checkpoint.size).toBeGreaterThan(older.checkpoint.size);
    expect(verifyEvidence(newer, verifierKey, crypto, older.checkpoint.note)).toMatchObject({ ok: true, keptCheckpointSize: older.checkpoint.size });

    const otherKey = verifierKey.replace(/\+[A-Za-z0-9+/]+=*$/, `+${Buffer.concat([Buffer.from([1]), Buffer.alloc(32, 7)]).toString('base64')}`);
    expect(verifyEvidence(newer, otherKey, crypto)).toMatchObject({ ok: false, fault: 'BAD_CHECKPOINT_SIGNATURE' });

    const forged = structuredClone(newer);
    const sigLine = forged.checkpoint.note.trimEnd().split('\n').pop()!;
    const sig = Buffer.from(sigLine.split(' ').pop()!, 'base64');
    sig[10] = sig[10]! ^ 1;
    forged.checkpoint.note = forged.checkpoint.note.replace(sigLine.split(' ').pop()!, sig.toString('base64'));
    expect(verifyEvidence(forged, verifierKey, crypto)).toMatchObject({ ok: false, fault: 'BAD_CHECKPOINT_SIGNATURE' });

    const edited = structuredClone(newer);
    edited.events[1].header.occurredAt = '2026-01-01T00:00:00.000Z';
    expect(verifyEvidence(edited, verifierKey, crypto)).toMatchObject({ ok: false, fault: 'INCLUSION_PROOF_FAILED', eventId: newer.events[1].header.eventId });

    // The proofs of the older checkpoint, presented against the newer one.
    const mixed = structuredClone(newer);
    mixed.events[0].inclusionProof = older.events[0].inclusionProof;
    expect(verifyEvidence(mixed, verifierKey, crypto)).toMatchObject({ ok: false, fault: 'INCLUSION_PROOF_FAILED', revision: 0 });

    const dropped = structuredClone(newer);
    dropped.events.splice(2, 1);
    expect(verifyEvidence(dropped, verifierKey, crypto)).toMatchObject({ ok: false, fault: 'REVISION_MISSING', revision: 2 });

    const noProof = structuredClone(newer);
    delete noProof.consistency;
    expect(verifyEvidence(noProof, verifierKey, crypto, older.checkpoint.note)).toMatchObject({ ok: false, fault: 'CONSISTENCY_PROOF_MISSING' });
    expect((await api.http.get(`/cases/${caseId}/evidence?since=99999999`).set(ministry)).body.code).toBe('KEPT_CHECKPOINT_AHEAD');
  });

  const checkpointNow = async () => (await api.http.post('/transparency/checkpoints').set(ministry).send({}).expect(201)).body as { size: number; rootHash: string; note: string };
  const eventStore = () => api.app.get<EventStore>(EVENT_STORE);

  it("keeps leaf i for the i-th event of the store's global log across a restart of the store's connections and of the API", async () => {
    const kept = await checkpointNow();
    await restartStore();
    await post(police, `/cases/${caseId}/victims`, ADULT);
    await api.close();
    // The same data folder and event store: the log goes on from the position of its last leaf.
    api = await startApi(env);
    await post(police, `/cases/${caseId}/victims`, ADULT);
    const latest = await checkpointNow();
    const events = await eventStore().readAll();
    expect(latest.size).toBe(events.length);
    const file = api.app.get(TransparencyLog).store();
    const leaves = events.map((_, i) => Buffer.from(file.node(0, i)).toString('hex'));
    expect(leaves).toEqual(events.map((event) => Buffer.from(leafHash(nodeSha256, eventLeafData(leafHeaderOf(event)))).toString('hex')));
    // What the offline verifier (cli/verify-evidence.ts) runs: proofs, chain, consistency with the kept checkpoint, clocks.
    const bundle = (await api.http.get(`/cases/${caseId}/evidence?since=${kept.size}`).set(ministry).expect(200)).body;
    expect(verifyBundle(bundle, verifierKey, crypto, kept.note)).toMatchObject({ ok: true, caseId, keptCheckpointSize: kept.size, checkpointSize: latest.size });
  });

  it('builds the same tree again from the store read in pages of two', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tppo-log-again-'));
    const file = TransparencyLogStore.open(join(dir, 'transparency.db'));
    try {
      const builder = new TransparencyLogBuilder(eventStore(), file, loadOrCreateLogKey(join(dir, 'log.key')), { origin: 'rebuilt', checkpointEvents: 1e9, checkpointSeconds: 1e9, batchSize: 2 });
      const latest = await checkpointNow();
      const rebuilt = await builder.checkpointNow();
      expect({ size: rebuilt.size, rootHash: Buffer.from(rebuilt.rootHash).toString('base64') }).toEqual({ size: latest.size, rootHash: latest.rootHash });
    } finally {
      file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
