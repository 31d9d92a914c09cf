import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { EventStore } from '@tppo/eventsourcing';
import { Public } from '../auth/public.decorator';
import { EVENT_STORE } from '../infrastructure/tokens';

@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Liveness: the process answers. */
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the event store answers. */
  @Get('ready')
  @HttpCode(200)
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ready'] } }, required: ['status'] } })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer' })
  async ready(): Promise<{ status: 'ready' }> {
    try {
      await this.store.ping();
    } catch {
      throw new ServiceUnavailableException('The event store does not answer');
    }
    return { status: 'ready' };
  }
}
