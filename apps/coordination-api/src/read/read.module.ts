import { type BeforeApplicationShutdown, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { caseEventRegistry } from '@tppo/case-domain';
import type { EventStore, ValidatedWrites } from '@tppo/eventsourcing';
import { SqliteEventStore } from '@tppo/event-store';
import { PROJECTIONS } from '@tppo/read-models';
import { PostgresReadStore, Projector, SqliteReadStore, type ReadStore } from '@tppo/read-store';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, type Clock, EVENT_STORE, READ_STORE, VALIDATED_WRITES } from '../infrastructure/tokens';
import { AgencyViewsController } from './views/agency-views.controller';
import { ClocksController } from './clocks.controller';
import { InboxController, InboxChanges } from './inbox.controller';
import { MyCasesController } from './my-cases.controller';
import { STATISTICS_INDEXES, StatisticsController } from './statistics.controller';
import { CLOCK_INDEXES } from './every-document';
import { TimelineController } from './timeline.controller';
import { HistoryController } from './history.controller';
import { OversightCasesController } from './oversight-cases.controller';
import { UnitsController } from './units.controller';

/** The fields the routes' scans filter on, each indexed for its projection. */
const READ_INDEXES = [...STATISTICS_INDEXES, ...CLOCK_INDEXES];

/** The read side in this process (embedded default): the projector and the read-model queries. */
@Module({
  controllers: [InboxController, ClocksController, TimelineController, HistoryController, OversightCasesController, UnitsController, StatisticsController, MyCasesController, AgencyViewsController],
  providers: [
    {
      provide: READ_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ReadStore | Promise<ReadStore> =>
        config.readStore.kind === 'sqlite'
          ? SqliteReadStore.open(config.readStore.file, { indexes: READ_INDEXES })
          : PostgresReadStore.open(config.readStore.url, { indexes: READ_INDEXES }),
    },
    InboxChanges,
    { provide: CLOCK, useValue: { now: () => new Date() } satisfies Clock },
    {
      provide: Projector,
      inject: [EVENT_STORE, READ_STORE, InboxChanges, VALIDATED_WRITES],
      useFactory: (events: EventStore, reads: ReadStore, inbox: InboxChanges, validatedWrites: ValidatedWrites) =>
        new Projector(events, reads, caseEventRegistry, PROJECTIONS, {
          // In the same process as the commands: start a pass as soon as they commit.
          ...(events instanceof SqliteEventStore ? { wakeOn: (wake: () => void) => events.onCommit(wake) } : {}),
          onCommit: (projection, changes) => inbox.committed(projection, changes),
          validatedWrites,
          onError: (error, failures) => new Logger('projector').error(`A pass failed (${failures} in a row), retrying: ${error instanceof Error ? error.message : String(error)}`),
        }),
    },
  ],
})
export class ReadModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('projector');
  private running: Promise<void> | undefined;

  constructor(
    private readonly projector: Projector,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // PROJECTOR=off: apps/projector keeps the read models, in its own process.
    if (this.config.projector === 'off') return;
    this.running = this.projector.run().catch((error: unknown) => {
      // The read side stops; commands go on, and /health/ready says so.
      this.logger.error(`The projector stopped: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Before the event store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reads.close();
  }
}
