import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx, type CommandContext } from '../command-context';
import { CommandRoute } from '../command-route';
import type { CommandResultDto } from '../command-result.dto';
import { CaseParams, SubjectParams } from '../dto/params';
import { caseThingParams } from '../dto/params';
import { RunCommand, sendCommand } from '../run-command';
import { AcceptLeadHandoffDto, DeclineLeadHandoffDto, ProposeLeadHandoffDto, RecordCustodyTransferDto } from './handoff.dto';

class HandoffParams extends caseThingParams('HandoffParams', 'handoffId') {}

/** Alih kelola: the lead changes only when the receiving unit accepts. */
@ApiTags('lead-handoffs')
@Controller('cases/:caseId')
export class HandoffController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute('ProposeLeadHandoff', 'lead-handoffs', { summary: 'Propose that another unit take over the lead', location: (r) => `/cases/${r.id}/lead-handoffs/${r.resourceId}` })
  propose(@Param() { caseId }: CaseParams, @Body() body: ProposeLeadHandoffDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const handoffId = ctx.mint('lead-handoff');
    return sendCommand(this.commands, new RunCommand('ProposeLeadHandoff', caseId, { ...body, handoffId }, ctx, handoffId));
  }

  @CommandRoute('AcceptLeadHandoff', 'lead-handoffs/:handoffId/acceptance', { summary: 'Take over the lead' })
  accept(@Param() { caseId, handoffId }: HandoffParams, @Body() body: AcceptLeadHandoffDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('AcceptLeadHandoff', caseId, { ...body, handoffId }, ctx));
  }

  @CommandRoute('DeclineLeadHandoff', 'lead-handoffs/:handoffId/decline', { summary: 'Decline the lead, with a reason; the lead stays' })
  decline(@Param() { caseId, handoffId }: HandoffParams, @Body() body: DeclineLeadHandoffDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('DeclineLeadHandoff', caseId, { ...body, handoffId }, ctx));
  }

  @CommandRoute('RecordCustodyTransfer', 'victims/:subjectRef/custody-transfers', { summary: 'Record that the calling unit now has the person' })
  custody(@Param() { caseId, subjectRef }: SubjectParams, @Body() body: RecordCustodyTransferDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('RecordCustodyTransfer', caseId, { ...body, subjectRef }, ctx));
  }
}
