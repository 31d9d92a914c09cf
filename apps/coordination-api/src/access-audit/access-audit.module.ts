import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { ACCESS_LOG, APP_CONFIG } from '../infrastructure/tokens';
import { CasesModule } from '../cases/cases.module';
import { AsOfController } from '../cases/as-of/as-of.controller';
import { AccessLogStore } from './access-log.store';
import { IdentityController } from './identity.controller';
import { SubjectAccessController } from './subject-access.controller';

/** Reading protected personal data, and the access log that records every such read (the as-of views of a case too). */
@Module({
  imports: [CasesModule],
  controllers: [IdentityController, SubjectAccessController, AsOfController],
  providers: [{ provide: ACCESS_LOG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => AccessLogStore.open(config.accessLogFile) }],
  // The undue-delay report is access-logged like an identity read.
  exports: [ACCESS_LOG],
})
export class AccessAuditModule implements OnApplicationShutdown {
  constructor(@Inject(ACCESS_LOG) private readonly log: AccessLogStore) {}

  onApplicationShutdown(): void {
    this.log.close();
  }
}
