import { Controller, Inject, Query, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { regionCovers, regionKind, type Principal, type UnitRegistry } from '@tppo/access';
import { AGENCY_TYPES, optional, regionCode } from '@tppo/case-domain';
import { isOverdue, type CaseFile, type CaseWhereabouts, type ClockDocument } from '@tppo/read-models';
import type { ReadStore } from '@tppo/read-store';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Access, OVERSIGHT } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { ReadRoute } from '../auth/read-route';
import { DomainField } from '../cases/dto/body';
import { EnumField } from '../cases/dto/fields';
import { READ_STORE, UNIT_REGISTRY } from '../infrastructure/tokens';
import { byFieldThen, everyDocument } from './every-document';
import { jurisdictionGrounds } from './oversight';
import { PageQuery } from './page.query';

export class OversightCasesQuery extends PageQuery {
  @DomainField(optional(regionCode), { description: 'A province (NN) or regency (NN.NN) the case lies in', example: '65.03' })
  regionCode?: string;
  @ApiPropertyOptional({ description: 'The year the case was opened', pattern: '^(19|20)\\d{2}$', example: '2026' })
  @IsOptional()
  @Matches(/^(19|20)\d{2}$/, { message: 'year must be four digits' })
  year?: string;
  @EnumField(AGENCY_TYPES, { optional: true, description: 'The lead unit’s agency type' }) leadAgencyType?: string;
  @EnumField(['open', 'closed'], { optional: true, description: 'Default: both' }) status?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only cases with (true) or without (false) a clock breached or overdue' })
  @IsOptional()
  @IsIn(['true', 'false'])
  breached?: string;
}

class OversightCase {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty() lastEventAt!: string;
  @ApiProperty() leadUnitId!: string;
  @ApiProperty() leadAgencyType!: string;
  @ApiProperty({ description: 'Clocks that ended late or defaulted, or run past their due date now' }) breachedClocks!: number;
}

type CaseSummary = Omit<OversightCase, 'breachedClocks'>;
const OLDEST_FIRST = byFieldThen<CaseSummary>('openedAt', 'caseId');

class OversightCasesPage {
  @ApiProperty({ type: OversightCase, isArray: true }) items!: OversightCase[];
  @ApiProperty({ description: 'Cases matching the filters' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

/**
 * The cases in the caller's jurisdiction (KemenPPPA: the nation; a task force: its region), for
 * oversight: who leads, where, since when, and whether a statutory clock broke. Pseudonymous: no
 * victim, person or count of people is in it.
 */
/** Where a case file says the case belongs. */
const whereaboutsOfFile = (f: CaseFile): CaseWhereabouts => ({
  regionCode: f.regionCode,
  leadUnitId: f.leadUnitId,
  victimOrigins: new Map(f.sections.victims.flatMap((v) => (v.originRegionCode === undefined ? [] : [[v.subjectRef, v.originRegionCode] as const]))),
});

@ApiTags('oversight')
@Access({ audience: OVERSIGHT, scope: 'caller' })
@Controller('oversight/cases')
export class OversightCasesController {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
  ) {}

  @ReadRoute({ operationId: 'GetOversightCases', summary: 'Cases in the caller’s jurisdiction, newest first (MINISTRY, TASK_FORCE)', type: OversightCasesPage, problems: [400, 401, 403, 429, 503] })
  async list(@Query() query: OversightCasesQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<OversightCasesPage> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const inScope = await this.casesInScope(query, principal);
    const now = new Date().toISOString();
    const withClocks = async (c: CaseSummary): Promise<OversightCase> => {
      const clocks = await everyDocument<ClockDocument>(this.reads, 'clocks', { where: { caseId: c.caseId } });
      return { ...c, breachedClocks: clocks.filter((k) => k.breaches > 0 || isOverdue(k, now)).length };
    };
    // Only the breached filter needs every case's clocks; otherwise only the page's.
    let page: OversightCase[];
    let total: number;
    if (query.breached === undefined) {
      total = inScope.length;
      page = await Promise.all(inScope.slice(offset, offset + limit).map(withClocks));
    } else {
      const all = (await Promise.all(inScope.map(withClocks))).filter((c) => (c.breachedClocks > 0) === (query.breached === 'true'));
      total = all.length;
      page = all.slice(offset, offset + limit);
    }
    void reply.header('cache-control', 'no-store');
    return { items: page, total, limit, offset };
  }

  /**
   * Every case file the store finds in the caller's jurisdiction and the filters, newest first, kept
   * only as the summary the page shows: the nation's cases are counted whole, however many. A regency
   * asked for is the case's own place, found by the store.
   */
  private async casesInScope(query: OversightCasesQuery, principal: Principal): Promise<CaseSummary[]> {
    const where = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.leadAgencyType ? { leadAgencyType: query.leadAgencyType } : {}),
      ...(query.regionCode !== undefined && regionKind(query.regionCode) === 'regency' ? { regionCode: query.regionCode } : {}),
    };
    const inScope: CaseSummary[] = [];
    for await (const page of this.reads.scan<CaseFile>('case-file', { where })) {
      for (const f of page) {
        // The same rule as a single case's: its place, its lead unit's region, or a victim's origin.
        if (jurisdictionGrounds(principal.regionCode, whereaboutsOfFile(f), (unitId) => this.units.get(unitId)?.regionCode).length === 0) continue;
        if (query.regionCode !== undefined && !regionCovers(query.regionCode, f.regionCode)) continue;
        if (query.year !== undefined && !f.openedAt.startsWith(query.year)) continue;
        inScope.push({ caseId: f.caseId, status: f.status, regionCode: f.regionCode, openedAt: f.openedAt, lastEventAt: f.lastEventAt, leadUnitId: f.leadUnitId, leadAgencyType: f.leadAgencyType });
      }
    }
    // Among cases opened at the same instant, the greater id first.
    return inScope.sort((a, b) => OLDEST_FIRST(b, a));
  }
}
