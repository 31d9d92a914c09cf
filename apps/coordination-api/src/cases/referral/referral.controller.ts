import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx, type CommandContext } from '../command-context';
import { CommandRoute } from '../command-route';
import type { CommandResultDto } from '../command-result.dto';
import { CaseParams } from '../dto/params';
import { caseThingParams } from '../dto/params';
import { RunCommand, sendCommand } from '../run-command';
import { AcceptReferralDto, CompleteReferralDto, DeclineReferralDto, SendReferralDto, WithdrawReferralDto } from './referral.dto';

class ReferralParams extends caseThingParams('ReferralParams', 'referralId') {}

/** Referrals share the case with another unit; only the addressed unit answers. */
@ApiTags('referrals')
@Controller('cases/:caseId')
export class ReferralController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute('SendReferral', 'referrals', { summary: 'Refer the case to another unit', location: (r) => `/cases/${r.id}/referrals/${r.resourceId}` })
  send(@Param() { caseId }: CaseParams, @Body() body: SendReferralDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const referralId = ctx.mint('referral');
    return sendCommand(this.commands, new RunCommand('SendReferral', caseId, { ...body, referralId }, ctx, referralId));
  }

  @CommandRoute('AcceptReferral', 'referrals/:referralId/acceptance', { summary: 'Accept a referral addressed to the calling unit' })
  accept(@Param() { caseId, referralId }: ReferralParams, @Body() body: AcceptReferralDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('AcceptReferral', caseId, { ...body, referralId }, ctx));
  }

  @CommandRoute('DeclineReferral', 'referrals/:referralId/decline', { summary: 'Decline a referral addressed to the calling unit, with a reason' })
  decline(@Param() { caseId, referralId }: ReferralParams, @Body() body: DeclineReferralDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('DeclineReferral', caseId, { ...body, referralId }, ctx));
  }

  @CommandRoute('CompleteReferral', 'referrals/:referralId/completion', { summary: 'Complete an accepted referral' })
  complete(@Param() { caseId, referralId }: ReferralParams, @Body() body: CompleteReferralDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('CompleteReferral', caseId, { ...body, referralId }, ctx));
  }

  @CommandRoute('WithdrawReferral', 'referrals/:referralId/withdrawal', { summary: 'Withdraw a referral the calling unit sent' })
  withdraw(@Param() { caseId, referralId }: ReferralParams, @Body() body: WithdrawReferralDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('WithdrawReferral', caseId, { ...body, referralId }, ctx));
  }
}
