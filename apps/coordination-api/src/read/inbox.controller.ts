import { Controller, Inject, Injectable, type MessageEvent, type OnModuleDestroy, Query, Res, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tppo/access';
import type { InboxItem } from '@tppo/read-models';
import type { DocumentChange, ReadStore } from '@tppo/read-store';
import { filter, map, type Observable, Subject } from 'rxjs';
import type { FastifyReply } from 'fastify';
import { Access, CASE_PARTICIPANTS } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { ReadRoute } from '../auth/read-route';
import { EnumField } from '../cases/dto/fields';
import { ApiProblems } from '../errors/problem.dto';
import { READ_STORE } from '../infrastructure/tokens';
import { PageQuery } from './page.query';

const KINDS = ['REFERRAL', 'LEAD_HANDOFF'] as const;
const STATUSES = ['AWAITING_ANSWER', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'COMPLETED'] as const;

export class InboxQuery extends PageQuery {
  @EnumField(STATUSES, { optional: true, description: 'Default AWAITING_ANSWER' }) status?: string;
  @EnumField(KINDS, { optional: true }) kind?: string;
}

class InboxItemView {
  @ApiProperty() itemId!: string;
  @ApiProperty({ enum: KINDS }) kind!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() fromUnitId!: string;
  @ApiProperty() toUnitId!: string;
  @ApiPropertyOptional() purpose?: string;
  @ApiPropertyOptional() urgency?: string;
  @ApiPropertyOptional() dueBy?: string;
  @ApiProperty() sentAt!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiPropertyOptional() answeredAt?: string;
  @ApiProperty({ description: 'Whole days since it was sent' }) ageDays!: number;
}

class InboxPage {
  @ApiProperty({ type: InboxItemView, isArray: true }) items!: InboxItemView[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

const DAY_MS = 86_400_000;

/** Inbox documents as the projector commits them, for the live stream. */
@Injectable()
export class InboxChanges implements OnModuleDestroy {
  private readonly items = new Subject<InboxItem>();
  readonly changes: Observable<InboxItem> = this.items.asObservable();

  committed(projection: string, changes: readonly DocumentChange[]): void {
    if (projection !== 'inbox') return;
    for (const { document } of changes) if (document !== null) this.items.next(document as InboxItem);
  }

  onModuleDestroy(): void {
    this.items.complete();
  }
}

/** What waits for the calling unit's answer: referrals and lead handoffs addressed to it (a projection). */
@ApiTags('inbox')
@Access({ audience: CASE_PARTICIPANTS, scope: 'caller' })
@Controller('inbox')
export class InboxController {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly inboxChanges: InboxChanges,
  ) {}

  /**
   * Server-sent events: every change to an item addressed to the calling unit (a new referral or
   * handoff, or its answer), as the projector commits it. Reconnect and read GET /inbox to resync.
   */
  @Sse('stream')
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'StreamInbox', summary: "Live changes to the calling unit's inbox (text/event-stream)" })
  @ApiOkResponse({ description: 'A stream of `inbox-item` events whose data is an inbox item', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblems(401, 429)
  stream(@CurrentPrincipal() principal: Principal): Observable<MessageEvent> {
    return this.inboxChanges.changes.pipe(
      filter((item) => item.toUnitId === principal.unitId),
      map((item) => ({ type: 'inbox-item', id: item.itemId, data: item })),
    );
  }

  @ReadRoute({ operationId: 'GetInbox', summary: "The calling unit's inbox, oldest first; eventually consistent with the commands", type: InboxPage, problems: [400, 401, 429, 503] })
  async inbox(@Query() query: InboxQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<InboxPage> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const items = await this.reads.find<InboxItem>('inbox', {
      where: { toUnitId: principal.unitId, status: query.status ?? 'AWAITING_ANSWER', ...(query.kind ? { kind: query.kind } : {}) },
      orderBy: 'sentAt',
      limit,
      offset,
    });
    const now = Date.now();
    void reply.header('cache-control', 'no-store');
    return { items: items.map((i) => ({ ...i, ageDays: Math.floor((now - Date.parse(i.sentAt)) / DAY_MS) })), limit, offset };
  }
}
