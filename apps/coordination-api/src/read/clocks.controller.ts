import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tppo/access';
import { isOverdue, type ClockDocument } from '@tppo/read-models';
import type { ReadStore } from '@tppo/read-store';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Access, CASE_PARTICIPANTS } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { GetCase } from '../cases/get-case.query';
import { CaseParams } from '../cases/dto/params';
import { EnumField } from '../cases/dto/fields';
import { ApiProblems } from '../errors/problem.dto';
import { APP_CONFIG, READ_STORE } from '../infrastructure/tokens';
import type { AppConfig } from '../config/app-config';
import { byFieldThen, everyDocument } from './every-document';
import { daysLeft } from './views/clock-view';
import { LateEntryDto, lateEntryOf } from './views/late-entry';

const KINDS = ['SERVICE', 'SPDP', 'CASE_FILE_REVIEW', 'RESUBMISSION', 'RESTITUTION'] as const;
const STATUSES = ['WAITING', 'RUNNING', 'STOPPED'] as const;

export class ClocksQuery {
  @EnumField(STATUSES, { optional: true, description: 'Default RUNNING' }) status?: string;
  @EnumField(KINDS, { optional: true }) kind?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only clocks past their due date and still running' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: string;
}

class ClockView {
  @ApiProperty() clockId!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty() responsibleUnitId!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiPropertyOptional({ description: 'The statute the clock follows' }) legalBasis?: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() dueAt?: string;
  @ApiPropertyOptional() stoppedAt?: string;
  @ApiPropertyOptional({ description: 'When the act that started the clock was recorded' }) startRecordedAt?: string;
  @ApiPropertyOptional({ description: 'When the act that stopped the clock was recorded' }) stopRecordedAt?: string;
  @ApiPropertyOptional({ type: LateEntryDto, description: 'The starting act was recorded late; the clock still runs from the act' }) startLateEntry?: LateEntryDto;
  @ApiPropertyOptional({
    type: LateEntryDto,
    description: 'The stopping act was recorded late: the outcome is judged on the act ("stopped in time, recorded N days later")',
  })
  stopLateEntry?: LateEntryDto;
  @ApiPropertyOptional({ enum: ['MET', 'LATE', 'DEFAULTED', 'CANCELLED'] }) outcome?: string;
  @ApiProperty() rounds!: number;
  @ApiProperty({ description: 'Rounds that ended late or defaulted' }) breaches!: number;
  @ApiProperty({ description: 'Running past its due date now' }) overdue!: boolean;
  @ApiPropertyOptional({ description: 'Whole days to the due date (negative when overdue), while running' }) daysLeft?: number;
}

class ClocksPage {
  @ApiProperty({ type: ClockView, isArray: true }) items!: ClockView[];
}

/** A clock as the API shows it at `now`, late entries marked by the deployment's threshold. */
export const clockView = (clock: ClockDocument, now: string, lateEntryHours: number): ClockView => {
  const startLateEntry = lateEntryOf(clock.startedAt, clock.startRecordedAt, lateEntryHours);
  const stopLateEntry = lateEntryOf(clock.stoppedAt, clock.stopRecordedAt, lateEntryHours);
  return {
    ...clock,
    overdue: isOverdue(clock, now),
    ...(clock.status === 'RUNNING' && clock.dueAt ? { daysLeft: daysLeft(Date.parse(clock.dueAt), Date.parse(now)) } : {}),
    ...(startLateEntry ? { startLateEntry } : {}),
    ...(stopLateEntry ? { stopLateEntry } : {}),
  };
};

/** Statutory clocks as a projection: the unit's own, and those of a case it takes part in. */
@ApiTags('clocks')
@Controller()
export class ClocksController {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('clocks')
  @Access({ audience: CASE_PARTICIPANTS, scope: 'caller' })
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetMyClocks', summary: 'Clocks the calling unit must stop, soonest due first' })
  @ApiOkResponse({ type: ClocksPage })
  @ApiProblems(400, 401, 429, 503)
  async mine(@Query() query: ClocksQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ClocksPage> {
    // A unit's clocks are bounded by its cases: all of them, soonest due first, then by id.
    const clocks = (
      await everyDocument<ClockDocument>(this.reads, 'clocks', {
        where: { responsibleUnitId: principal.unitId, status: query.status ?? 'RUNNING', ...(query.kind ? { kind: query.kind } : {}) },
      })
    ).sort(byFieldThen('dueAt', 'clockId'));
    const now = new Date().toISOString();
    const items = clocks.map((k) => clockView(k, now, this.config.lateEntryHours)).filter((k) => query.overdue === undefined || k.overdue === (query.overdue === 'true'));
    void reply.header('cache-control', 'no-store');
    return { items };
  }

  @Get('cases/:caseId/clocks')
  @Access({ audience: CASE_PARTICIPANTS, scope: 'participant' })
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetCaseClocks', summary: 'Every clock of a case the calling unit takes part in' })
  @ApiOkResponse({ type: ClocksPage })
  @ApiProblems(400, 401, 404, 429, 503)
  async ofCase(@Param() { caseId }: CaseParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ClocksPage> {
    // The same 404 as GET /cases/{id} for a unit outside the case.
    await this.queries.execute(new GetCase(caseId, principal));
    // In id order, which is clockId's.
    const clocks = await everyDocument<ClockDocument>(this.reads, 'clocks', { where: { caseId } });
    const now = new Date().toISOString();
    void reply.header('cache-control', 'no-store');
    return { items: clocks.map((k) => clockView(k, now, this.config.lateEntryHours)) };
  }
}
