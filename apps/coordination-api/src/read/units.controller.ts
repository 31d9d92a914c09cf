import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AGENCY_TYPES } from '@tppo/case-domain';
import { type AgencyUnit, UNIT_LEVELS, type UnitRegistry } from '@tppo/access';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access-policy';
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
}
