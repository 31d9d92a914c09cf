import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, InvalidAppendError, sealEvents, StoreClosedError, verifyChain, WrongExpectedRevisionError } from '@tppo/eventsourcing';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { makeRecords, nextRecords } from '../contract/records';
import { SCHEMA_VERSION } from './schema';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-contract-'));
  const file = join(dir, 'events.db');
  let current = await SqliteEventStore.open({ file, pollIntervalMs: 20 });
  return {
    store: current,
    reopen: async () => {
      await current.close();
      current = await SqliteEventStore.open({ file, pollIntervalMs: 20 });
      return current;
    },
    cleanup: async () => {
      await current.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite event store specifics', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'es-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sees appends made by another connection to the same file (a standalone projector)', async () => {
    const file = join(dir, 'events.db');
    const writer = await SqliteEventStore.open({ file });
    const reader = await SqliteEventStore.open({ file, pollIntervalMs: 20 });
    const subscription = reader.subscribeToAll();
    const seen: string[] = [];
    const done = (async () => {
      for await (const message of subscription) {
        if (message.kind === 'event') seen.push(message.event.eventId);
        if (seen.length === 3) break;
      }
    })();
    const records = makeRecords('case-a', 0, undefined, 3);
    await writer.appendToStream('case-a', 'no_stream', records);
    await done;
    await subscription.stop();
    expect(seen).toEqual(records.map((r) => r.eventId));
    await writer.close();
    await reader.close();
  });

  it('two stores writing one stream in turn each see the other\'s appends (no stale head of a stream)', async () => {
    const file = join(dir, 'events.db');
    const first = await SqliteEventStore.open({ file });
    const second = await SqliteEventStore.open({ file });
    const [r0] = makeRecords('case-a');
    const [r1] = nextRecords(r0!);
    const [r2] = nextRecords(r1!);
    await first.appendToStream('case-a', 'no_stream', [r0!]);
    await second.appendToStream('case-a', 0, [r1!]);
    await expect(first.appendToStream('case-a', 0, nextRecords(r0!))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(first.appendToStream('case-a', 1, [r2!])).resolves.toMatchObject({ nextExpectedRevision: 2 });
    expect(verifyChain(await second.readStream('case-a')).valid).toBe(true);
    await first.close();
    await second.close();
  });

  it('finishes pending appends on close and refuses work afterwards', async () => {
    const store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    const pending = store.appendToStream('case-a', 'no_stream', makeRecords('case-a'));
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await expect(store.appendToStream('case-b', 'no_stream', makeRecords('case-b'))).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('an append that fails part-way in a group commit leaves no rows and does not fail its neighbours', async () => {
    const store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    const [taken] = makeRecords('case-a');
    await store.appendToStream('case-a', 'no_stream', [taken!]);
    // Second event reuses an id already in case-a: detected only when its row is inserted.
    const [first, second] = makeRecords('case-b', 0, undefined, 2);
    const clash = sealEvents(first!.hash, [{ ...second!, eventId: taken!.eventId }]);
    const results = await Promise.allSettled([
      store.appendToStream('case-c', 'no_stream', makeRecords('case-c')),
      store.appendToStream('case-b', 'no_stream', [first!, ...clash]),
      store.appendToStream('case-d', 'no_stream', makeRecords('case-d')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidAppendError);
    expect(await store.readStream('case-b')).toEqual([]);
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['case-a', 'case-c', 'case-d']);
    await store.close();
  });

  it('refuses an event id that is already used by another stream (InvalidAppendError, nothing written)', async () => {
    const store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    const [taken] = makeRecords('case-a');
    await store.appendToStream('case-a', 'no_stream', [taken!]);
    const [reused] = sealEvents(GENESIS_HASH, [{ ...makeRecords('case-b')[0]!, eventId: taken!.eventId }]);
    await expect(store.appendToStream('case-b', 'no_stream', [reused!])).rejects.toThrow(/already used by case-a@0/);
    expect(await store.readAll()).toHaveLength(1);
    await store.close();
  });

  it('migrates a file of the first layout (one JSON body column) keeping positions, and marks its schema version', async () => {
    const file = join(dir, 'old.db');
    const records = makeRecords('case-a', 0, undefined, 3);
    const old = new Database(file);
    old.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
      type TEXT NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (stream_id, revision)) STRICT`);
    const insert = old.prepare('INSERT INTO events (position, event_id, stream_id, revision, type, hash, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    records.forEach((r, i) => insert.run(10 + i * 5, r.eventId, r.streamId, r.revision, r.type, r.hash, JSON.stringify(r)));
    old.close();

    const store = await SqliteEventStore.open({ file });
    const events = await store.readStream('case-a');
    expect(events).toEqual(records.map((r, i) => ({ ...r, position: BigInt(10 + i * 5) })));
    expect(verifyChain(events).valid).toBe(true);
    await expect(store.appendToStream('case-a', 2, nextRecords(records[2]!))).resolves.toEqual({ nextExpectedRevision: 3, position: 21n });
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('migrates a file of layout 2 (every field in every row) keeping positions, events and each header once', async () => {
    const file = join(dir, 'v2.db');
    const a = makeRecords('case-a', 0, undefined, 2);
    const b = sealEvents(GENESIS_HASH, [{ ...makeRecords('case-b')[0]!, actor: { userId: 'jaksa-2', unitId: 'kejari-nunukan', agencyType: 'PROSECUTION' } }]);
    const records = [a[0]!, b[0]!, a[1]!];
    const old = new Database(file);
    old.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
      type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL,
      correlation_id TEXT NOT NULL, causation_id TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, revision)) STRICT`);
    old.pragma('user_version = 2');
    const insert = old.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    records.forEach((r, i) => insert.run(7 + i * 3, r.eventId, r.streamId, r.revision, r.type, r.schemaVersion, JSON.stringify(r.data), r.occurredAt,
      r.recordedAt, JSON.stringify(r.actor), r.correlationId, r.causationId, r.prevHash, r.hash));
    old.close();

    const store = await SqliteEventStore.open({ file });
    expect(await store.readAll()).toEqual(records.map((r, i) => ({ ...r, position: BigInt(7 + i * 3) })));
    expect(verifyChain(await store.readStream('case-a')).valid).toBe(true);
    // The migrated headers are found again by the writer: a known type, version and actor get no second row.
    await expect(store.appendToStream('case-a', 1, nextRecords(a[1]!))).resolves.toEqual({ nextExpectedRevision: 2, position: 14n });
    await expect(store.appendToStream('case-b', 0, nextRecords(b[0]!))).resolves.toEqual({ nextExpectedRevision: 1, position: 15n });
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(check.prepare('SELECT type, schema_version, actor FROM headers ORDER BY id').raw().all()).toEqual([
      ['ReferralSent', 1, JSON.stringify(a[0]!.actor)],
      ['ReferralSent', 1, JSON.stringify(b[0]!.actor)],
    ]);
    check.close();
  });

  it('refuses a file written by a newer schema', async () => {
    const file = join(dir, 'newer.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(SqliteEventStore.open({ file })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('reports an unusable file clearly', async () => {
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    await expect(SqliteEventStore.open({ file: join(dir, 'not-a-folder', 'events.db') })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
