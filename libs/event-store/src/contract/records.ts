import { randomUUID } from 'node:crypto';
import { type EventRecord, GENESIS_HASH, sealEvents } from '@tppo/eventsourcing';

/** Valid, hash-chained records for store tests: `count` events of one stream after `fromRevision - 1`. */
export const makeRecords = (
  streamId: string,
  fromRevision = 0,
  prevHash: string = GENESIS_HASH,
  count = 1,
  data: (revision: number) => EventRecord['data'] = (revision) => ({ caseId: streamId, note: `step ${revision}` }),
): EventRecord[] =>
  sealEvents(
    prevHash,
    Array.from({ length: count }, (_, i) => ({
      eventId: randomUUID(),
      streamId,
      revision: fromRevision + i,
      type: 'ReferralSent',
      schemaVersion: 1,
      data: data(fromRevision + i),
      occurredAt: '2026-03-01T08:00:00.000Z',
      recordedAt: '2026-03-01T08:00:00.010Z',
      actor: { userId: 'officer-1', unitId: 'uptd-ppa-nunukan', agencyType: 'SERVICE_UNIT' },
      correlationId: 'corr-1',
      causationId: 'cmd-1',
    })),
  );

/** The records that continue a stream whose last record is `last`. */
export const nextRecords = (last: EventRecord, count = 1): EventRecord[] => makeRecords(last.streamId, last.revision + 1, last.hash, count);
