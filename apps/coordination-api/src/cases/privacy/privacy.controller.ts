import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx, type CommandContext } from '../command-context';
import { CommandRoute } from '../command-route';
import type { CommandResultDto } from '../command-result.dto';
import { CaseParams, caseThingParams, SubjectParams } from '../dto/params';
import { RunCommand, sendCommand } from '../run-command';
import { ApproveSubjectErasureDto, PlaceLegalHoldDto, RefuseSubjectErasureDto, ReleaseLegalHoldDto, RequestSubjectErasureDto } from './privacy.dto';

class ErasureParams extends caseThingParams('ErasureParams', 'erasureId', 'The id of the erasure request') {}
class HoldParams extends caseThingParams('HoldParams', 'holdId', 'The id of the legal hold') {}

const IRREVERSIBLE =
  'An erasure cannot be undone: once approved, the person’s data key is destroyed and every sealed identity of theirs is unreadable for good. ' +
  'The events and their hash chain stay.';

/** A person's data rights (UU 27/2022): erasure decided by two units, and the legal holds that stop it. */
@ApiTags('personal data rights')
@Controller('cases/:caseId')
export class PrivacyController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute('RequestSubjectErasure', 'subjects/:subjectRef/erasure-requests', {
    summary: 'Ask for a person’s data to be erased; another unit decides',
    description: `Nothing is erased until the ministry or the lead unit (not the requesting unit) approves. ${IRREVERSIBLE}`,
    notice: IRREVERSIBLE,
    location: (r) => `/cases/${r.id}/erasure-requests/${r.resourceId}`,
  })
  request(@Param() { caseId, subjectRef }: SubjectParams, @Body() body: RequestSubjectErasureDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const erasureId = ctx.mint('erasure');
    return sendCommand(this.commands, new RunCommand('RequestSubjectErasure', caseId, { ...body, subjectRef, erasureId }, ctx, erasureId));
  }

  @CommandRoute('ApproveSubjectErasure', 'erasure-requests/:erasureId/approval', {
    summary: 'Approve an erasure: the person’s data is destroyed',
    description: `By the ministry or the case's lead unit, never the unit that asked; refused under a legal hold or while criminal proceedings are open. ${IRREVERSIBLE}`,
    notice: IRREVERSIBLE,
  })
  approve(@Param() { caseId, erasureId }: ErasureParams, @Body() body: ApproveSubjectErasureDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('ApproveSubjectErasure', caseId, { ...body, erasureId }, ctx));
  }

  @CommandRoute('RefuseSubjectErasure', 'erasure-requests/:erasureId/refusal', { summary: 'Refuse an erasure: the person’s data stays' })
  refuse(@Param() { caseId, erasureId }: ErasureParams, @Body() body: RefuseSubjectErasureDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('RefuseSubjectErasure', caseId, { ...body, erasureId }, ctx));
  }

  @CommandRoute('PlaceLegalHold', 'legal-holds', {
    summary: 'Place a legal hold: no person’s data on the case is erased while it is in force',
    location: (r) => `/cases/${r.id}/legal-holds/${r.resourceId}`,
  })
  placeHold(@Param() { caseId }: CaseParams, @Body() body: PlaceLegalHoldDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const holdId = ctx.mint('hold');
    return sendCommand(this.commands, new RunCommand('PlaceLegalHold', caseId, { ...body, holdId }, ctx, holdId));
  }

  @CommandRoute('ReleaseLegalHold', 'legal-holds/:holdId/release', { summary: 'Release a legal hold' })
  releaseHold(@Param() { caseId, holdId }: HoldParams, @Body() body: ReleaseLegalHoldDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('ReleaseLegalHold', caseId, { ...body, holdId }, ctx));
  }
}
