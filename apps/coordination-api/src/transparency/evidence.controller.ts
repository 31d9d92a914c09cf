import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Principal, UnitRegistry } from '@tppo/access';
import { caseEventRegistry, caseStreamId, OVERSIGHT_AGENCY_TYPES } from '@tppo/case-domain';
import type { EventStore, StoredEvent } from '@tppo/eventsourcing';
import { nodeSha256, verifierKeyText } from '@tppo/transparency';
import type { FastifyReply } from 'fastify';
import { Access, CASE_PARTICIPANTS, OVERSIGHT } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { CaseParams } from '../cases/dto/params';
import { GetCase } from '../cases/get-case.query';
import { historyDiscloses } from '../cases/history-disclosure';
import { ProblemException } from '../errors/problem';
import { ApiProblems } from '../errors/problem.dto';
import { APP_CONFIG, EVENT_STORE, UNIT_REGISTRY } from '../infrastructure/tokens';
import { caseInJurisdiction, JurisdictionView } from '../read/oversight';
import { assembleEvidence } from './evidence-bundle';
import { TransparencyLog } from './transparency-log.service';
import { CheckpointView, checkpointView } from './transparency.controller';

export const EVIDENCE_FORMAT = 'tppo-evidence/1';

class LeafHeaderView {
  @ApiProperty() eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'integer' }) schemaVersion!: number;
  @ApiProperty({ description: 'When the act happened (declared, or the time of recording)' }) occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() agencyType!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: 'string', nullable: true }) causationId!: string | null;
  @ApiProperty({ description: "The previous event's hash in the case's chain" }) prevHash!: string;
  @ApiProperty({ description: "This event's hash in the case's chain" }) hash!: string;
  @ApiProperty({ description: 'SHA-256 of the payload as stored; the payload itself is not in the bundle' }) payloadHash!: string;
}

class EvidenceEvent {
  @ApiProperty({ type: 'integer', description: "The event's leaf in the log" }) leafIndex!: number;
  @ApiProperty({ type: LeafHeaderView }) header!: LeafHeaderView;
  @ApiProperty({ type: 'string', isArray: true, description: 'RFC 9162 inclusion proof against the checkpoint, base64 hashes' }) inclusionProof!: string[];
}

class EvidenceLog {
  @ApiProperty() origin!: string;
  @ApiProperty({ description: 'The verifier key the checkpoint is signed with (check it against one obtained apart from this bundle)' }) verifierKey!: string;
}

class EvidenceAudience {
  @ApiProperty() agencyType!: string;
  @ApiProperty() unitId!: string;
}

class EvidenceQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'The size of a checkpoint kept earlier: the bundle then carries the consistency proof from it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  since?: number;
}

class ConsistencyFromKept {
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: 'string', isArray: true, description: 'RFC 9162 consistency proof, base64 hashes' }) proof!: string[];
}

class EvidenceBundle {
  @ApiProperty({ enum: [EVIDENCE_FORMAT] }) format!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: EvidenceAudience, description: 'Whose bundle this is: the events are those this audience may see' }) audience!: EvidenceAudience;
  @ApiPropertyOptional({ type: JurisdictionView, description: 'For an oversight body: why it sees this case' }) jurisdiction?: JurisdictionView;
  @ApiProperty({ type: EvidenceLog }) log!: EvidenceLog;
  @ApiProperty({ type: CheckpointView }) checkpoint!: CheckpointView;
  @ApiProperty({ type: 'integer', description: "Events of the case in the log's checkpoint" }) caseEvents!: number;
  @ApiProperty({ type: 'integer', isArray: true, description: 'Revisions this audience may not see: their entries are left out, the chain is checked across them' })
  withheldRevisions!: number[];
  @ApiProperty({ type: EvidenceEvent, isArray: true }) events!: EvidenceEvent[];
  @ApiPropertyOptional({ type: ConsistencyFromKept, description: 'With ?since: proof that this checkpoint extends the one kept earlier' }) consistency?: ConsistencyFromKept;
  @ApiPropertyOptional({ description: 'How to check it' }) howToVerify?: string;
}

