import { Body, Controller, Get, Param, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tppo/access';
import type { FastifyReply } from 'fastify';
import { Access, CASE_PARTICIPANTS } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { ApiProblems } from '../errors/problem.dto';
import { CaseView } from './case.view';
import { CommandCtx, type CommandContext } from './command-context';
import { CommandRoute } from './command-route';
import type { CommandResultDto } from './command-result.dto';
import { CaseParams } from './dto/params';
import { GetCase } from './get-case.query';
import { OpenCaseDto } from './intake/intake.dto';
import { RunCommand, sendCommand } from './run-command';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @CommandRoute('OpenCase', '', {
    summary: 'Open a case; the calling unit becomes its lead',
    location: (r) => `/cases/${r.id}`,
    onCase: false,
  })
  open(@Body() body: OpenCaseDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('OpenCase', ctx.mint('case'), { ...body }, ctx));
  }

  @Get(':caseId')
  @Access({ audience: CASE_PARTICIPANTS, scope: 'participant' })
  @ApiBearerAuth('bearer')
  @ApiOperation({
    operationId: 'GetCase',
    summary: 'The current state of a case the calling unit takes part in',
    description: 'Fields the disclosure policy does not grant the caller’s agency type are absent (see disclosure-policy.ts).',
  })
  @ApiOkResponse({ type: CaseView, headers: { ETag: { description: 'The revision, for If-Match', schema: { type: 'string' } } } })
  @ApiProblems(400, 401, 404, 503)
  async get(@Param() { caseId }: CaseParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<Partial<CaseView>> {
    const view = await this.queries.execute(new GetCase(caseId, principal));
    void reply.header('etag', `"${view.revision}"`).header('cache-control', 'no-store');
    return view;
  }
}
