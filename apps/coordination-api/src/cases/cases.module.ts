import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { IdempotencyStore } from '../idempotency/idempotency.store';
import { LruStreamCache } from '@tppo/eventsourcing';
import { APP_CONFIG, IDEMPOTENCY_STORE, STREAM_CACHE } from '../infrastructure/tokens';
import { CasesController } from './cases.controller';
import { GetCaseHandler } from './get-case.query';
import { checkPolicyVersions, DISCLOSURE_POLICIES, DISCLOSURE_POLICY_VERSIONS } from './disclosure-policy';
import { ClosureController } from './closure/closure.controller';
import { HandoffController } from './handoff/handoff.controller';
import { InterceptionController } from './interception/interception.controller';
import { IntakeController } from './intake/intake.controller';
import { JusticeController } from './justice/justice.controller';
import { PrivacyController } from './privacy/privacy.controller';
import { KeyShredder } from './privacy/key-shredder';
import { ReferralController } from './referral/referral.controller';
import { ServicesController } from './services/services.controller';
import { RunCommandHandler } from './run-command';

const HOUR_MS = 3_600_000;

/** The case API: one controller per phase of a case, one command handler, one query. */
@Module({
  controllers: [
    CasesController,
    IntakeController,
    ReferralController,
    HandoffController,
    ServicesController,
    JusticeController,
    ClosureController,
    PrivacyController,
    InterceptionController,
  ],
  providers: [
    RunCommandHandler,
    KeyShredder,
    GetCaseHandler,
    // A copy of the code's versions, checked at start: a list that would rewrite the past does not boot.
    { provide: DISCLOSURE_POLICIES, useFactory: () => [...checkPolicyVersions(DISCLOSURE_POLICY_VERSIONS)] },
    { provide: STREAM_CACHE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new LruStreamCache<unknown>(config.streamCacheEvents) },
    {
      provide: IDEMPOTENCY_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): IdempotencyStore => {
        const logger = new Logger('idempotency');
        const store = IdempotencyStore.open(config.idempotency.file, (error) => logger.error(error.message));
        store.prune(new Date(Date.now() - config.idempotency.retentionHours * HOUR_MS));
        return store;
      },
    },
  ],
  // The folded cases are shared with the identity reads (access-audit), which check participation too;
  // the disclosure policy's versions with the as-of views (registered there, next to the access log).
  exports: [STREAM_CACHE, DISCLOSURE_POLICIES],
})
export class CasesModule implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.idempotency.close();
  }
}
