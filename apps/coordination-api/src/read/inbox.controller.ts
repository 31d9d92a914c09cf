import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tppo/access';
import type { InboxItem } from '@tppo/read-models';
import type { ReadStore } from '@tppo/read-store';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../auth/principal';
import { EnumField } from '../cases/dto/fields';
import { ApiProblems } from '../errors/problem.dto';
import { READ_STORE } from '../infrastructure/tokens';

const KINDS = ['REFERRAL', 'LEAD_HANDOFF'] as const;
const STATUSES = ['AWAITING_ANSWER', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'COMPLETED'] as const;
const PAGE_MAX = 100;

export class InboxQuery {
  @EnumField(STATUSES, { optional: true, description: 'Default AWAITING_ANSWER' }) status?: string;
  @EnumField(KINDS, { optional: true }) kind?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
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

/** What waits for the calling unit's answer: referrals and lead handoffs addressed to it (a projection). */
@ApiTags('inbox')
@Controller('inbox')
export class InboxController {
  constructor(@Inject(READ_STORE) private readonly reads: ReadStore) {}

  @Get()
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetInbox', summary: "The calling unit's inbox, oldest first; eventually consistent with the commands" })
  @ApiOkResponse({ type: InboxPage })
  @ApiProblems(400, 401, 429, 503)
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
