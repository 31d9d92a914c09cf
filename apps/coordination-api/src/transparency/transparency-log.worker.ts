/**
 * The program of the transparency log's thread: it opens its own read connection to the SQLite
 * event store and the log's file, and runs the builder there, so that turning events into leaves
 * and writing them costs the API's event loop nothing. Messages follow transparency-log.thread.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '@tppo/event-store';
import { loadOrCreateLogKey } from './log-key';
import type { FromLogThread, LogThreadData, ToLogThread } from './transparency-log.thread';
import { TransparencyLogBuilder } from './transparency-log.builder';
import { TransparencyLogStore } from './transparency-log.store';

const port = parentPort!;
const post = (message: FromLogThread) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const main = async (data: LogThreadData): Promise<void> => {
  const events = await SqliteEventStore.open({ file: data.eventsFile });
  const log = TransparencyLogStore.open(data.logFile);
  const close = async () => {
    log.close();
    await events.close();
  };
  const builder = new TransparencyLogBuilder(events, log, loadOrCreateLogKey(data.keyFile), {
    ...data.options,
    onError: (error, failures) => post({ kind: 'failed', message: messageOf(error), failures }),
  });
  try {
    await builder.checkResume();
  } catch (error) {
    await close();
    post({ kind: 'refused', message: messageOf(error) });
    return;
  }
  const running = builder.run();
  port.on('message', (message: ToLogThread) => {
    if (message.kind === 'checkpoint') {
      builder.checkpointNow().then(
        (checkpoint) => post({ kind: 'checkpoint', id: message.id, checkpoint }),
        (error: unknown) => post({ kind: 'checkpoint', id: message.id, error: messageOf(error) }),
      );
      return;
    }
    void (async () => {
      await builder.stop();
      await running;
      await close();
      post({ kind: 'stopped' });
    })();
  });
  post({ kind: 'ready' });
};

main(workerData as LogThreadData).catch((error: unknown) => post({ kind: 'refused', message: `The transparency log's thread could not start: ${messageOf(error)}` }));
