import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tppo/access';
import type { CaseFile } from '@tppo/read-models';
import type { ReadStore } from '@tppo/read-store';
import type { FastifyReply } from 'fastify';
import { Access, CASE_PARTICIPANTS } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { EnumField } from '../cases/dto/fields';
import { CASE_VIEW_DISCLOSURE } from '../cases/disclosure-policy';
import { ApiProblems } from '../errors/problem.dto';
import { READ_STORE } from '../infrastructure/tokens';
import { PageQuery } from './page.query';


export class MyCasesQuery extends PageQuery {
  @EnumField(['open', 'closed'], { optional: true, description: 'Default open' }) status?: string;
}

class CaseSummary {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty() leadUnitId!: string;
  @ApiProperty() leadAgencyType!: string;
  @ApiProperty() victims!: number;
  @ApiProperty() children!: number;
  @ApiProperty({ type: String, isArray: true, description: 'Units with a referral waiting for their answer' }) pendingReferralsTo!: string[];
  @ApiPropertyOptional({ description: 'Only for agency types the disclosure policy grants the investigation' }) investigationStage?: string;
  @ApiPropertyOptional({ description: 'Only for agency types the disclosure policy grants shelter placements' }) activeShelterPlacements?: number;
  @ApiProperty() lastEventAt!: string;
  @ApiProperty({ description: 'The case revision (ETag of GET /cases/{id}) this summary reflects' }) revision!: number;
}

class MyCasesPage {
  @ApiProperty({ type: CaseSummary, isArray: true }) items!: CaseSummary[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

/** The summary fields the case view's disclosure policy governs, by the view field that grants them. */
const GOVERNED = { investigationStage: 'investigation', activeShelterPlacements: 'shelterPlacements' } as const;

const summaryFor = (file: CaseFile, agencyType: Principal['agencyType']): CaseSummary => {
  const { sections: _sections, participants: _participants, policeUnitId: _police, prosecutorUnitId: _prosecutor, careUnitIds: _care, lpskUnitIds: _lpsk, openedByUnitId: _openedBy, investigationStage, activeShelterPlacements, pendingReferralsTo, ...open } = file;
  return {
    ...open,
    pendingReferralsTo: [...pendingReferralsTo],
    ...(CASE_VIEW_DISCLOSURE[GOVERNED.investigationStage].includes(agencyType) ? { investigationStage } : {}),
    ...(CASE_VIEW_DISCLOSURE[GOVERNED.activeShelterPlacements].includes(agencyType) ? { activeShelterPlacements } : {}),
  };
};

/** "My cases": every case the calling unit takes part in, from the case-file projection. */
@ApiTags('cases')
@Access({ audience: CASE_PARTICIPANTS, scope: 'caller' })
@Controller('my-cases')
export class MyCasesController {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  @Get()
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetMyCases', summary: 'The cases the calling unit takes part in, least recently active first' })
  @ApiOkResponse({ type: MyCasesPage })
  @ApiProblems(400, 401, 429, 503)
  async mine(@Query() query: MyCasesQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<MyCasesPage> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const files = await this.reads.find<CaseFile>('case-file', {
      contains: { participants: principal.unitId },
      where: { status: query.status ?? 'open' },
      orderBy: 'lastEventAt',
      limit,
      offset,
    });
    void reply.header('cache-control', 'no-store');
    return { items: files.map((f) => summaryFor(f, principal.agencyType)), limit, offset };
  }
}
