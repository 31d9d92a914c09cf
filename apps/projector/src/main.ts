/**
 * The projector on its own: follows the event log and keeps the read models, so
 * the API can run with PROJECTOR=off and spend its CPU on commands. Same settings as the API
 * (DATA_DIR, EVENT_STORE_FILE, READ_STORE, DATABASE_URL, LOG_LEVEL). Stops cleanly on SIGTERM/SIGINT.
 */
import { caseEventRegistry } from '@tppo/case-domain';
import { PROJECTIONS } from '@tppo/read-models';
import { PostgresReadStore, Projector, SqliteReadStore, type ReadStore } from '@tppo/read-store';
import pino from 'pino';
import { loadConfigOrExit } from '../../coordination-api/src/config/app-config';
import { openEventStore } from '../../coordination-api/src/infrastructure/open-event-store';

const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const log = pino({ level: config.logLevel, name: 'projector' });
  const events = await openEventStore(config);
  const reads: ReadStore = config.readStore.kind === 'sqlite' ? SqliteReadStore.open(config.readStore.file) : await PostgresReadStore.open(config.readStore.url);
  const projector = new Projector(events, reads, caseEventRegistry, PROJECTIONS, {
    onCommit: (projection, changes) => log.debug({ projection, documents: changes.length }, 'batch committed'),
    onError: (error, failures) => log.error({ failures, reason: error instanceof Error ? error.message : String(error) }, 'pass failed; retrying'),
  });
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await projector.stop();
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  log.info({ projections: PROJECTIONS.map((p) => p.name), readStore: config.readStore.kind }, 'projector running');
  await projector.run();
  await reads.close();
  await events.close();
  log.info('stopped');
};

main().catch((error: unknown) => {
  process.stderr.write(`projector failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
