import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@tppo/eventsourcing';
import { type KeyStore, subjectKeyId } from '@tppo/protected-data';
import { EVENT_STORE, KEY_STORE } from '../../infrastructure/tokens';

/** An event as the store or a command's result holds it: only its type and data are read. */
interface AnyEvent {
  readonly type: string;
  readonly data: unknown;
}

const SWEEP_PAGE = 1000;

/**
 * Crypto-shredding: once `SubjectErased` is in the stream, the person's data key is destroyed, so
 * every sealed identity of theirs is unreadable while the events and their hash chain stay.
 *
 * The event is written first and the key destroyed after it, so a crash in between leaves a key
 * that should be gone. Destroying is idempotent, and this is repaired twice over: a retry of the
 * approval (same Idempotency-Key) destroys again, and at every start a sweep of the log destroys
 * the key of every `SubjectErased` it finds, whichever process wrote it. The other order (key
 * first) could destroy a key for an approval that then failed to be written.
 */
@Injectable()
export class KeyShredder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('key-shredder');
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  /** Destroys the data key of every person these events erase, on the case they belong to. */
  async shred(caseId: string, events: readonly AnyEvent[]): Promise<number> {
    let destroyed = 0;
    for (const event of events) {
      if (event.type !== 'SubjectErased') continue;
      const { subjectRef } = event.data as { readonly subjectRef: string };
      await this.keys.destroy(subjectKeyId(caseId, subjectRef));
      destroyed += 1;
    }
    return destroyed;
  }

  /** In the background: the API serves meanwhile, and an erased identity already reads as gone (410) from the case's state. */
  onApplicationBootstrap(): void {
    this.sweeping = this.sweep().then(
      () => undefined,
      (error: unknown) => this.logger.error(`The sweep of erased subjects failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.sweeping;
  }

  /** Every `SubjectErased` of the log, from the start: the keys of those already destroyed are destroyed again, which changes nothing. */
  async sweep(): Promise<number> {
    let after: bigint | undefined;
    let destroyed = 0;
    while (!this.stopped) {
      const page = await this.store.readAll({ ...(after === undefined ? {} : { after }), maxCount: SWEEP_PAGE });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.type === 'SubjectErased') destroyed += await this.shred((event.data as { readonly caseId: string }).caseId, [event]);
      }
      after = page[page.length - 1]!.position;
    }
    return destroyed;
  }
}
