import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx, type CommandContext } from '../command-context';
import { CommandRoute } from '../command-route';
import type { CommandResultDto } from '../command-result.dto';
import { CaseParams, SubjectParams } from '../dto/params';
import { caseThingParams } from '../dto/params';
import { RunCommand, sendCommand } from '../run-command';
import {
  DecideLpskProtectionDto,
  EndShelterPlacementDto,
  RecordReintegrationDto,
  RecordRepatriationDto,
  RecordServiceDeliveredDto,
  RequestLpskProtectionDto,
  RequestServiceDto,
  StartShelterPlacementDto,
} from './services.dto';

class ServiceRequestParams extends caseThingParams('ServiceRequestParams', 'serviceRequestId') {}
class PlacementParams extends caseThingParams('PlacementParams', 'placementId') {}
class LpskRequestParams extends caseThingParams('LpskRequestParams', 'requestId') {}

/** Protection and services: service requests and their 7-day clock, shelter, return, LPSK. */
@ApiTags('services')
@Controller('cases/:caseId')
export class ServicesController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute('RequestService', 'service-requests', { summary: 'Request a service for a victim from a provider unit', location: (r) => `/cases/${r.id}/service-requests/${r.resourceId}` })
  request(@Param() { caseId }: CaseParams, @Body() body: RequestServiceDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const serviceRequestId = ctx.mint('service-request');
    return sendCommand(this.commands, new RunCommand('RequestService', caseId, { ...body, serviceRequestId }, ctx, serviceRequestId));
  }

  @CommandRoute('RecordServiceDelivered', 'service-requests/:serviceRequestId/delivery', { summary: 'Record that the provider delivered the service' })
  delivered(@Param() { caseId, serviceRequestId }: ServiceRequestParams, @Body() body: RecordServiceDeliveredDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('RecordServiceDelivered', caseId, { ...body, serviceRequestId }, ctx));
  }

  @CommandRoute('StartShelterPlacement', 'shelter-placements', { summary: 'Place a victim in a shelter', location: (r) => `/cases/${r.id}/shelter-placements/${r.resourceId}` })
  startPlacement(@Param() { caseId }: CaseParams, @Body() body: StartShelterPlacementDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const placementId = ctx.mint('shelter-placement');
    return sendCommand(this.commands, new RunCommand('StartShelterPlacement', caseId, { ...body, placementId }, ctx, placementId));
  }

  @CommandRoute('EndShelterPlacement', 'shelter-placements/:placementId/end', { summary: 'End a shelter placement' })
  endPlacement(@Param() { caseId, placementId }: PlacementParams, @Body() body: EndShelterPlacementDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('EndShelterPlacement', caseId, { ...body, placementId }, ctx));
  }

  @CommandRoute('RecordRepatriation', 'victims/:subjectRef/repatriation', { summary: 'Record that the person came home' })
  repatriation(@Param() { caseId, subjectRef }: SubjectParams, @Body() body: RecordRepatriationDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('RecordRepatriation', caseId, { ...body, subjectRef }, ctx));
  }

  @CommandRoute('RecordReintegration', 'victims/:subjectRef/reintegration', { summary: 'Record that social reintegration was completed' })
  reintegration(@Param() { caseId, subjectRef }: SubjectParams, @Body() body: RecordReintegrationDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('RecordReintegration', caseId, { ...body, subjectRef }, ctx));
  }

  @CommandRoute('RequestLpskProtection', 'lpsk-requests', { summary: 'Ask LPSK to protect a victim or witness', location: (r) => `/cases/${r.id}/lpsk-requests/${r.resourceId}` })
  requestLpsk(@Param() { caseId }: CaseParams, @Body() body: RequestLpskProtectionDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const requestId = ctx.mint('lpsk-request');
    return sendCommand(this.commands, new RunCommand('RequestLpskProtection', caseId, { ...body, requestId }, ctx, requestId));
  }

  @CommandRoute('DecideLpskProtection', 'lpsk-requests/:requestId/decision', { summary: 'LPSK grants or refuses protection' })
  decideLpsk(@Param() { caseId, requestId }: LpskRequestParams, @Body() body: DecideLpskProtectionDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('DecideLpskProtection', caseId, { ...body, requestId }, ctx));
  }
}
