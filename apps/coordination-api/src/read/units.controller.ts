import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AGENCY_TYPES } from '@tppo/case-domain';
import { type AgencyUnit, type Principal, UNIT_LEVELS, type UnitRegistry } from '@tppo/access';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { ApiProblems } from '../errors/problem.dto';
import { UNIT_REGISTRY } from '../infrastructure/tokens';

export class UnitView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENCY_TYPES }) agencyType!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: string;
  @ApiProperty() regionCode!: string;
}

export const unitView = ({ id, name, agencyType, level, regionCode }: AgencyUnit): UnitView => ({ id, name, agencyType, level, regionCode });

class UnitsPage {
  @ApiProperty({ type: UnitView, isArray: true }) items!: UnitView[];
}

/** The unit registry (no personal data): names and agency types for the ids every view shows. */
@ApiTags('units')
@Access({ audience: AGENCY_TYPES, scope: 'caller' })
@Controller('units')
export class UnitsController {
  constructor(@Inject(UNIT_REGISTRY) private readonly registry: UnitRegistry) {}

  @Get()
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetUnits', summary: 'Every agency unit of the registry' })
  @ApiOkResponse({ type: UnitsPage })
  @ApiProblems(401, 429)
  units(@Res({ passthrough: true }) reply: FastifyReply): UnitsPage {
    void reply.header('cache-control', 'private, max-age=300');
    return { items: this.registry.all().map(unitView) };
  }

  /** The caller's own unit, as its token names it: what a console shows after signing in at the identity provider. */
  @Get('mine')
  @ApiBearerAuth('bearer')
  @ApiOperation({ operationId: 'GetMyUnit', summary: "The caller's own unit" })
  @ApiOkResponse({ type: UnitView })
  @ApiProblems(401, 429)
  mine(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): UnitView {
    void reply.header('cache-control', 'private, no-cache');
    return unitView(this.registry.require(principal.unitId));
  }
}
