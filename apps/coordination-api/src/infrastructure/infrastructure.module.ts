import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ValidatedWrites, type EventStore } from '@tppo/eventsourcing';
import { loadOrCreateMasterKey, PersonalDataProtector, SqliteKeyStore, type KeyStore } from '@tppo/protected-data';
import type { AppConfig } from '../config/app-config';
import { openEventStore } from './open-event-store';
import { APP_CONFIG, EVENT_STORE, KEY_STORE, VALIDATED_WRITES } from './tokens';

/** The adapters behind the ports, chosen by configuration; closed last on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<EventStore> => openEventStore(config),
    },
    {
      provide: KEY_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): KeyStore =>
        SqliteKeyStore.open({
          file: config.keyStore.file,
          masterKey: loadOrCreateMasterKey(config.keyStore.masterKeyFile, config.keyStore.masterKeyBase64),
        }),
    },
    // Shared by the command handler, which writes, and the projector in this process, which reads.
    { provide: VALIDATED_WRITES, useValue: new ValidatedWrites() },
    { provide: PersonalDataProtector, inject: [KEY_STORE], useFactory: (keys: KeyStore) => new PersonalDataProtector(keys) },
  ],
  exports: [EVENT_STORE, KEY_STORE, VALIDATED_WRITES, PersonalDataProtector],
})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.keys.close();
  }
}
