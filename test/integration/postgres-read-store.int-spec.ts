import { Client } from 'pg';
import { caseDecider, caseEventRegistry, caseStreamId } from '@tppo/case-domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@tppo/event-store';
import { handleCommand } from '@tppo/eventsourcing';
import { inboxProjection } from '@tppo/read-models';
import { PostgresReadStore, Projector, SqliteReadStore, type IndexedField } from '@tppo/read-store';
import { describeReadStoreContract } from '../../libs/read-store/src/contract/read-store.contract';
import { openCase, proposeLeadHandoff, sendReferral, acceptReferral, registerVictim, recordConsent } from '../../libs/case-domain/src/testing/case-commands.fixtures';
import { dinsosNunukan, policeNunukan, uptdNunukan } from '../../libs/case-domain/src/testing/units';

/** Set by .ci/run from .ci/postgres.sh; this suite exists to run against a real server. */
const DATABASE_URL = process.env['DATABASE_URL'];
if (!DATABASE_URL) throw new Error('DATABASE_URL is not set: start PostgreSQL with .ci/postgres.sh start (see .ci/run)');

const emptyStore = async (indexes?: readonly IndexedField[]): Promise<PostgresReadStore> => {
  const store = await PostgresReadStore.open(DATABASE_URL, { indexes });
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query('TRUNCATE read_documents, read_checkpoints, read_poisoned');
  await client.end();
  return store;
};

describeReadStoreContract('PostgreSQL', emptyStore);

describe('the projector on PostgreSQL builds the same read model as on SQLite', () => {
  it('gives identical inbox documents from one log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projector-pg-'));
    const events = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    const run = (caseId: string, command: Parameters<typeof caseDecider.decide>[0]) =>
      handleCommand(events, caseDecider, caseStreamId(caseId), command, { registry: caseEventRegistry });
    for (const caseId of ['c-1', 'c-2']) {
      await run(caseId, openCase(policeNunukan, { caseId }));
      await run(caseId, registerVictim(policeNunukan, { caseId, birthDate: '1999-04-01' }));
      await run(caseId, recordConsent(policeNunukan, { caseId }));
      await run(caseId, sendReferral({ by: policeNunukan, to: uptdNunukan, caseId, referralId: 'r-1', purpose: 'CASE_MANAGEMENT', dueBy: '2026-02-17T01:00:00.000Z' }));
      await run(caseId, acceptReferral(uptdNunukan, { caseId, referralId: 'r-1' }));
      await run(caseId, proposeLeadHandoff({ by: policeNunukan, to: dinsosNunukan, caseId, handoffId: 'h-1' }));
    }
    const postgres = await emptyStore();
    const sqlite = SqliteReadStore.open(join(dir, 'reads.db'));
    await new Projector(events, postgres, caseEventRegistry, [inboxProjection], { batchSize: 5 }).catchUp();
    await new Projector(events, sqlite, caseEventRegistry, [inboxProjection], { batchSize: 5 }).catchUp();
    const all = { limit: 100, offset: 0, orderBy: 'sentAt' };
    expect(await postgres.find('inbox', all)).toEqual(await sqlite.find('inbox', all));
    expect((await postgres.find('inbox', all)).length).toBe(4);
    expect(await postgres.checkpoint('inbox')).toEqual(await sqlite.checkpoint('inbox'));
    await Promise.all([postgres.close(), sqlite.close(), events.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
});
