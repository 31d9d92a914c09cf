import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from './config/app-config';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ConfigModule } from './config/config.module';
import { HealthController } from './health/health.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { AccessAuditModule } from './access-audit/access-audit.module';
import { REPORTS } from './auth/reports.decorator';
import { KafkaRelayModule } from './integration/kafka-relay.module';
import { ReadModule } from './read/read.module';
import { LocalSignInModule } from './local-auth/local-sign-in.controller';
import { SignInOptionsController } from './auth/sign-in-options.controller';
import { TransparencyModule } from './transparency/transparency.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        InfrastructureModule,
        AuthModule,
        CqrsModule.forRoot(),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute, skipIf: () => config.rateLimitPerMinute === 0 },
            // Statistics, identities and access logs: stricter, and only on the routes marked @Reports().
            {
              name: 'reports',
              ttl: 60_000,
              limit: config.reportsRateLimitPerMinute,
              skipIf: (context) =>
                config.reportsRateLimitPerMinute === 0 || !(Reflect.getMetadata(REPORTS, context.getHandler()) ?? Reflect.getMetadata(REPORTS, context.getClass())),
            },
          ],
        }),
        CasesModule,
        AccessAuditModule,
        ReadModule,
        ...(config.kafka && config.kafka.relay === 'in-process' ? [KafkaRelayModule] : []),
        ...(config.transparency.enabled ? [TransparencyModule] : []),
        // Not even mounted with an identity provider or in production.
        ...(config.localSignIn ? [LocalSignInModule] : []),
      ],
      controllers: [HealthController, SignInOptionsController],
    };
  }
}
