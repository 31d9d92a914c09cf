import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx, type CommandContext } from '../command-context';
import { CommandRoute } from '../command-route';
import type { CommandResultDto } from '../command-result.dto';
import { CaseParams } from '../dto/params';
import { caseThingParams } from '../dto/params';
import { RunCommand, sendCommand } from '../run-command';
import { CloseCaseDto, CorrectEventDto, ReopenCaseDto } from './closure.dto';

class EventParams extends caseThingParams('EventParams', 'eventId', 'The id of the event to correct') {}

/** Closure, reopening and corrections as new events: the original stays. */
@ApiTags('closure')
@Controller('cases/:caseId')
export class ClosureController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute('CloseCase', 'closure', { summary: 'Close the case (the lead unit, no handoff pending)' })
  close(@Param() { caseId }: CaseParams, @Body() body: CloseCaseDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('CloseCase', caseId, { ...body }, ctx));
  }

  @CommandRoute('ReopenCase', 'reopening', { summary: 'Reopen a closed case' })
  reopen(@Param() { caseId }: CaseParams, @Body() body: ReopenCaseDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('ReopenCase', caseId, { ...body }, ctx));
  }

  @CommandRoute('CorrectEvent', 'events/:eventId/corrections', { summary: 'Correct fields of an event the calling unit issued' })
  correct(@Param() { caseId, eventId }: EventParams, @Body() body: CorrectEventDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('CorrectEvent', caseId, { ...body, eventId }, ctx));
  }
}
