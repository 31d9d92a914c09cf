import { randomUUID } from 'node:crypto';
import { type EventRecord, sealEvents } from '@tppo/eventsourcing';

/**
 * A realistic ~300-byte case event, sealed after `prevHash`. Event ids are random UUIDs (the app
 * derives them from command ids: they land all over the index); `orderedIds` gives time-ordered
 * ones instead, which only grow the index at its end.
 */
export const caseEventFor = (streamId: string, revision: number, prevHash: string, n: number, orderedIds = false): EventRecord =>
  sealEvents(prevHash, [
    {
      eventId: orderedIds ? `0196f1c4-0000-7000-8000-${n.toString(16).padStart(12, '0')}` : randomUUID(),
      streamId,
      revision,
      type: 'ServiceRequested',
      schemaVersion: 1,
      data: {
        caseId: streamId.slice(5),
        serviceRequestId: `svc-${n}`,
        subjectRef: `subj-${streamId.slice(5)}`,
        kind: 'PSYCHOSOCIAL',
        providerUnitId: 'dinsos-nunukan',
        dueBy: '2026-03-08T08:00:00.000Z',
      },
      occurredAt: '2026-03-01T08:00:00.000Z',
      recordedAt: new Date().toISOString(),
      actor: { userId: 'officer-17', unitId: 'uptd-ppa-nunukan', agencyType: 'SERVICE_UNIT' },
      correlationId: `corr-${n}`,
      causationId: `cmd-${n}`,
    },
  ])[0]!;
