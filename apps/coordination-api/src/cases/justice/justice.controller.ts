import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandCtx, type CommandContext } from '../command-context';
import { CommandRoute } from '../command-route';
import type { CommandResultDto } from '../command-result.dto';
import { CaseParams } from '../dto/params';
import { RunCommand, sendCommand, type CommandType } from '../run-command';
import {
  AssessRestitutionDto,
  DeclareCaseFileCompleteDto,
  FileIndictmentDto,
  HandOverSuspectAndEvidenceDto,
  IdentifySuspectDto,
  OpenInvestigationDto,
  RecordHearingDto,
  RecordRestitutionDefaultDto,
  RecordRestitutionPaymentDto,
  RecordVerdictDto,
  RegisterPoliceReportDto,
  RegisterWitnessDto,
  ResubmitCaseFileDto,
  ReturnCaseFileDto,
  SendInvestigationNoticeDto,
  SubmitCaseFileDto,
  TerminateInvestigationDto,
} from './justice.dto';

/** The criminal process beside protection: police, prosecutor, court, LPSK. */
@ApiTags('criminal-justice')
@Controller('cases/:caseId')
export class JusticeController {
  constructor(private readonly commands: CommandBus) {}

  private run(type: CommandType, caseId: string, body: object, ctx: CommandContext, resourceId?: string): Promise<CommandResultDto> {
    return sendCommand(this.commands, new RunCommand(type, caseId, { ...body, ...(resourceId ? { subjectRef: resourceId } : {}) }, ctx, resourceId));
  }

  @CommandRoute('RegisterPoliceReport', 'police-report', { summary: 'Register the police report (laporan polisi)' })
  policeReport(@Param() { caseId }: CaseParams, @Body() body: RegisterPoliceReportDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('RegisterPoliceReport', caseId, body, ctx);
  }

  @CommandRoute('OpenInvestigation', 'investigation', { summary: 'Open the investigation (penyidikan); starts the SPDP clock' })
  openInvestigation(@Param() { caseId }: CaseParams, @Body() body: OpenInvestigationDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('OpenInvestigation', caseId, body, ctx);
  }

  @CommandRoute('SendInvestigationNotice', 'investigation/notice', { summary: 'Send the SPDP to the prosecutor' })
  notice(@Param() { caseId }: CaseParams, @Body() body: SendInvestigationNoticeDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('SendInvestigationNotice', caseId, body, ctx);
  }

  @CommandRoute('IdentifySuspect', 'suspects', { summary: 'Identify a suspect (identity sealed with their own key)', location: (r) => `/cases/${r.id}/suspects/${r.resourceId}` })
  suspect(@Param() { caseId }: CaseParams, @Body() body: IdentifySuspectDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('IdentifySuspect', caseId, body, ctx, ctx.mint('suspect'));
  }

  @CommandRoute('RegisterWitness', 'witnesses', { summary: 'Register a witness (identity sealed with their own key)', location: (r) => `/cases/${r.id}/witnesses/${r.resourceId}` })
  witness(@Param() { caseId }: CaseParams, @Body() body: RegisterWitnessDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('RegisterWitness', caseId, body, ctx, ctx.mint('witness'));
  }

  @CommandRoute('SubmitCaseFile', 'case-file', { summary: 'Submit the case file (berkas perkara) to the prosecutor' })
  submitFile(@Param() { caseId }: CaseParams, @Body() body: SubmitCaseFileDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('SubmitCaseFile', caseId, body, ctx);
  }

  @CommandRoute('ReturnCaseFile', 'case-file/return', { summary: 'P-19: return the case file with instructions' })
  returnFile(@Param() { caseId }: CaseParams, @Body() body: ReturnCaseFileDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('ReturnCaseFile', caseId, body, ctx);
  }

  @CommandRoute('ResubmitCaseFile', 'case-file/resubmission', { summary: 'Resubmit the returned case file' })
  resubmitFile(@Param() { caseId }: CaseParams, @Body() body: ResubmitCaseFileDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('ResubmitCaseFile', caseId, body, ctx);
  }

  @CommandRoute('DeclareCaseFileComplete', 'case-file/completeness', { summary: 'P-21: declare the case file complete' })
  completeFile(@Param() { caseId }: CaseParams, @Body() body: DeclareCaseFileCompleteDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('DeclareCaseFileComplete', caseId, body, ctx);
  }

  @CommandRoute('HandOverSuspectAndEvidence', 'handover', { summary: 'Tahap II: hand over suspect and evidence to the prosecutor' })
  handover(@Param() { caseId }: CaseParams, @Body() body: HandOverSuspectAndEvidenceDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('HandOverSuspectAndEvidence', caseId, body, ctx);
  }

  @CommandRoute('FileIndictment', 'indictment', { summary: 'File the indictment with the court' })
  indictment(@Param() { caseId }: CaseParams, @Body() body: FileIndictmentDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('FileIndictment', caseId, body, ctx);
  }

  @CommandRoute('RecordHearing', 'hearings', { summary: 'Record a court hearing' })
  hearing(@Param() { caseId }: CaseParams, @Body() body: RecordHearingDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('RecordHearing', caseId, body, ctx);
  }

  @CommandRoute('RecordVerdict', 'verdict', { summary: 'Record the verdict; restitution ordered starts its clock' })
  verdict(@Param() { caseId }: CaseParams, @Body() body: RecordVerdictDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('RecordVerdict', caseId, body, ctx);
  }

  @CommandRoute('AssessRestitution', 'restitution/assessments', { summary: "LPSK's assessment of the restitution due" })
  assessRestitution(@Param() { caseId }: CaseParams, @Body() body: AssessRestitutionDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('AssessRestitution', caseId, body, ctx);
  }

  @CommandRoute('RecordRestitutionPayment', 'restitution/payments', { summary: 'Record a restitution payment' })
  restitutionPayment(@Param() { caseId }: CaseParams, @Body() body: RecordRestitutionPaymentDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('RecordRestitutionPayment', caseId, body, ctx);
  }

  @CommandRoute('RecordRestitutionDefault', 'restitution/default', { summary: 'Record that restitution was not paid in time' })
  restitutionDefault(@Param() { caseId }: CaseParams, @Body() body: RecordRestitutionDefaultDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('RecordRestitutionDefault', caseId, body, ctx);
  }

  @CommandRoute('TerminateInvestigation', 'investigation/termination', { summary: 'SP3: terminate the investigation' })
  terminate(@Param() { caseId }: CaseParams, @Body() body: TerminateInvestigationDto, @CommandCtx() ctx: CommandContext): Promise<CommandResultDto> {
    return this.run('TerminateInvestigation', caseId, body, ctx);
  }
}
