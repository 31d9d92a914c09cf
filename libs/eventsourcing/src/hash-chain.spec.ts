import type { EventRecord } from './envelope';
import { GENESIS_HASH, sealEvents, verifyChain } from './hash-chain';

const actor = { userId: 'u-1', unitId: 'polres-nunukan', agencyType: 'POLICE' };
const unsealed = (revision: number) => ({
  eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
  streamId: 'case-1',
  revision,
  type: 'NoteAdded',
  schemaVersion: 1,
  data: { text: `note ${revision}`, nested: { b: 1, a: [1, 2] } },
  occurredAt: '2026-03-01T08:00:00.000Z',
  recordedAt: '2026-03-01T08:00:00.100Z',
  actor,
  correlationId: 'corr-1',
  causationId: 'cmd-1',
});
const stream = (n: number): EventRecord[] => sealEvents(GENESIS_HASH, Array.from({ length: n }, (_, i) => unsealed(i)));

describe('the per-stream hash chain', () => {
  it('links each event to the previous hash and verifies a whole stream', () => {
    const events = stream(5);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[3]!.prevHash).toBe(events[2]!.hash);
    expect(verifyChain(events)).toEqual({ valid: true, events: 5, headHash: events[4]!.hash });
  });

  it('does not depend on the order of keys in the payload (canonical JSON)', () => {
    const [a] = sealEvents(GENESIS_HASH, [{ ...unsealed(0), data: { x: 1, y: { p: 'q', o: 2 } } }]);
    const [b] = sealEvents(GENESIS_HASH, [{ ...unsealed(0), data: { y: { o: 2, p: 'q' }, x: 1 } }]);
    expect(a!.hash).toBe(b!.hash);
  });

  it('names the first revision whose payload was altered', () => {
    const events = stream(6);
    events[3] = { ...events[3]!, data: { text: 'rewritten' } };
    expect(verifyChain(events)).toEqual({ valid: false, firstBadRevision: 3, reason: 'HASH_MISMATCH' });
  });

  it('catches an altered envelope field such as the actor or the time', () => {
    const events = stream(3);
    events[1] = { ...events[1]!, actor: { ...actor, unitId: 'kejari-nunukan' } };
    expect(verifyChain(events)).toMatchObject({ valid: false, firstBadRevision: 1 });
    const again = stream(3);
    again[2] = { ...again[2]!, occurredAt: '2026-03-02T08:00:00.000Z' };
    expect(verifyChain(again)).toMatchObject({ valid: false, firstBadRevision: 2, reason: 'HASH_MISMATCH' });
  });

  it('catches a deleted event and a re-hashed forgery that does not link up', () => {
    const events = stream(5);
    expect(verifyChain([...events.slice(0, 2), ...events.slice(3)])).toEqual({ valid: false, firstBadRevision: 2, reason: 'REVISION_GAP' });
    const [forged] = sealEvents('f'.repeat(64), [{ ...unsealed(2), data: { text: 'forged' } }]);
    expect(verifyChain([events[0]!, events[1]!, forged!, ...events.slice(3)])).toEqual({
      valid: false,
      firstBadRevision: 2,
      reason: 'PREVIOUS_HASH_MISMATCH',
    });
  });

  it('refuses events of another stream mixed in', () => {
    const events = stream(2);
    const [other] = sealEvents(events[1]!.hash, [{ ...unsealed(2), streamId: 'case-2' }]);
    expect(verifyChain([...events, other!])).toMatchObject({ valid: false, firstBadRevision: 2, reason: 'STREAM_MISMATCH' });
  });

  it('accepts the empty stream', () => {
    expect(verifyChain([])).toEqual({ valid: true, events: 0, headHash: GENESIS_HASH });
  });
});
