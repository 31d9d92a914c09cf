import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseEventRegistry, caseStreamId, type CaseCommand } from '@tppo/case-domain';
import { handleCommand, verifyChain, type Actor } from '@tppo/eventsourcing';
import { SqliteEventStore } from '@tppo/event-store';
import { ERASED, PersonalDataProtector, SqliteKeyStore, loadOrCreateMasterKey } from '@tppo/protected-data';

/**
 * S10/S11 at rest: identity is sealed before it reaches the store, so the raw database files never
 * hold a seeded name or identity number, and destroying a subject's key keeps the chain valid.
 */
const SEEDED = {
  victim: { fullName: 'Maria Goreti Bria', nik: '5310014107080003', birthDate: '2008-07-01', village: 'Desa Oelbiteno' },
  guardian: { fullName: 'Yohanes Bria', nik: '5310011203750001' },
  suspect: { fullName: 'Hendrik Lumban Tobing', alias: 'Pak Haji Tawau' },
  witness: { fullName: 'Theresia Nahak' },
};
const needles = [
  SEEDED.victim.fullName, SEEDED.victim.nik, SEEDED.victim.village, SEEDED.guardian.fullName, SEEDED.guardian.nik,
  SEEDED.suspect.fullName, SEEDED.suspect.alias, SEEDED.witness.fullName, 'Maria', 'Tobing',
];

const police: Actor = { userId: 'bripka-yusuf', unitId: 'polres-nunukan', agencyType: 'POLICE' };
const uptd: Actor = { userId: 'psikolog-dewi', unitId: 'uptd-ppa-nunukan', agencyType: 'SERVICE_UNIT' };

describe('protected personal data at rest', () => {
  let dir: string;
  let store: SqliteEventStore;
  let keys: SqliteKeyStore;
  let protector: PersonalDataProtector;
  let n = 0;
  const caseId = 'nnk-2026-0042';
  const run = (type: CaseCommand['type'], actor: Actor, data: Record<string, unknown>) =>
    handleCommand(store, caseDecider, caseStreamId(caseId), {
      type, data: { caseId, ...data }, metadata: { commandId: `cmd-${++n}`, actor, now: '2026-02-10T01:00:00.000Z' },
    } as CaseCommand, { registry: caseEventRegistry });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pii-at-rest-'));
    store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: loadOrCreateMasterKey(join(dir, 'master.key')) });
    protector = new PersonalDataProtector(keys);

    await run('OpenCase', uptd, { regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] });
    await run('RegisterVictim', uptd, {
      subjectRef: 'victim-1', identity: await protector.seal('victim-1', SEEDED.victim),
      sex: 'FEMALE', nationality: 'ID', originRegionCode: '53.10', birthDate: SEEDED.victim.birthDate,
    });
    await run('AppointGuardian', uptd, { victimRef: 'victim-1', guardianRef: 'guardian-1', identity: await protector.seal('guardian-1', SEEDED.guardian), relationship: 'PARENT' });
    await run('SendReferral', uptd, {
      referralId: 'ref-1', toUnitId: 'polres-nunukan', toAgencyType: 'POLICE', purpose: 'INVESTIGATION', urgency: 'URGENT',
      dueBy: '2026-02-17T01:00:00.000Z', legalBasis: 'CRIMINAL_INVESTIGATION', justification: 'Child victim of trafficking: Law 21/2007 art. 44',
    });
    await run('AcceptReferral', police, { referralId: 'ref-1' });
    await run('OpenInvestigation', police, { warrantNumber: 'Sprin.Sidik/42/II/2026' });
    await run('IdentifySuspect', police, { subjectRef: 'suspect-1', identity: await protector.seal('suspect-1', SEEDED.suspect), role: 'RECRUITER' });
    await run('RegisterWitness', police, { subjectRef: 'witness-1', identity: await protector.seal('witness-1', SEEDED.witness) });
    await store.close();
    await keys.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the whole history', async () => {
    const reopened = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    const events = await reopened.readStream(caseStreamId(caseId));
    await reopened.close();
    expect(events.map((e) => e.type)).toEqual([
      'CaseOpened', 'VictimRegistered', 'GuardianAppointed', 'ConsentOverrideRecorded', 'ReferralSent', 'ReferralAccepted',
      'InvestigationOpened', 'SuspectIdentified', 'WitnessRegistered',
    ]);
    expect(events[1]!.data).toMatchObject({ isChild: true });
    expect(JSON.stringify(events[1]!.data)).not.toContain('birthDate');
  });

  it('no raw byte of the event store files holds a seeded name or identity number', () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('events.db'));
    expect(files).toContain('events.db');
    for (const file of files) {
      const raw = readFileSync(join(dir, file));
      for (const needle of needles) {
        expect({ file, needle, found: raw.includes(Buffer.from(needle, 'utf8')) || raw.includes(Buffer.from(needle, 'utf16le')) }).toEqual({ file, needle, found: false });
      }
    }
  });

  it('the identity opens with the subject key, and after crypto-shredding it is gone while the chain stays valid', async () => {
    const reopened = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: loadOrCreateMasterKey(join(dir, 'master.key')) });
    protector = new PersonalDataProtector(keys);
    const events = await reopened.readStream(caseStreamId(caseId));
    const victimIdentity = events[1]!.data['identity'] as string;
    await expect(protector.open(victimIdentity)).resolves.toEqual(SEEDED.victim);
    await keys.destroy('victim-1');
    await expect(protector.open(victimIdentity)).resolves.toBe(ERASED);
    expect(verifyChain(await reopened.readStream(caseStreamId(caseId)))).toMatchObject({ valid: true, events: 9 });
    await reopened.close();
    await keys.close();
  });

  it('a plaintext identity is refused before anything is written', async () => {
    store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    const before = await store.headPosition();
    await expect(
      run('RegisterWitness', police, { subjectRef: 'witness-2', identity: 'Theresia Nahak' }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/IDENTITY_NOT_SEALED|MALFORMED_COMMAND/) });
    expect(await store.headPosition()).toBe(before);
    await store.close();
  });
});
