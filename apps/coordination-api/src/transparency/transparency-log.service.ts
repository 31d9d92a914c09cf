import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@tppo/eventsourcing';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../infrastructure/tokens';
import { loadOrCreateLogKey, type LogKey } from './log-key';
import { TransparencyLogBuilder } from './transparency-log.builder';
import { type StoredCheckpoint, TransparencyLogStore } from './transparency-log.store';

/** The transparency log of this process: its file, its key and the builder that follows the event store. */
@Injectable()
export class TransparencyLog implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('transparency-log');
  private readonly file: TransparencyLogStore;
  private readonly key: LogKey;
  private readonly builder: TransparencyLogBuilder;
  private running: Promise<void> | undefined;

  constructor(@Inject(EVENT_STORE) events: EventStore, @Inject(APP_CONFIG) config: AppConfig) {
    this.file = TransparencyLogStore.open(config.transparency.file);
    this.key = loadOrCreateLogKey(config.transparency.keyFile);
    this.builder = new TransparencyLogBuilder(events, this.file, this.key, {
      origin: config.transparency.origin,
      checkpointEvents: config.transparency.checkpointEvents,
      checkpointSeconds: config.transparency.checkpointSeconds,
      // No doorbell on each commit: the log follows in passes of pollIntervalMs, so that each pass is one
      // transaction of many events (a checkpoint is cut at most every few seconds anyway).
      pollIntervalMs: 250,
      onError: (error, failures) => this.logger.error(`A pass failed (${failures} in a row), retrying: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  onApplicationBootstrap(): void {
    this.running = this.builder.run().catch((error: unknown) => {
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
    return this.builder.checkpointNow();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.builder.stop();
    await this.running;
  }

  onApplicationShutdown(): void {
    this.file.close();
  }
}
