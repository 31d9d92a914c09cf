import { Controller, Inject, Param, Res } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal, UnitRegistry } from '@tppo/access';
import { caseEventRegistry, caseStreamId } from '@tppo/case-domain';
import { verifyChain, type EventStore } from '@tppo/eventsourcing';
import { isOverdue, type ClockDocument } from '@tppo/read-models';
import type { ReadStore } from '@tppo/read-store';
import type { FastifyReply } from 'fastify';
import { OVERSIGHT } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { ReadRoute } from '../auth/read-route';
import { APP_CONFIG, EVENT_STORE, READ_STORE, UNIT_REGISTRY } from '../infrastructure/tokens';
import type { AppConfig } from '../config/app-config';
import { everyDocument } from './every-document';
import { LateEntryDto, lateEntryOf } from './views/late-entry';
import { CaseParams } from '../cases/dto/params';
import { caseInJurisdiction, JurisdictionView } from './oversight';
import { TimelineEntry, timelineEntries } from './timeline-entries';

class ChainView {
  @ApiProperty() valid!: boolean;
  @ApiPropertyOptional() events?: number;
  @ApiPropertyOptional({ description: 'The head hash a ministry can keep as a checkpoint' }) headHash?: string;
  @ApiPropertyOptional() firstBadRevision?: number;
  @ApiPropertyOptional({ enum: ['REVISION_GAP', 'STREAM_MISMATCH', 'PREVIOUS_HASH_MISMATCH', 'HASH_MISMATCH'] }) reason?: string;
}

class ClockSummary {
  @ApiProperty() kind!: string;
  @ApiProperty() responsibleUnitId!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() dueAt?: string;
  @ApiPropertyOptional() stoppedAt?: string;
  @ApiPropertyOptional() outcome?: string;
  @ApiProperty() breaches!: number;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional({ type: LateEntryDto, description: 'Stopped by an act recorded late: judged on the act ("stopped in time, recorded N days later")' })
  stopLateEntry?: LateEntryDto;
}

class CaseTimeline {
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'Where the case was opened (as corrected)' }) regionCode!: string;
  @ApiProperty({ type: JurisdictionView, description: 'Why the caller sees this case' }) jurisdiction!: JurisdictionView;
  @ApiProperty({ type: ChainView }) chain!: ChainView;
  @ApiProperty({ type: TimelineEntry, isArray: true }) entries!: TimelineEntry[];
  @ApiProperty({ type: ClockSummary, isArray: true }) clocks!: ClockSummary[];
}

/**
 * The ministry's audit view: the whole sequence of a case, pseudonymous,
 * with its hash chain recomputed. KemenPPPA sees every case; a task force the cases of its region.
 */
@ApiTags('oversight')
@Controller('cases/:caseId/timeline')
export class TimelineController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
  ) {}

  @ReadRoute({ operationId: 'GetCaseTimeline', summary: 'The verified, pseudonymous timeline of a case (MINISTRY, TASK_FORCE)', access: { audience: OVERSIGHT, scope: 'jurisdiction' }, type: CaseTimeline, problems: [400, 401, 403, 404, 429, 503] })
  async timeline(@Param() { caseId }: CaseParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<CaseTimeline> {
    const events = (await this.store.readStream(caseStreamId(caseId))).map((e) => caseEventRegistry.upcast(e));
    const { where, jurisdiction } = caseInJurisdiction(principal, events, this.units);

    const entries = timelineEntries(events, this.config.lateEntryHours);
    const clocks = await everyDocument<ClockDocument>(this.reads, 'clocks', { where: { caseId } });
    const now = new Date().toISOString();
    void reply.header('cache-control', 'no-store');
    return {
      caseId,
      regionCode: where.regionCode,
      jurisdiction,
      chain: verifyChain(events),
      entries,
      clocks: clocks.map((k) => {
        const stopLateEntry = lateEntryOf(k.stoppedAt, k.stopRecordedAt, this.config.lateEntryHours);
        return {
          kind: k.kind,
          responsibleUnitId: k.responsibleUnitId,
          status: k.status,
          ...(k.startedAt ? { startedAt: k.startedAt } : {}),
          ...(k.dueAt ? { dueAt: k.dueAt } : {}),
          ...(k.stoppedAt ? { stoppedAt: k.stoppedAt } : {}),
          ...(k.outcome ? { outcome: k.outcome } : {}),
          breaches: k.breaches,
          overdue: isOverdue(k, now),
          ...(stopLateEntry ? { stopLateEntry } : {}),
        };
      }),
    };
  }
}
