import type { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { startWorker } from '@tppo/sqlite-worker';
import type { TransparencyLogOptions } from './transparency-log.builder';
import { TransparencyLogMismatch } from './transparency-log.builder';
import type { StoredCheckpoint } from './transparency-log.store';

export interface LogThreadData {
  readonly eventsFile: string;
  readonly logFile: string;
  readonly keyFile: string;
  readonly options: Pick<TransparencyLogOptions, 'origin' | 'checkpointEvents' | 'checkpointSeconds' | 'batchSize' | 'pollIntervalMs'>;
}

export type ToLogThread = { readonly kind: 'checkpoint'; readonly id: number } | { readonly kind: 'stop' };

export type FromLogThread =
  | { readonly kind: 'ready' }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string; readonly failures: number }
  | { readonly kind: 'checkpoint'; readonly id: number; readonly checkpoint?: StoredCheckpoint; readonly error?: string }
  | { readonly kind: 'stopped' };

/**
 * The transparency log built in a worker thread over the SQLite event store (the file is read
 * there through a connection of its own). `start` resolves once the thread checked the log's file
 * against the event store, and rejects with its reason when it refused to resume.
 */
export class TransparencyLogThread {
  private readonly waiting = new Map<number, { resolve: (checkpoint: StoredCheckpoint) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private stopped: Promise<void> | undefined;
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    /** Told each failed pass, and an unexpected end of the thread. */
    private readonly report: (message: string) => void,
  ) {}

  static start(data: LogThreadData, report: (message: string) => void): Promise<TransparencyLogThread> {
    const worker = startWorker(join(__dirname, 'transparency-log.worker'), data);
    const thread = new TransparencyLogThread(worker, report);
    return new Promise((resolve, reject) => {
      const early = (error: Error) => reject(error);
      worker.once('error', early);
      worker.on('message', (message: FromLogThread) => {
        if (message.kind === 'ready') {
          worker.off('error', early);
          worker.on('error', (error) => thread.fail(error));
          resolve(thread);
        } else if (message.kind === 'refused') {
          void worker.terminate();
          reject(new TransparencyLogMismatch(message.message));
        } else thread.receive(message);
      });
      worker.on('exit', (code) => {
        if (!thread.stopped) thread.report(`The transparency log's thread ended (exit code ${code}): new events are not logged until a restart`);
        thread.exited = true;
        thread.fail(new Error("The transparency log's thread stopped"));
      });
    });
  }

  private receive(message: FromLogThread): void {
    if (message.kind === 'failed') this.report(`A pass failed (${message.failures} in a row), retrying: ${message.message}`);
    if (message.kind !== 'checkpoint') return;
    const waiter = this.waiting.get(message.id);
    this.waiting.delete(message.id);
    if (message.checkpoint) waiter?.resolve(message.checkpoint);
    else waiter?.reject(new Error(message.error ?? 'no checkpoint'));
  }

  private fail(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  /** Catches up with the event store and signs a checkpoint that covers everything in it now. */
  checkpointNow(): Promise<StoredCheckpoint> {
    if (this.exited || this.stopped) return Promise.reject(new Error("The transparency log's thread is stopped"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'checkpoint', id } satisfies ToLogThread);
    });
  }

  /** Lets the thread finish its pass, close its files and exit. */
  stop(): Promise<void> {
    this.stopped ??= this.exited
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          this.worker.once('exit', () => resolve());
          this.worker.on('message', (message: FromLogThread) => {
            if (message.kind === 'stopped') void this.worker.terminate();
          });
          this.worker.postMessage({ kind: 'stop' } satisfies ToLogThread);
        });
    return this.stopped;
  }
}
