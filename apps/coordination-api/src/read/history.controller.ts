import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tppo/access';
import { caseEventRegistry, caseStreamId } from '@tppo/case-domain';
import type { EventStore } from '@tppo/eventsourcing';
import type { FastifyReply } from 'fastify';
import { Access, CASE_PARTICIPANTS } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { GetCase } from '../cases/get-case.query';
import { CaseParams } from '../cases/dto/params';
import { historyDiscloses } from '../cases/history-disclosure';
import { ApiProblems } from '../errors/problem.dto';
import { APP_CONFIG, EVENT_STORE } from '../infrastructure/tokens';
import type { AppConfig } from '../config/app-config';
import { TimelineEntry, timelineEntries } from './timeline-entries';

class CaseHistory {
  @ApiProperty() caseId!: string;
  @ApiProperty({ type: TimelineEntry, isArray: true, description: 'Only the events whose part of the case the disclosure policy grants the caller' }) entries!: TimelineEntry[];
}

/**
 * A participant's history of a case: the same pseudonymous entries as the ministry's timeline,
 * restricted to the events the case view's disclosure policy grants the caller's agency type.
 */
@ApiTags('cases')
@Controller('cases/:caseId/history')
export class HistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access({ audience: CASE_PARTICIPANTS, scope: 'participant' })
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetCaseHistory', summary: 'The events of a case the calling unit takes part in, as its agency type may read them' })
  @ApiOkResponse({ type: CaseHistory })
  @ApiProblems(400, 401, 404, 429, 503)
  async history(@Param() { caseId }: CaseParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseHistory> {
    // The same 404 as GET /cases/{id} for a unit outside the case.
    await this.queries.execute(new GetCase(caseId, principal));
    const events = (await this.store.readStream(caseStreamId(caseId))).map((e) => caseEventRegistry.upcast(e));
    void reply.header('cache-control', 'no-store');
    return { caseId, entries: timelineEntries(events, this.config.lateEntryHours).filter((e) => historyDiscloses(e.type, principal.agencyType)) };
  }
}