/**
 * A case's evidence: its events as the caller's audience may see them, each with its proof of
 * inclusion in one signed checkpoint of the transparency log. Checked offline with the log's public
 * key alone (`npm run -s verify-evidence`): nobody has to trust this server for it.
 */
@ApiTags('transparency')
@Controller('cases/:caseId/evidence')
export class EvidenceController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly log: TransparencyLog,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
  ) {}

  @Get()
  @Access({ audience: [...CASE_PARTICIPANTS, ...OVERSIGHT], scope: 'case-audience' })
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetCaseEvidence', summary: "The case's events with proofs of inclusion in a signed checkpoint, for offline verification" })
  @ApiOkResponse({ type: EvidenceBundle })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503)
  async evidence(@Param() { caseId }: CaseParams, @Query() { since }: EvidenceQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<EvidenceBundle> {
    const oversight = (OVERSIGHT_AGENCY_TYPES as readonly string[]).includes(principal.agencyType);
    let stored: StoredEvent[];
    let jurisdiction: JurisdictionView | undefined;
    if (oversight) {
      stored = await this.events.readStream(caseStreamId(caseId));
      jurisdiction = caseInJurisdiction(principal, stored.map((e) => caseEventRegistry.upcast(e)), this.units).jurisdiction;
    } else {
      // The same 404 as GET /cases/{id} for a unit outside the case.
      await this.queries.execute(new GetCase(caseId, principal));
      stored = await this.events.readStream(caseStreamId(caseId));
    }
    const file = this.log.store();
    const leaves = new Map(file.leavesOfStream(caseStreamId(caseId)).map((leaf) => [leaf.eventId, leaf]));
    const newest = Math.max(-1, ...[...leaves.values()].map((leaf) => leaf.leafIndex));
    // The first checkpoint that holds the whole case, or with ?since the newest (it must reach the kept one).
    const candidate = since === undefined ? file.checkpointCovering(newest + 1) : file.latestCheckpoint();
    let checkpoint = stored.every((e) => leaves.has(e.eventId)) && candidate && candidate.size > newest && candidate.size >= (since ?? 0) ? candidate : undefined;
    if (!checkpoint) {
      // The newest events are not in a checkpoint yet: sign one now, and take the leaves again.
      checkpoint = await this.log.checkpointNow();
      for (const leaf of file.leavesOfStream(caseStreamId(caseId))) leaves.set(leaf.eventId, leaf);
    }
    if (since !== undefined && since > checkpoint.size) {
      throw new ProblemException(409, 'KEPT_CHECKPOINT_AHEAD', 'The kept checkpoint is ahead of the log', `The log's checkpoint holds ${checkpoint.size} events, fewer than the ${since} of the one kept: ask again later, or the log was rolled back`);
    }
    const bundle = assembleEvidence({
      caseId,
      stored,
      leafIndexOf: (eventId) => leaves.get(eventId)?.leafIndex,
      checkpoint,
      node: (level, index) => file.node(level, index),
      shows: oversight ? () => true : (event) => historyDiscloses(caseEventRegistry.upcast(event).type, principal.agencyType),
      since,
    });
    if (bundle.caseEvents === 0) throw new ProblemException(503, 'LOG_BEHIND', 'The log is catching up', 'The case has no event in the log yet; try again in a moment');
    void reply.header('cache-control', 'no-store');
    return {
      format: EVIDENCE_FORMAT,
      caseId,
      generatedAt: new Date().toISOString(),
      audience: { agencyType: principal.agencyType, unitId: principal.unitId },
      ...(jurisdiction ? { jurisdiction } : {}),
      log: { origin: this.config.transparency.origin, verifierKey: verifierKeyText(nodeSha256, this.config.transparency.origin, this.log.publicKey()) },
      checkpoint: checkpointView(checkpoint),
      ...bundle,
      howToVerify: 'npm run -s verify-evidence -- <this file> --key "<verifier key obtained apart from this bundle>" [--checkpoint <a checkpoint note kept earlier>]',
    };
  }
}
