import { Body, Controller, Get, HttpCode, Inject, Module, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { loadOrCreateLocalSecret, mintLocalToken, type UnitRegistry } from '@tppo/access';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import type { AppConfig } from '../config/app-config';
import { id } from '@tppo/case-domain';
import { dtoOf } from '../cases/dto/body';
import { ApiProblems } from '../errors/problem.dto';
import { ProblemException } from '../errors/problem';
import { APP_CONFIG, UNIT_REGISTRY } from '../infrastructure/tokens';
import { UnitView, unitView } from '../read/units.controller';

/** The console's working day; `npm run token` mints eight hours too. */
const TTL_SECONDS = 8 * 3600;

export class LocalTokenRequest extends dtoOf('LocalTokenRequest', { unitId: id }, { unitId: { description: 'A unit of the registry', example: 'polres-nunukan' } }) {}

class LocalToken {
  @ApiProperty() token!: string;
  @ApiProperty() expiresInSeconds!: number;
  @ApiProperty({ type: UnitView }) unit!: UnitView;
}

class LocalUnits {
  @ApiProperty({ type: UnitView, isArray: true }) items!: UnitView[];
}

/**
 * Sign-in for local use and tests, as `npm run token` does it: a unit is chosen and a token is
 * minted with the local secret. Mounted only when the API runs with that secret and outside
 * production (AppConfig.localSignIn); with an identity provider these routes do not exist.
 */
@ApiTags('local sign-in (development only)')
@Public()
@Controller('local-auth')
export class LocalSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(UNIT_REGISTRY) private readonly registry: UnitRegistry,
  ) {}

  @Get('units')
  @ApiOperation({ operationId: 'GetLocalSignInUnits', summary: 'The units one may sign in as (local mode only)' })
  @ApiOkResponse({ type: LocalUnits })
  @ApiProblems(429)
  units(@Res({ passthrough: true }) reply: FastifyReply): LocalUnits {
    void reply.header('cache-control', 'no-store');
    return { items: this.registry.all().map(unitView) };
  }

  @Post('tokens')
  @HttpCode(200)
  @ApiOperation({ operationId: 'CreateLocalToken', summary: 'A bearer token for a unit of the registry, as `npm run token` mints it (local mode only)' })
  @ApiOkResponse({ type: LocalToken })
  @ApiProblems(400, 415, 429)
  async token(@Body() { unitId }: LocalTokenRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LocalToken> {
    const unit = this.registry.get(unitId);
    if (!unit) throw new ProblemException(400, 'UNKNOWN_UNIT', 'Bad request', 'No unit of the registry has this id');
    const token = await mintLocalToken({
      secret: loadOrCreateLocalSecret(this.config.dataDir),
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      unit: unit.id,
      user: `local-${unit.id}`,
      roles: [],
      ttlSeconds: TTL_SECONDS,
      agencyType: unit.agencyType,
    });
    void reply.header('cache-control', 'no-store');
    return { token, expiresInSeconds: TTL_SECONDS, unit: unitView(unit) };
  }
}

@Module({ controllers: [LocalSignInController] })
export class LocalSignInModule {}
