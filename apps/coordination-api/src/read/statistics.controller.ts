import { Reports } from '../auth/reports.decorator';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { regionCovers, regionKind, type Principal } from '@tppo/access';
import { MIN_CELL_PEOPLE, Tally, type Cell, type CaseStatisticsRow, type InterceptionRow } from '@tppo/read-models';
import type { DocumentFilter, IndexedField, ReadStore } from '@tppo/read-store';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Access, OVERSIGHT } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { ApiProblems } from '../errors/problem.dto';
import { READ_STORE } from '../infrastructure/tokens';

const CASE_DIMENSIONS = ['province', 'regionCode', 'year', 'exploitationTypes', 'modusCodes', 'leadAgencyType'] as const;
const INTERCEPTION_DIMENSIONS = ['province', 'regionCode', 'year', 'routeKind', 'destinationCountry'] as const;
const PLACES = ['case', 'origin'] as const;
const UNKNOWN_ORIGIN = 'UNKNOWN';

/** A case row seen from one victim's home: province and regionCode are the victim's origin. */
const byOrigin = (row: CaseStatisticsRow): CaseStatisticsRow[] =>
  row.victimRefs.map((ref) => {
    const origin = row.victimOrigins[ref] ?? UNKNOWN_ORIGIN;
    const child = row.childRefs.includes(ref);
    return { ...row, regionCode: origin, province: origin === UNKNOWN_ORIGIN ? origin : origin.slice(0, 2), victimRefs: [ref], childRefs: child ? [ref] : [] };
  });

/** The fields the statistics' scans filter on, indexed by the read store (see read.module.ts). */
export const STATISTICS_INDEXES: readonly IndexedField[] = ['case-statistics', 'interception-statistics'].flatMap((projection) =>
  ['province', 'regionCode'].map((field) => ({ projection, field })),
);

/**
 * The rows that can count for a caller of `region`, as the store finds them: a province's by its
 * code, a regency's by its own, the nation's all. `match` says whether the fields hold one code
 * (`where`) or several (`contains`). Each row is still checked with regionCovers after.
 */
const rowsOfRegion = (region: string, match: 'where' | 'contains', fields: { readonly province: string; readonly regionCode: string }): DocumentFilter => {
  const kind = regionKind(region);
  if (kind === 'province') return { [match]: { [fields.province]: region } };
  if (kind === 'regency') return { [match]: { [fields.regionCode]: region } };
  return {};
};

const groupByPattern = (dimensions: readonly string[]) => new RegExp(`^(${dimensions.join('|')})(,(${dimensions.join('|')})){0,3}$`);

export class CaseStatisticsQuery {
  @ApiPropertyOptional({ description: `Comma-separated, up to 4 of: ${CASE_DIMENSIONS.join(', ')}`, example: 'province,year', pattern: groupByPattern(CASE_DIMENSIONS).source })
  @IsOptional()
  @Matches(groupByPattern(CASE_DIMENSIONS), { message: `groupBy must list up to 4 of ${CASE_DIMENSIONS.join(', ')}` })
  groupBy?: string;
  @ApiPropertyOptional({ enum: ['victims', 'children'], description: 'Whom to count (default victims)' })
  @IsOptional()
  @IsIn(['victims', 'children'])
  count?: string;
  @ApiPropertyOptional({
    enum: PLACES,
    description:
      "Which place province and regionCode mean: `case`, where the case was opened (default), or `origin`, the victim's home region " +
      '(victims without a recorded origin count under UNKNOWN, for the ministry only). A task force sees the people of its region either way.',
  })
  @IsOptional()
  @IsIn(PLACES)
  place?: string;
}

export class InterceptionStatisticsQuery {
  @ApiPropertyOptional({ description: `Comma-separated, up to 4 of: ${INTERCEPTION_DIMENSIONS.join(', ')}`, example: 'routeKind', pattern: groupByPattern(INTERCEPTION_DIMENSIONS).source })
  @IsOptional()
  @Matches(groupByPattern(INTERCEPTION_DIMENSIONS), { message: `groupBy must list up to 4 of ${INTERCEPTION_DIMENSIONS.join(', ')}` })
  groupBy?: string;
}

