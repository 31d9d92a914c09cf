import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Principal } from '@tppo/access';
import type { FastifyReply } from 'fastify';
import { Access, CASE_PARTICIPANTS, OVERSIGHT } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { CaseParams } from '../cases/dto/params';
import { ApiProblems } from '../errors/problem.dto';
import { JurisdictionView } from '../read/oversight';
import { CheckpointView } from './transparency.controller';
import { EVIDENCE_FORMAT, EvidenceService } from './evidence.service';

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
  @ApiProperty({
    description: 'The payload fields the statutory clocks read, as [name, value] pairs, in clear and signed with the leaf; null for an event no clock reads',
    nullable: true,
    type: 'array',
    items: { type: 'array', minItems: 2, maxItems: 2, items: { oneOf: [{ type: 'string' }, { type: 'boolean' }] } },
  })
  facts!: readonly (readonly [string, string | boolean])[] | null;
}

/** A statutory clock of the case as the bundle's events give it, at the bundle's `generatedAt`. */
export class StatutoryClockView {
  @ApiProperty({ description: 'The case, the clock kind and, for a service, the request' }) clockId!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: ['SERVICE', 'SPDP', 'CASE_FILE_REVIEW', 'RESUBMISSION', 'RESTITUTION'] }) kind!: string;
  @ApiProperty({ description: 'The unit that had to act' }) responsibleUnitId!: string;
  @ApiProperty({ enum: ['WAITING', 'RUNNING', 'STOPPED'] }) status!: string;
  @ApiPropertyOptional({ enum: ['KUHAP_1981', 'KUHAP_2025', 'LAW_21_2007'], description: 'The rule set the stage began under' }) ruleSet?: string;
  @ApiPropertyOptional({ description: 'The statute (and any configured day count) the clock followed, as written when it started' }) legalBasis?: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() dueAt?: string;
  @ApiPropertyOptional() stoppedAt?: string;
  @ApiPropertyOptional({ description: 'When the starting act was recorded' }) startRecordedAt?: string;
  @ApiPropertyOptional({ description: 'When the stopping act was recorded' }) stopRecordedAt?: string;
  @ApiPropertyOptional({ enum: ['MET', 'LATE', 'DEFAULTED', 'CANCELLED'] }) outcome?: string;
  @ApiProperty({ type: 'integer' }) rounds!: number;
  @ApiProperty({ type: 'integer', description: 'Rounds that ended late or defaulted' }) breaches!: number;
  @ApiProperty({ description: 'Running past its due date at the moment of the bundle' }) overdue!: boolean;
  @ApiProperty({ type: 'integer', description: 'Whole days past the due date (rounded up): to the stop, or to the moment of the bundle while running' }) daysOverdue!: number;
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

export class EvidenceBundle {
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
  @ApiProperty({ type: StatutoryClockView, isArray: true, description: "The case's statutory clocks recomputed from the events shown, as at generatedAt; the verifier recomputes them too" })
  clocks!: StatutoryClockView[];
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
  constructor(private readonly evidenceOf: EvidenceService) {}

  @Get()
  @Access({ audience: [...CASE_PARTICIPANTS, ...OVERSIGHT], scope: 'case-audience' })
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetCaseEvidence', summary: "The case's events with proofs of inclusion in a signed checkpoint, for offline verification" })
  @ApiOkResponse({ type: EvidenceBundle })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503)
  async evidence(@Param() { caseId }: CaseParams, @Query() { since }: EvidenceQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<EvidenceBundle> {
    const bundle = await this.evidenceOf.bundle(caseId, principal, since);
    void reply.header('cache-control', 'no-store');
    return bundle;
  }
}
