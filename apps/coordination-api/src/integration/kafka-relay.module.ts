import { type BeforeApplicationShutdown, Controller, Get, Inject, Logger, Module, type OnApplicationBootstrap, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { caseEventRegistry } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import type { EventStore } from '@tppo/eventsourcing';
import { EventRelay, KafkaPublisher, RelayCheckpoint, type RelayStatus } from '@tppo/messaging';
import { Public } from '../auth/public.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../infrastructure/tokens';

/** The relay's lag, for operators: 200 while it publishes, 503 while it cannot. */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class KafkaRelayHealthController {
  constructor(private readonly relay: EventRelay) {}

  @Get('kafka-relay')
  @ApiOkResponse({ description: 'Position, events and seconds behind, failures' })
  @ApiServiceUnavailableResponse({ description: 'Kafka does not acknowledge; the relay retries and keeps its place' })
  async status(): Promise<RelayStatus> {
    const status = await this.relay.status();
    if (status.consecutiveFailures > 0) throw new ServiceUnavailableException(status);
    return status;
  }
}

const PUBLISHER = Symbol('KAFKA_PUBLISHER');
const CHECKPOINT = Symbol('RELAY_CHECKPOINT');

/**
 * The Kafka relay inside the API's process (embedded mode with KAFKA_BROKERS set). Loaded only when
 * Kafka is configured and KAFKA_RELAY is not `off` (then apps/kafka-relay runs it).
 */
@Module({
  controllers: [KafkaRelayHealthController],
  providers: [
    { provide: PUBLISHER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new KafkaPublisher({ brokers: config.kafka!.brokers, clientId: config.kafka!.clientId }) },
    { provide: CHECKPOINT, inject: [APP_CONFIG], useFactory: (config: AppConfig) => RelayCheckpoint.open(config.kafka!.checkpointFile) },
    {
      provide: EventRelay,
      inject: [EVENT_STORE, APP_CONFIG, PUBLISHER, CHECKPOINT],
      useFactory: (store: EventStore, config: AppConfig, publisher: KafkaPublisher, checkpoint: RelayCheckpoint) => {
        const logger = new Logger('kafka-relay');
        return new EventRelay(store, publisher, checkpoint, caseEventRegistry, {
          topic: config.kafka!.topic,
          partitions: config.kafka!.partitions,
          ...(store instanceof SqliteEventStore ? { wakeOn: (wake: () => void) => store.onCommit(wake) } : {}),
          log: (level, message, details) => logger[level === 'info' ? 'log' : level](`${message} ${JSON.stringify(details ?? {})}`),
        });
      },
    },
  ],
})
export class KafkaRelayModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: Promise<void> | undefined;

  constructor(
    private readonly relay: EventRelay,
    @Inject(PUBLISHER) private readonly publisher: KafkaPublisher,
    @Inject(CHECKPOINT) private readonly checkpoint: RelayCheckpoint,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.relay.run().catch((error: unknown) => new Logger('kafka-relay').error(`The relay stopped: ${String(error)}`));
  }

  /** Before the event store closes: finish the batch in flight, then let go of Kafka. */
  async beforeApplicationShutdown(): Promise<void> {
    this.relay.stop();
    await this.running;
    await this.publisher.close();
    this.checkpoint.close();
  }
}
