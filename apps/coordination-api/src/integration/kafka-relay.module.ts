import { type BeforeApplicationShutdown, Controller, Get, Inject, Logger, Module, type OnApplicationBootstrap, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { caseEventRegistry } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import type { EventStore } from '@tppo/eventsourcing';
import { type CheckpointRelayStatus, EventRelay, KafkaPublisher, RelayCheckpoint, type RelayStatus } from '@tppo/messaging';
import { Public } from '../auth/public.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../infrastructure/tokens';
import { type CheckpointFeed, openCheckpointFeed } from './checkpoint-feed';

const CHECKPOINT_FEED = Symbol('CHECKPOINT_FEED');

/** The relay's lag, for operators: 200 while it publishes, 503 while it cannot. */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class KafkaRelayHealthController {
  constructor(
    private readonly relay: EventRelay,
    @Inject(CHECKPOINT_FEED) private readonly checkpoints: CheckpointFeed | null,
  ) {}

  @Get('kafka-relay')
  @ApiOkResponse({ description: 'Position, events and seconds behind, failures; and the checkpoint relay’s' })
  @ApiServiceUnavailableResponse({ description: 'Kafka does not acknowledge; the relays retry and keep their place' })
  async status(): Promise<RelayStatus & { checkpoints: CheckpointRelayStatus | null }> {
    const status = { ...(await this.relay.status()), checkpoints: this.checkpoints?.relay.status() ?? null };
    if (status.consecutiveFailures > 0 || (status.checkpoints?.consecutiveFailures ?? 0) > 0) throw new ServiceUnavailableException(status);
    return status;
  }
}

const PUBLISHER = Symbol('KAFKA_PUBLISHER');
const CHECKPOINT = Symbol('RELAY_CHECKPOINT');

/**
 * The Kafka relay inside the API's process (embedded mode with KAFKA_BROKERS set), and with the
 * transparency log on, the relay of its signed checkpoints. Loaded only when Kafka is configured and
 * KAFKA_RELAY is not `off` (then apps/kafka-relay runs them).
 */
@Module({
  controllers: [KafkaRelayHealthController],
  providers: [
    { provide: PUBLISHER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new KafkaPublisher({ brokers: config.kafka!.brokers, clientId: config.kafka!.clientId }) },
    { provide: CHECKPOINT, inject: [APP_CONFIG], useFactory: (config: AppConfig) => RelayCheckpoint.open(config.kafka!.checkpointFile) },
    {
      provide: CHECKPOINT_FEED,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('kafka-checkpoints');
        return openCheckpointFeed(config, (level, message, details) => logger[level === 'info' ? 'log' : level](`${message} ${JSON.stringify(details ?? {})}`)) ?? null;
      },
    },
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
  private publishingCheckpoints: Promise<void> | undefined;

  constructor(
    private readonly relay: EventRelay,
    @Inject(PUBLISHER) private readonly publisher: KafkaPublisher,
    @Inject(CHECKPOINT) private readonly checkpoint: RelayCheckpoint,
    @Inject(CHECKPOINT_FEED) private readonly checkpoints: CheckpointFeed | null,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.relay.run().catch((error: unknown) => new Logger('kafka-relay').error(`The relay stopped: ${String(error)}`));
    this.publishingCheckpoints = this.checkpoints?.relay.run().catch((error: unknown) => new Logger('kafka-checkpoints').error(`The checkpoint relay stopped: ${String(error)}`));
  }

  /** Before the event store closes: finish the batch in flight, then let go of Kafka. */
  async beforeApplicationShutdown(): Promise<void> {
    this.relay.stop();
    this.checkpoints?.relay.stop();
    await this.running;
    await this.publishingCheckpoints;
    await this.publisher.close();
    this.checkpoint.close();
    await this.checkpoints?.close();
  }
}
