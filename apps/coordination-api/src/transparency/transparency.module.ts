import { Module } from '@nestjs/common';
import { AccessAuditModule } from '../access-audit/access-audit.module';
import { TransparencyLog } from './transparency-log.service';
import { TransparencyController } from './transparency.controller';
import { UndueDelayController } from './undue-delay.controller';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';

/** The transparency log over every event, its checkpoints, proofs and evidence bundles. */
@Module({
  imports: [AccessAuditModule],
  controllers: [TransparencyController, EvidenceController, UndueDelayController],
  providers: [TransparencyLog, EvidenceService],
  exports: [TransparencyLog],
})
export class TransparencyModule {}
