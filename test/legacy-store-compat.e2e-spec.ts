import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseEventRegistry, caseStreamId, type CaseCommand } from '@tppo/case-domain';
import { eventIdFor, handleCommand, nameBasedIds, verifyChain, type JsonValue, type StoredEvent } from '@tppo/eventsourcing';
import { SqliteEventStore } from '@tppo/event-store';
import { ERASED, loadOrCreateMasterKey, PersonalDataProtector, SqliteKeyStore, subjectKeyId } from '@tppo/protected-data';

/**
 * A store written by the code of December 2026 (see test/fixtures/make-legacy-store.ts), opened by
 * today's code: every library that replaced a hand-made copy must read those bytes as they were.
 */
interface Expected {
  readonly streams: Record<string, { events: number; headHash: string }>;
  readonly identities: readonly { streamId: string; revision: number; path: readonly string[]; value: JsonValue | null }[];
  readonly eventIds: readonly { commandId: string; index: number; eventId: string }[];
  readonly subjectKeyIds: readonly { caseId: string; subjectRef: string; keyId: string }[];
  readonly nameBasedIds: readonly { namespace: string; name: string; id: string }[];
}

const FIXTURE = join(__dirname, 'fixtures', 'legacy-store-v1');
const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as Expected;

const at = (data: JsonValue, path: readonly string[]): unknown => path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], data);

describe('a store written before the library swap', () => {
  let dir: string;
  let store: SqliteEventStore;
  let keys: SqliteKeyStore;
  let protector: PersonalDataProtector;
  const streams = new Map<string, StoredEvent[]>();

  beforeAll(async () => {
    // A copy: opening a SQLite file in WAL mode writes beside it, and the fixture must stay as written.
    dir = mkdtempSync(join(tmpdir(), 'legacy-store-'));
    cpSync(FIXTURE, dir, { recursive: true });
    store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: loadOrCreateMasterKey(join(dir, 'master.key')) });
    protector = new PersonalDataProtector(keys);
    for (const streamId of Object.keys(expected.streams)) streams.set(streamId, await store.readStream(streamId));
  });
  afterAll(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies every stream’s hash chain up to the head it had', () => {
    for (const [streamId, head] of Object.entries(expected.streams)) {
      expect([streamId, verifyChain(streams.get(streamId)!)]).toEqual([streamId, { valid: true, events: head.events, headHash: head.headHash }]);
    }
  });

  it('opens every sealed identity to what was sealed, and an erased one as erased', async () => {
    expect(expected.identities.length).toBeGreaterThanOrEqual(6);
    for (const identity of expected.identities) {
      const event = streams.get(identity.streamId)![identity.revision]!;
      const opened = await protector.open(at(event.data, identity.path) as string);
      expect([identity.streamId, identity.revision, opened]).toEqual([identity.streamId, identity.revision, identity.value ?? ERASED]);
    }
  });

  it('derives the same name-based ids: event ids, subject key ids, and ids of awkward names', () => {
    for (const { commandId, index, eventId } of expected.eventIds) expect([commandId, index, eventIdFor(commandId, index)]).toEqual([commandId, index, eventId]);
    for (const { caseId, subjectRef, keyId } of expected.subjectKeyIds) expect([caseId, subjectRef, subjectKeyId(caseId, subjectRef)]).toEqual([caseId, subjectRef, keyId]);
    for (const { namespace, name, id } of expected.nameBasedIds) expect([name, nameBasedIds(namespace)(name)]).toEqual([name, id]);
  });

  it('gives every stored event the id its command derives today', () => {
    for (const events of streams.values()) {
      const byCommand = new Map<string, number>();
      for (const event of events) {
        const index = byCommand.get(event.causationId!) ?? 0;
        byCommand.set(event.causationId!, index + 1);
        expect(event.eventId).toBe(eventIdFor(event.causationId!, index));
      }
    }
  });

  it('goes on from the stored chain: a new identity sealed today sits beside the old ones and both open', async () => {
    const caseId = 'fixture-case-a';
    const witness = { fullName: 'Saksi Baru Rekaan' };
    const command = {
      type: 'RegisterWitness',
      data: { caseId, subjectRef: 'witness-2', identity: await protector.seal(subjectKeyId(caseId, 'witness-2'), witness) },
      metadata: { commandId: 'compat-new-witness', actor: { userId: 'penyidik-fixture', unitId: 'polres-nunukan', agencyType: 'POLICE' }, now: '2026-12-02T01:00:00.000Z' },
    } as CaseCommand;
    await handleCommand(store, caseDecider, caseStreamId(caseId), command, { registry: caseEventRegistry });

    const events = await store.readStream(caseStreamId(caseId));
    const head = expected.streams[caseStreamId(caseId)]!;
    expect(verifyChain(events)).toMatchObject({ valid: true, events: head.events + 1 });
    expect(events[head.events]!.prevHash).toBe(head.headHash);
    await expect(protector.open(events.at(-1)!.data['identity'] as string)).resolves.toEqual(witness);
    await expect(protector.open(events[1]!.data['identity'] as string)).resolves.toEqual(expected.identities[0]!.value);
  });
});
