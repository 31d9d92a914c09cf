import { type EventRecord, type ExpectedRevision, hashEvent, InvalidAppendError, revisionOf } from '@tppo/eventsourcing';

/**
 * Everything that can be checked without the stream's state. The link of the first event to the
 * stream's head needs that state: each adapter checks it against its stored head.
 */
export const checkAppend = (streamId: string, expected: ExpectedRevision, events: readonly EventRecord[]): ExpectedRevision => {
  if (expected !== 'no_stream' && (!Number.isSafeInteger(expected) || expected < 0)) throw new InvalidAppendError(`Bad expected revision ${String(expected)}`);
  if (events.length === 0) throw new InvalidAppendError('An append needs at least one event');
  const ids = new Set<string>();
  let revision = revisionOf(expected);
  let previous = events[0]!.prevHash;
  for (const e of events) {
    revision += 1;
    if (e.streamId !== streamId) throw new InvalidAppendError(`Event ${e.eventId} belongs to ${e.streamId}, not ${streamId}`);
    if (e.revision !== revision) throw new InvalidAppendError(`Event ${e.eventId} has revision ${e.revision}, expected ${revision}`);
    if (ids.has(e.eventId)) throw new InvalidAppendError(`Event id ${e.eventId} appears twice in one append`);
    ids.add(e.eventId);
    let hash: string;
    try {
      hash = hashEvent(previous, e);
    } catch (error) {
      throw new InvalidAppendError(`Event ${e.eventId} cannot be hashed: ${String(error)}`);
    }
    if (e.prevHash !== previous || e.hash !== hash) throw new InvalidAppendError(`Event ${e.eventId} does not carry a valid hash chain link`);
    previous = e.hash;
  }
  return expected;
};
