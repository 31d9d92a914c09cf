import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseEventRegistry, caseStreamId, type CaseCommand } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { EventRegistry, GENESIS_HASH, handleCommand, sealEvents, ValidatedWrites } from '@tppo/eventsourcing';
import { inboxProjection, type InboxItem } from '@tppo/read-models';
import { Projector, SqliteReadStore } from '@tppo/read-store';
import { openCase, sendReferral, acceptReferral, declineReferral, proposeLeadHandoff, registerVictim, recordConsent } from '../libs/case-domain/src/testing/case-commands.fixtures';
import { dinsosNunukan, policeNunukan, uptdNunukan } from '../libs/case-domain/src/testing/units';
import { eventually } from './support/eventually';

const NOW = '2026-02-10T01:00:00.000Z';
const inbox = (store: SqliteReadStore, unitId: string) => store.find<InboxItem>('inbox', { where: { toUnitId: unitId }, limit: 100, offset: 0, orderBy: 'sentAt' });

describe('the projector: from the event log to read models, in batches, with poison parked', () => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    events = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    reads = SqliteReadStore.open(join(dir, 'reads.db'));
  });
  afterEach(async () => {
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (caseId: string, command: CaseCommand) => handleCommand(events, caseDecider, caseStreamId(caseId), command, { registry: caseEventRegistry, recordedAt: () => NOW });

  /** One case referred twice and handed off once: eight events. */
  const caseHistory = async (caseId: string) => {
    await run(caseId, openCase(policeNunukan, { caseId }));
    await run(caseId, registerVictim(policeNunukan, { caseId, birthDate: '1999-04-01' }));
    await run(caseId, recordConsent(policeNunukan, { caseId }));
    await run(caseId, sendReferral({ by: policeNunukan, to: uptdNunukan, caseId, referralId: 'r-1', purpose: 'CASE_MANAGEMENT', dueBy: '2026-02-17T01:00:00.000Z' }));
    await run(caseId, sendReferral({ by: policeNunukan, to: dinsosNunukan, caseId, referralId: 'r-2', purpose: 'SHELTER', dueBy: '2026-02-17T01:00:00.000Z' }));
    await run(caseId, acceptReferral(uptdNunukan, { caseId, referralId: 'r-1' }));
    await run(caseId, declineReferral(dinsosNunukan, { caseId, referralId: 'r-2' }));
    await run(caseId, proposeLeadHandoff({ by: policeNunukan, to: uptdNunukan, caseId, handoffId: 'h-1' }));
  };

  /** Three cases: enough for several small batches. */
  const history = async () => {
    for (const caseId of ['c-1', 'c-2', 'c-3']) await caseHistory(caseId);
  };

  it('builds each unit’s inbox from the log, and an incremental build equals a rebuild', async () => {
    await history();
    const projector = new Projector(events, reads, caseEventRegistry, [inboxProjection], { batchSize: 7 });
    expect(await projector.catchUp()).toBe(24);
    const uptd = await inbox(reads, 'uptd-ppa-nunukan');
    expect(uptd.map((i) => `${i.itemId}:${i.kind}:${i.status}`).sort()).toEqual([
      'c-1/h-1:LEAD_HANDOFF:AWAITING_ANSWER', 'c-1/r-1:REFERRAL:ACCEPTED',
      'c-2/h-1:LEAD_HANDOFF:AWAITING_ANSWER', 'c-2/r-1:REFERRAL:ACCEPTED',
      'c-3/h-1:LEAD_HANDOFF:AWAITING_ANSWER', 'c-3/r-1:REFERRAL:ACCEPTED',
    ]);
    expect((await inbox(reads, 'dinsos-nunukan')).every((i) => i.status === 'DECLINED')).toBe(true);
    expect(await projector.catchUp()).toBe(0);

    const incremental = await reads.find('inbox', { limit: 1000, offset: 0 });
    await projector.rebuild('inbox');
    expect(await reads.find('inbox', { limit: 1000, offset: 0 })).toEqual(incremental);
  });

  it('does not validate again an event this process validated as it wrote it; a rebuild, and any other event, is validated', async () => {
    const validatedWrites = new ValidatedWrites();
    await handleCommand(events, caseDecider, caseStreamId('w-1'), openCase(policeNunukan, { caseId: 'w-1' }), { registry: caseEventRegistry, recordedAt: () => NOW, validatedWrites });
    await run('w-2', openCase(policeNunukan, { caseId: 'w-2' }));
    const checked: string[] = [];
    const counting = new EventRegistry(
      caseEventRegistry.types().map((type) => ({
        type,
        version: caseEventRegistry.currentVersion(type),
        validate: (data) => {
          checked.push(String(data['caseId']));
          return [];
        },
      })),
    );
    const projector = new Projector(events, reads, counting, [inboxProjection], { validatedWrites });
    expect(await projector.catchUp()).toBe(2);
    expect(checked).toEqual(['w-2']);
    expect(validatedWrites.size).toBe(0);
    await projector.rebuild('inbox');
    expect(checked).toEqual(['w-2', 'w-1', 'w-2']);
  });

  it('a batch larger than one read of the log is still one commit, and gives what small batches give', async () => {
    // More events than the projector reads at a time (500), in one batch.
    await Promise.all(Array.from({ length: 70 }, (_, i) => caseHistory(`m-${i}`)));
    const head = await events.headPosition();
    const commits: bigint[] = [];
    const counting = Object.create(reads) as SqliteReadStore;
    counting.commit = async (...args: Parameters<SqliteReadStore['commit']>) => {
      commits.push(args[2]);
      return reads.commit(...args);
    };
    expect(await new Projector(events, counting, caseEventRegistry, [inboxProjection], { batchSize: 1000 }).catchUp()).toBe(560);
    expect(commits).toEqual([head]);
    const large = await reads.find('inbox', { limit: 1000, offset: 0 });
    expect(large).toHaveLength(210);

    await new Projector(events, reads, caseEventRegistry, [inboxProjection], { batchSize: 7 }).rebuild('inbox');
    expect(await reads.find('inbox', { limit: 1000, offset: 0 })).toEqual(large);
  });

  it('parks a poison event with its position and reason, and applies the events after it', async () => {
    await run('c-1', openCase(policeNunukan, { caseId: 'c-1' }));
    // An event this build does not know, written by a newer or broken writer.
    const [alien] = sealEvents(GENESIS_HASH, [
      { eventId: '7d0c7f1e-0000-4000-8000-000000000001', streamId: 'case-alien', revision: 0, type: 'TeleportRequested', schemaVersion: 1, data: { to: 'Mars' },
        occurredAt: NOW, recordedAt: NOW, actor: policeNunukan, correlationId: 'x', causationId: 'x' },
    ]);
    await events.appendToStream('case-alien', 'no_stream', [alien!]);
    await run('c-1', registerVictim(policeNunukan, { caseId: 'c-1', birthDate: '1999-04-01' }));
    await run('c-1', recordConsent(policeNunukan, { caseId: 'c-1' }));
    await run('c-1', sendReferral({ by: policeNunukan, to: uptdNunukan, caseId: 'c-1', referralId: 'r-1', purpose: 'CASE_MANAGEMENT', dueBy: '2026-02-17T01:00:00.000Z' }));

    await new Projector(events, reads, caseEventRegistry, [inboxProjection]).catchUp();
    const parked = await reads.poisoned('inbox');
    expect(parked).toEqual([expect.objectContaining({ type: 'TeleportRequested', position: 2n, reason: expect.stringContaining('Unknown event type') })]);
    expect(await inbox(reads, 'uptd-ppa-nunukan')).toEqual([expect.objectContaining({ itemId: 'c-1/r-1', status: 'AWAITING_ANSWER' })]);
  });

  it('follows new events live after catching up', async () => {
    await run('c-1', openCase(policeNunukan, { caseId: 'c-1' }));
    const projector = new Projector(events, reads, caseEventRegistry, [inboxProjection]);
    const running = projector.run();
    await run('c-1', proposeLeadHandoff({ by: policeNunukan, to: uptdNunukan, caseId: 'c-1', handoffId: 'h-1' }));
    await eventually(async () => expect(await inbox(reads, 'uptd-ppa-nunukan')).toEqual([expect.objectContaining({ itemId: 'c-1/h-1', kind: 'LEAD_HANDOFF' })]), { what: 'the handoff in the inbox' });
    await projector.stop();
    await running;
  });

  it('retries a failing read store with backoff and skips nothing', async () => {
    await run('c-1', openCase(policeNunukan, { caseId: 'c-1' }));
    await run('c-1', proposeLeadHandoff({ by: policeNunukan, to: uptdNunukan, caseId: 'c-1', handoffId: 'h-1' }));
    let failuresLeft = 2;
    const flaky = Object.create(reads) as SqliteReadStore;
    flaky.commit = async (...args: Parameters<SqliteReadStore['commit']>) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('database is locked');
      }
      return reads.commit(...args);
    };
    const errors: number[] = [];
    const projector = new Projector(events, flaky, caseEventRegistry, [inboxProjection], { onError: (_, n) => errors.push(n) });
    const running = projector.run();
    await eventually(async () => (await inbox(reads, 'uptd-ppa-nunukan')).length > 0, { what: 'the handoff in the inbox, after two failed commits' });
    await projector.stop();
    await running;
    expect(errors).toEqual([1, 2]);
    expect(await inbox(reads, 'uptd-ppa-nunukan')).toEqual([expect.objectContaining({ itemId: 'c-1/h-1' })]);
    expect((await reads.checkpoint('inbox'))?.position).toBe(2n);
  });
});
