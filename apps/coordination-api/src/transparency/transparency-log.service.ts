import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@tppo/eventsourcing';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../infrastructure/tokens';
import { loadOrCreateLogKey, type LogKey } from './log-key';
import { TransparencyLogBuilder } from './transparency-log.builder';
import { type StoredCheckpoint, TransparencyLogStore } from './transparency-log.store';
import { type LogThreadData, TransparencyLogThread } from './transparency-log.thread';

/**
 * The transparency log of this process: its file, its key and the builder that follows the event
 * store. Over the SQLite event store the built server runs the builder in a thread of its own
 * (turning events into leaves cost the event loop as much as the appends themselves); from the
 * TypeScript sources (the tests' in-process apps) and over EventStoreDB it runs on this thread.
 */
@Injectable()
export class TransparencyLog implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('transparency-log');
  private readonly file: TransparencyLogStore;
  private readonly key: LogKey;
  private readonly builder: TransparencyLogBuilder | undefined;
  private readonly threadData: LogThreadData | undefined;
  private thread: TransparencyLogThread | undefined;
  private running: Promise<void> | undefined;

  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(APP_CONFIG) config: AppConfig) {
    this.file = TransparencyLogStore.open(config.transparency.file);
    this.key = loadOrCreateLogKey(config.transparency.keyFile);
    const options = {
      origin: config.transparency.origin,
      checkpointEvents: config.transparency.checkpointEvents,
      checkpointSeconds: config.transparency.checkpointSeconds,
      // No doorbell on each commit: the log follows in passes of pollIntervalMs, so that each pass is one
      // transaction of many events (a checkpoint is cut at most every few seconds anyway).
      pollIntervalMs: 250,
    };
    const compiled = !__filename.endsWith('.ts');
    if (compiled && config.eventStore.kind === 'sqlite') {
      this.threadData = { eventsFile: config.eventStore.file, logFile: config.transparency.file, keyFile: config.transparency.keyFile, options };
    } else {
      this.builder = new TransparencyLogBuilder(events, this.file, this.key, {
        ...options,
        onError: (error, failures) => this.logger.error(`A pass failed (${failures} in a row), retrying: ${error instanceof Error ? error.message : String(error)}`),
      });
    }
  }

  /** Refuses to start (the error names the file and what to do) when the log's file does not belong to this event store. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.threadData) {
      this.thread = await TransparencyLogThread.start(this.threadData, (message) => this.logger.error(message));
      return;
    }
    await this.builder!.checkResume();
    this.running = this.builder!.run().catch((error: unknown) => {
      this.logger.error(`The transparency log stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  publicKey(): Uint8Array {
    return this.key.publicKey;
  }

  store(): TransparencyLogStore {
    return this.file;
  }

  /** Everything in the event store now, in a signed checkpoint. */
  checkpointNow(): Promise<StoredCheckpoint> {
    if (this.thread) return this.thread.checkpointNow();
    if (!this.builder) return Promise.reject(new Error('The transparency log has not started'));
    return this.builder.checkpointNow();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.thread?.stop();
    await this.builder?.stop();
    await this.running;
  }

  onApplicationShutdown(): void {
    this.file.close();
  }
}
