import { Module } from '@nestjs/common';
import { TransparencyLog } from './transparency-log.service';
import { TransparencyController } from './transparency.controller';
import { EvidenceController } from './evidence.controller';

/** The transparency log over every event, its checkpoints, proofs and evidence bundles. */
@Module({
  controllers: [TransparencyController, EvidenceController],
  providers: [TransparencyLog],
  exports: [TransparencyLog],
})
export class TransparencyModule {}