class CellView {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) group!: Record<string, string>;
  @ApiProperty({ type: Number, nullable: true, description: `People in the cell; null when under ${MIN_CELL_PEOPLE}` }) people!: number | null;
  @ApiProperty() suppressed!: boolean;
}

class StatisticsTable {
  @ApiProperty({ type: String, isArray: true }) groupBy!: string[];
  @ApiProperty({ description: 'Cells under this many people are withheld' }) minimumCell!: number;
  @ApiProperty({ type: CellView, isArray: true }) cells!: CellView[];
}

const valuesOf = <R>(row: R, dimension: string): readonly string[] => {
  const value = row[dimension as keyof R];
  return Array.isArray(value) ? (value as string[]) : [String(value)];
};

/** Counts for the ministry (the nation) and task forces (their region); no cell singles anyone out. */
@ApiTags('oversight')
@Reports()
@Access({ audience: OVERSIGHT, scope: 'caller' })
@Controller('statistics')
export class StatisticsController {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  @Get('cases')
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetCaseStatistics', summary: 'Victims (or children) by province, year, exploitation type, modus, lead agency (MINISTRY, TASK_FORCE)' })
  @ApiOkResponse({ type: StatisticsTable })
  @ApiProblems(400, 401, 403, 429, 503)
  async cases(@Query() query: CaseStatisticsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StatisticsTable> {
    const groupBy = (query.groupBy ?? 'province,year').split(',');
    const people = query.count === 'children' ? (r: CaseStatisticsRow) => r.childRefs.length : (r: CaseStatisticsRow) => r.victimRefs.length;
    const byPlace = query.place === 'origin';
    const filter = byPlace
      ? rowsOfRegion(principal.regionCode, 'contains', { province: 'originProvinces', regionCode: 'originRegionCodes' })
      : rowsOfRegion(principal.regionCode, 'where', { province: 'province', regionCode: 'regionCode' });
    const cells = await this.count<CaseStatisticsRow>('case-statistics', filter, principal, groupBy, people, byPlace ? byOrigin : undefined);
    void reply.header('cache-control', 'no-store');
    return { groupBy, minimumCell: MIN_CELL_PEOPLE, cells };
  }

  @Get('interceptions')
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetInterceptionStatistics', summary: 'People stopped at departure, by route, destination, province, year (MINISTRY, TASK_FORCE)' })
  @ApiOkResponse({ type: StatisticsTable })
  @ApiProblems(400, 401, 403, 429, 503)
  async interceptions(@Query() query: InterceptionStatisticsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<StatisticsTable> {
    const groupBy = (query.groupBy ?? 'routeKind').split(',');
    const filter = rowsOfRegion(principal.regionCode, 'where', { province: 'province', regionCode: 'regionCode' });
    const cells = await this.count<InterceptionRow>('interception-statistics', filter, principal, groupBy, (r) => r.people);
    void reply.header('cache-control', 'no-store');
    return { groupBy, minimumCell: MIN_CELL_PEOPLE, cells };
  }

  /**
   * Every row the store finds, a page at a time, counted into cells: exact at any size (no cap), and
   * a failing page fails the answer. `spread` turns a row into the rows it counts as (one per victim).
   */
  private async count<R extends { regionCode: string }>(
    projection: string,
    filter: DocumentFilter,
    principal: Principal,
    groupBy: readonly string[],
    people: (row: R) => number,
    spread?: (row: R) => R[],
  ): Promise<Cell[]> {
    const tally = new Tally<R>(groupBy, valuesOf, people);
    for await (const page of this.reads.scan<R>(projection, filter)) {
      tally.add((spread ? page.flatMap(spread) : page).filter((r) => regionCovers(principal.regionCode, r.regionCode)));
    }
    return tally.cells();
  }
}
