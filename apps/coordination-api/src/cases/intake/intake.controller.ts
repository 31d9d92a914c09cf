import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx, type CommandContext } from '../command-context';
import { CommandRoute } from '../command-route';
import type { CommandResultDto } from '../command-result.dto';
import { CaseParams, SubjectParams } from '../dto/params';
import { caseThingParams } from '../dto/params';
import { RunCommand, sendCommand } from '../run-command';
import { AppointGuardianDto, AssessRiskDto, DetermineVictimStatusDto, RecordConsentDto, RegisterVictimDto, WithdrawConsentDto } from './intake.dto';

class ConsentParams extends caseThingParams('ConsentParams', 'consentId') {}

/** Intake: the victim, their guardian, consent and risk. */
@ApiTags('intake')
@Controller('cases/:caseId')
export class IntakeController {
  constructor(private readonly commands: CommandBus) {}

  @CommandRoute('RegisterVictim', 'victims', { summary: 'Register a victim (identity sealed with their own key)', location: (r) => `/cases/${r.id}/victims/${r.resourceId}` })
  registerVictim(@Param() { caseId }: CaseParams, @Body() body: RegisterVictimDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const subjectRef = ctx.mint('victim');
    return sendCommand(this.commands, new RunCommand('RegisterVictim', caseId, { ...body, subjectRef }, ctx, subjectRef));
  }

  @CommandRoute('DetermineVictimStatus', 'victims/:subjectRef/status', { summary: 'Determine whether the person is a victim of trafficking' })
  determineVictimStatus(@Param() { caseId, subjectRef }: SubjectParams, @Body() body: DetermineVictimStatusDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('DetermineVictimStatus', caseId, { ...body, subjectRef }, ctx));
  }

  @CommandRoute('AppointGuardian', 'victims/:subjectRef/guardians', {
    summary: 'Appoint a guardian for a child victim',
    location: (r) => `/cases/${r.id}/guardians/${r.resourceId}`,
  })
  appointGuardian(@Param() { caseId, subjectRef }: SubjectParams, @Body() body: AppointGuardianDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const guardianRef = ctx.mint('guardian');
    return sendCommand(this.commands, new RunCommand('AppointGuardian', caseId, { ...body, victimRef: subjectRef, guardianRef }, ctx, guardianRef));
  }

  @CommandRoute('AssessRisk', 'victims/:subjectRef/risk-assessments', { summary: 'Record a risk assessment' })
  assessRisk(@Param() { caseId, subjectRef }: SubjectParams, @Body() body: AssessRiskDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('AssessRisk', caseId, { ...body, subjectRef }, ctx));
  }

  @CommandRoute('RecordConsent', 'consents', { summary: 'Record a consent to share', location: (r) => `/cases/${r.id}/consents/${r.resourceId}` })
  recordConsent(@Param() { caseId }: CaseParams, @Body() body: RecordConsentDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    const consentId = ctx.mint('consent');
    return sendCommand(this.commands, new RunCommand('RecordConsent', caseId, { ...body, consentId }, ctx, consentId));
  }

  @CommandRoute('WithdrawConsent', 'consents/:consentId/withdrawal', { summary: 'Withdraw a consent' })
  withdrawConsent(@Param() { caseId, consentId }: ConsentParams, @Body() body: WithdrawConsentDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand('WithdrawConsent', caseId, { ...body, consentId }, ctx));
  }
}
