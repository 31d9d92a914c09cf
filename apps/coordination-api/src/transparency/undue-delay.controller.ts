import { Controller, Get, Header, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal, UnitRegistry } from '@tppo/access';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AccessLogStore, type AccessOutcome, recordAccess } from '../access-audit/access-log.store';
import { Access, CASE_PARTICIPANTS, OVERSIGHT } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import type { AppConfig } from '../config/app-config';
import { CaseParams } from '../cases/dto/params';
import { ProblemException } from '../errors/problem';
import { ApiProblems } from '../errors/problem.dto';
import { ACCESS_LOG, APP_CONFIG, UNIT_REGISTRY } from '../infrastructure/tokens';
import { JurisdictionView } from '../read/oversight';
import { EvidenceBundle } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { REPORT_FORMAT, type UndueDelayReport, undueDelayHtml, undueDelayReport } from './undue-delay-report';

class ReportStageView {
  @ApiProperty() clockId!: string;
  @ApiProperty({ enum: ['SERVICE', 'SPDP', 'CASE_FILE_REVIEW', 'RESUBMISSION', 'RESTITUTION'] }) kind!: string;
  @ApiProperty({ description: 'The stage, in Bahasa Indonesia' }) stage!: string;
  @ApiProperty({ description: 'The stage, in English' }) stageEn!: string;
  @ApiProperty({ description: 'The unit that had to act' }) responsibleUnitId!: string;
  @ApiProperty() responsibleUnitName!: string;
  @ApiProperty({ enum: ['WAITING', 'RUNNING', 'STOPPED'] }) status!: string;
  @ApiPropertyOptional({ enum: ['KUHAP_1981', 'KUHAP_2025', 'LAW_21_2007'] }) ruleSet?: string;
  @ApiPropertyOptional() legalBasis?: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() dueAt?: string;
  @ApiPropertyOptional() stoppedAt?: string;
  @ApiPropertyOptional({ enum: ['MET', 'LATE', 'DEFAULTED', 'CANCELLED'] }) outcome?: string;
  @ApiProperty({ description: 'Running past its due date at the moment of the report' }) overdue!: boolean;
  @ApiProperty({ type: 'integer', description: 'Whole days past the due date, rounded up' }) daysOverdue!: number;
  @ApiPropertyOptional({ description: 'When the starting act was recorded' }) startRecordedAt?: string;
  @ApiPropertyOptional({ description: 'When the stopping act was recorded' }) stopRecordedAt?: string;
}

class ReportSummary {
  @ApiProperty({ type: 'integer' }) clocks!: number;
  @ApiProperty({ type: 'integer', description: 'Stopped late, defaulted, or running past the due date' }) breached!: number;
  @ApiProperty({ type: 'integer' }) mostDaysOverdue!: number;
}

class ReportAudience {
  @ApiProperty() agencyType!: string;
  @ApiProperty() unitId!: string;
}

class UndueDelayReportView {
  @ApiProperty({ enum: [REPORT_FORMAT] }) format!: typeof REPORT_FORMAT;
  @ApiProperty() caseId!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: ReportAudience }) audience!: ReportAudience;
  @ApiProperty({ description: 'The name of the unit the report was made for' }) preparedFor!: string;
  @ApiPropertyOptional({ type: JurisdictionView, description: 'For an oversight body: why it sees this case' }) jurisdiction?: JurisdictionView;
  @ApiProperty({ type: ReportSummary }) summary!: ReportSummary;
  @ApiProperty({ type: ReportStageView, isArray: true }) stages!: ReportStageView[];
  @ApiProperty({ type: EvidenceBundle, description: 'The evidence bundle the stages were computed from' }) evidence!: EvidenceBundle;
  @ApiProperty() howToVerify!: string;
}

/** The printable page carries its own styles and nothing else: no script, no outside resource. */
const PRINT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The undue-delay report: for a case, every statutory clock (old or new KUHAP, Law 21/2007), who
 * had to act, when it started, its due date, when it was stopped, and the days over, computed
 * from the case's evidence bundle and carrying it, so that it verifies offline. For a victim's
 * lawyer before a pre-trial judge, or an audit. Every request is in the case's access log.
 */
@ApiTags('transparency')
@ApiBearerAuth('bearer')
@Controller('cases/:caseId/undue-delay-report')
export class UndueDelayController {
  constructor(
    private readonly evidenceOf: EvidenceService,
    @Inject(ACCESS_LOG) private readonly log: AccessLogStore,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Builds the report, recording the attempt in the access log first (fail closed: no record, no report). */
  private async report(caseId: string, principal: Principal, request: FastifyRequest, purpose: string): Promise<UndueDelayReport> {
    const record = (outcome: AccessOutcome): void =>
      recordAccess(this.log, {
        at: new Date().toISOString(),
        caseId,
        // Not one person's data: the whole case's report.
        subjectRef: '(case)',
        role: null,
        purpose,
        outcome,
        userId: principal.userId,
        unitId: principal.unitId,
        agencyType: principal.agencyType,
        requestId: String(request.id),
      });
    let evidence: EvidenceBundle;
    try {
      evidence = await this.evidenceOf.bundle(caseId, principal);
    } catch (error) {
      if (error instanceof ProblemException && error.status === 404) record('NOT_FOUND');
      throw error;
    }
    record('GRANTED');
    return undueDelayReport(evidence, (unitId) => this.units.get(unitId)?.name ?? unitId);
  }

  @Get()
  @Access({ audience: [...CASE_PARTICIPANTS, ...OVERSIGHT], scope: 'case-audience' })
  @ApiOperation({ operationId: 'GetUndueDelayReport', summary: "Each statutory clock of the case, who had to act and how late, with the evidence bundle to verify it (recorded in the access log)" })
  @ApiOkResponse({ type: UndueDelayReportView })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503)
  async json(@Param() { caseId }: CaseParams, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<UndueDelayReportView> {
    const report = await this.report(caseId, principal, request, 'UNDUE_DELAY_REPORT');
    void reply.header('cache-control', 'no-store');
    return report;
  }

  @Get('print')
  @Access({ audience: [...CASE_PARTICIPANTS, ...OVERSIGHT], scope: 'case-audience' })
  @ApiOperation({ operationId: 'PrintUndueDelayReport', summary: 'The undue-delay report as a printable page, in Bahasa Indonesia (recorded in the access log)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A self-contained HTML page', schema: { type: 'string' } })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503)
  @Header('content-type', 'text/html; charset=utf-8')
  async print(@Param() { caseId }: CaseParams, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const report = await this.report(caseId, principal, request, 'UNDUE_DELAY_REPORT_PRINT');
    void reply.header('cache-control', 'no-store').header('content-security-policy', PRINT_POLICY);
    return undueDelayHtml(report, this.config.lateEntryHours);
  }
}
