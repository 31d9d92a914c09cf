import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx, type CommandContext } from '../command-context';
import { CommandRoute } from '../command-route';
import type { CommandResultDto } from '../command-result.dto';
import { RunCommand, sendCommand } from '../run-command';
import { ReportDepartureInterceptionDto } from './interception.dto';

/** Prevention: a departure interception is its own small stream per report, written once. */
@ApiTags('interception-reports')
@Controller('interception-reports')
export class InterceptionController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute('ReportDepartureInterception', '', {
    summary: 'Report a departure interception (counts only)',
    location: (r) => `/interception-reports/${r.id}`,
    onCase: false,
  })
  report(@Body() body: ReportDepartureInterceptionDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const reportId = ctx.mint('interception-report');
    return sendCommand(this.commands, new RunCommand('ReportDepartureInterception', reportId, { ...body, counts: body.counts.map((c) => ({ ...c })) }, ctx));
  }
}
