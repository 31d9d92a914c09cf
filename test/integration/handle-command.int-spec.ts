import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConcurrencyConflictError,
  type Decider,
  EventRegistry,
  eventIdFor,
  handleCommand,
  LruStreamCache,
  MalformedMessageError,
  StaleRevisionError,
  verifyChain,
  type EventStore,
} from '@tppo/eventsourcing';
import { SqliteEventStore } from '@tppo/event-store';

/** A tiny decider: a ledger of shelter beds, enough to exercise the handler's contract. */
type BedCommand =
  | { type: 'Reserve'; data: { beds: number }; metadata: Meta }
  | { type: 'Release'; data: { beds: number }; metadata: Meta };
type Meta = { commandId: string; actor: { userId: string; unitId: string; agencyType: string }; now: string };
type BedEvent = { type: 'Reserved'; data: { beds: number } } | { type: 'Released'; data: { beds: number } };
type BedState = { reserved: number; capacity: number };

const beds: Decider<BedCommand, BedEvent, BedState> = {
  initialState: () => ({ reserved: 0, capacity: 10 }),
  decide: (command, state) => {
    switch (command.type) {
      case 'Reserve':
        if (state.reserved + command.data.beds > state.capacity) throw new Error('NO_CAPACITY');
        return [{ type: 'Reserved', data: { beds: command.data.beds } }];
      case 'Release':
        return command.data.beds === 0 ? [] : [{ type: 'Released', data: { beds: command.data.beds } }];
    }
  },
  evolve: (state, event) =>
    event.type === 'Reserved' ? { ...state, reserved: state.reserved + event.data.beds } : { ...state, reserved: state.reserved - event.data.beds },
};
const registry = new EventRegistry([
  { type: 'Reserved', version: 1, validate: (d) => (Number.isInteger(d['beds']) && (d['beds'] as number) > 0 ? [] : ['beds must be a positive whole number']) },
  { type: 'Released', version: 1 },
]);
const meta = (commandId: string): Meta => ({
  commandId,
  actor: { userId: 'officer-1', unitId: 'dinsos-nunukan', agencyType: 'SOCIAL_SERVICES' },
  now: '2026-03-01T08:00:00.000Z',
});
const reserve = (commandId: string, n = 1): BedCommand => ({ type: 'Reserve', data: { beds: n }, metadata: meta(commandId) });

describe('handleCommand: read, fold, decide, append', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handle-'));
    store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends the decided events with the envelope, deterministic ids and a valid chain', async () => {
    const first = await handleCommand(store, beds, 'shelter-1', reserve('cmd-1', 2), { registry, recordedAt: () => '2026-03-01T08:00:01.000Z' });
    const second = await handleCommand(store, beds, 'shelter-1', reserve('cmd-2', 3), { registry });
    expect(first.revision).toBe(0);
    expect(second.revision).toBe(1);
    expect(second.state.reserved).toBe(5);
    const events = await store.readStream('shelter-1');
    expect(events[0]).toMatchObject({
      eventId: eventIdFor('cmd-1', 0),
      type: 'Reserved',
      schemaVersion: 1,
      occurredAt: '2026-03-01T08:00:00.000Z',
      recordedAt: '2026-03-01T08:00:01.000Z',
      actor: { unitId: 'dinsos-nunukan', agencyType: 'SOCIAL_SERVICES' },
      correlationId: 'cmd-1',
      causationId: 'cmd-1',
    });
    expect(verifyChain(events)).toMatchObject({ valid: true, events: 2 });
  });

  it('a retried command with the same id appends nothing and returns the first result', async () => {
    const first = await handleCommand(store, beds, 'shelter-1', reserve('cmd-1', 2), { registry });
    const retry = await handleCommand(store, beds, 'shelter-1', reserve('cmd-1', 2), { registry });
    expect(retry.replayed).toBe(true);
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await store.readStream('shelter-1')).toHaveLength(1);
  });

  it('a retry after the stream moved on answers the revision the command produced, not the current one', async () => {
    const first = await handleCommand(store, beds, 'shelter-1', reserve('cmd-1', 2), { registry });
    await handleCommand(store, beds, 'shelter-1', reserve('cmd-2', 1), { registry });
    await handleCommand(store, beds, 'shelter-1', reserve('cmd-3', 1), { registry });
    const retry = await handleCommand(store, beds, 'shelter-1', reserve('cmd-1', 2), { registry });
    expect(retry).toMatchObject({ replayed: true, revision: first.revision });
    expect(retry.revision).toBe(0);
  });

  it('records the declared time of the act beside the time it was recorded, both in the chain', async () => {
    const late = { ...reserve('cmd-late', 1), metadata: { ...meta('cmd-late'), occurredAt: '2026-02-27T23:30:00.000Z' } };
    await handleCommand(store, beds, 'shelter-1', late, { registry, recordedAt: () => '2026-03-01T08:00:01.000Z' });
    const [event] = await store.readStream('shelter-1');
    expect(event).toMatchObject({ occurredAt: '2026-02-27T23:30:00.000Z', recordedAt: '2026-03-01T08:00:01.000Z' });
    expect(verifyChain([{ ...event!, occurredAt: '2026-03-01T08:00:00.000Z' }])).toMatchObject({ valid: false, reason: 'HASH_MISMATCH' });
  });

  it('a command that changes nothing appends nothing', async () => {
    const result = await handleCommand(store, beds, 'shelter-1', { type: 'Release', data: { beds: 0 }, metadata: meta('cmd-0') }, { registry });
    expect(result).toMatchObject({ events: [], revision: -1, replayed: false });
    expect(await store.headPosition()).toBeNull();
  });

  it('re-decides on a conflict, so concurrent commands never lose an update and never overbook', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => handleCommand(store, beds, 'shelter-1', reserve(`cmd-${i}`), { registry, maxRetries: 20 })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused.every((r) => (r as PromiseRejectedResult).reason.message === 'NO_CAPACITY')).toBe(true);
    const events = await store.readStream('shelter-1');
    expect(events).toHaveLength(10);
    expect(verifyChain(events).valid).toBe(true);
  });

  it('gives up with ConcurrencyConflictError when writers keep winning', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => handleCommand(store, beds, 'shelter-1', reserve(`cmd-${i}`), { registry, maxRetries: 0 })),
    );
    const conflicts = results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyConflictError);
    expect(conflicts.length).toBeGreaterThan(0);
    expect(await store.readStream('shelter-1')).toHaveLength(8 - conflicts.length);
  });

  it('honours an expected revision (If-Match) without re-deciding', async () => {
    await handleCommand(store, beds, 'shelter-1', reserve('cmd-1'), { registry });
    await expect(handleCommand(store, beds, 'shelter-1', reserve('cmd-2'), { registry, expectedRevision: -1 })).rejects.toBeInstanceOf(StaleRevisionError);
    await expect(handleCommand(store, beds, 'shelter-1', reserve('cmd-2'), { registry, expectedRevision: 0 })).resolves.toMatchObject({ revision: 1 });
  });

  it('refuses a malformed event before anything is written', async () => {
    const broken: Decider<BedCommand, BedEvent, BedState> = { ...beds, decide: () => [{ type: 'Reserved', data: { beds: -1 } }] };
    await expect(handleCommand(store, broken, 'shelter-1', reserve('cmd-1'), { registry })).rejects.toBeInstanceOf(MalformedMessageError);
    const unknown: Decider<BedCommand, BedEvent, BedState> = { ...beds, decide: () => [{ type: 'Teleported', data: { beds: 1 } } as unknown as BedEvent] };
    await expect(handleCommand(store, unknown, 'shelter-1', reserve('cmd-2'), { registry })).rejects.toMatchObject({ code: 'UNKNOWN_EVENT_TYPE' });
    expect(await store.headPosition()).toBeNull();
  });

  describe('with a snapshot cache', () => {
    const release = (commandId: string, n: number): BedCommand => ({ type: 'Release', data: { beds: n }, metadata: meta(commandId) });

    it('decides on the cached snapshot without reading the stream again', async () => {
      const cache = new LruStreamCache<BedState>(10);
      await handleCommand(store, beds, 'shelter-1', reserve('cmd-1'), { registry, cache });
      const reads = jest.spyOn(store, 'readStream');
      const second = await handleCommand(store, beds, 'shelter-1', reserve('cmd-2', 2), { registry, cache });
      expect(reads).not.toHaveBeenCalled();
      expect(second).toMatchObject({ revision: 1, state: { reserved: 3 } });
      expect(verifyChain(await store.readStream('shelter-1')).valid).toBe(true);
    });

    it('loses no update when another process wrote behind the cache: the append conflicts and is re-decided', async () => {
      const cache = new LruStreamCache<BedState>(10);
      await handleCommand(store, beds, 'shelter-1', reserve('cmd-1', 4), { registry, cache });
      await handleCommand(store, beds, 'shelter-1', reserve('cmd-other', 5), { registry }); // another process: no cache
      await expect(handleCommand(store, beds, 'shelter-1', reserve('cmd-2', 2), { registry, cache })).rejects.toThrow('NO_CAPACITY');
      const ok = await handleCommand(store, beds, 'shelter-1', reserve('cmd-3', 1), { registry, cache });
      expect(ok).toMatchObject({ revision: 2, state: { reserved: 10 } });
      expect(verifyChain(await store.readStream('shelter-1'))).toMatchObject({ valid: true, events: 3 });
    });

    it('never refuses on a stale snapshot: a rule broken only in the cache is decided again on a fresh read', async () => {
      const cache = new LruStreamCache<BedState>(10);
      await handleCommand(store, beds, 'shelter-1', reserve('cmd-1', 10), { registry, cache });
      await handleCommand(store, beds, 'shelter-1', release('cmd-other', 6), { registry }); // another process frees beds
      await expect(handleCommand(store, beds, 'shelter-1', reserve('cmd-2', 3), { registry, cache })).resolves.toMatchObject({ revision: 2, state: { reserved: 7 } });
    });

    it('answers a retry from the store with the first events, and honours If-Match against the store', async () => {
      const cache = new LruStreamCache<BedState>(10);
      const first = await handleCommand(store, beds, 'shelter-1', reserve('cmd-1'), { registry, cache });
      const retry = await handleCommand(store, beds, 'shelter-1', reserve('cmd-1'), { registry, cache });
      expect(retry).toMatchObject({ replayed: true, revision: 0 });
      expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
      await handleCommand(store, beds, 'shelter-1', reserve('cmd-other'), { registry }); // revision 1, behind the cache
      await expect(handleCommand(store, beds, 'shelter-1', reserve('cmd-2'), { registry, cache, expectedRevision: 1 })).resolves.toMatchObject({ revision: 2 });
    });
  });
});
