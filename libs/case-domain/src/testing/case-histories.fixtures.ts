import { eventIdFor } from '@tppo/eventsourcing';
import type { CaseCommand, CaseCommandType } from '../case.commands';
import type { Step } from './given-when-then';
import * as c from './case-commands.fixtures';
import { RETENTION_ACTOR } from '../shared/system-actors';
import { dinsosNunukan, kejariNunukan, lpsk, pnNunukan, policeNunukan, rsudNunukan, uptdNunukan } from './units';

/** Histories of the sample case at each stage; the UPTD PPA opened it and leads it throughout. */
export const opened: Step[] = [c.openCase(uptdNunukan)];
export const withVictim: Step[] = [...opened, c.registerVictim(uptdNunukan)];
export const withConsent: Step[] = [...withVictim, c.recordConsent(uptdNunukan)];
export const referred: Step[] = [...withConsent, c.sendReferral({ by: uptdNunukan, to: policeNunukan })];
export const accepted: Step[] = [...referred, c.acceptReferral(policeNunukan)];
/** The police take part through an accepted referral. */
export const withPolice = accepted;
export const investigating: Step[] = [...withPolice, c.openInvestigation(policeNunukan)];
export const underReview: Step[] = [...investigating, c.submitCaseFile(policeNunukan)];
export const returned: Step[] = [...underReview, c.returnCaseFile(kejariNunukan)];
export const fileComplete: Step[] = [...underReview, c.declareCaseFileComplete(kejariNunukan)];
export const handedOver: Step[] = [...fileComplete, c.handOverSuspectAndEvidence(policeNunukan)];
export const indicted: Step[] = [...handedOver, c.fileIndictment(kejariNunukan)];
export const withVerdict: Step[] = [...indicted, c.recordVerdict(pnNunukan)];
export const withChild: Step[] = [...opened, c.registerVictim(uptdNunukan, { birthDate: '2010-05-01' })];
export const withChildGuardian: Step[] = [...withChild, c.appointGuardian(uptdNunukan)];
export const handoffProposed: Step[] = [...withConsent, c.proposeLeadHandoff({ by: uptdNunukan, to: dinsosNunukan })];
export const serviceRequested: Step[] = [...withConsent, c.requestService({ by: uptdNunukan, provider: rsudNunukan })];
export const placed: Step[] = [...withVictim, c.startShelterPlacement(uptdNunukan)];
export const lpskRequested: Step[] = [...withConsent, c.requestLpskProtection(uptdNunukan)];
export const closed: Step[] = [...withVictim, c.closeCase(uptdNunukan)];
/** The police ask to erase the victim's data; the lead unit (the UPTD) or the ministry decides. */
export const erasureRequested: Step[] = [...withPolice, c.requestSubjectErasure(policeNunukan)];
export const held: Step[] = [...withPolice, c.placeLegalHold(policeNunukan)];

/** The id handleCommand gives the first event of a history step that is a command. */
export const eventIdOf = (step: Step | undefined, index = 0): string => eventIdFor((step as CaseCommand).metadata.commandId, index);
export const victimRegisteredEventId = eventIdOf(withVictim[1]);

/** The retention period of the sample case (closed at NOW) ends ten years on. */
export const TEN_YEARS_ON = '2036-02-10T01:00:00.000Z';

export interface Scenario {
  readonly given: readonly Step[];
  readonly when: CaseCommand;
}

/** One successful use of every case command: the table the generic lifecycle tests run over. */
export const SUCCESS_SCENARIOS: { readonly [T in CaseCommandType]: Scenario } = {
  OpenCase: { given: [], when: c.openCase(uptdNunukan) },
  RegisterVictim: { given: opened, when: c.registerVictim(uptdNunukan) },
  DetermineVictimStatus: { given: withVictim, when: c.determineVictimStatus(uptdNunukan) },
  AppointGuardian: { given: withChild, when: c.appointGuardian(uptdNunukan) },
  RecordConsent: { given: withVictim, when: c.recordConsent(uptdNunukan) },
  WithdrawConsent: { given: withConsent, when: c.withdrawConsent(uptdNunukan) },
  AssessRisk: { given: withVictim, when: c.assessRisk(uptdNunukan) },
  SendReferral: { given: withConsent, when: c.sendReferral({ by: uptdNunukan, to: policeNunukan }) },
  AcceptReferral: { given: referred, when: c.acceptReferral(policeNunukan) },
  DeclineReferral: { given: referred, when: c.declineReferral(policeNunukan) },
  CompleteReferral: { given: accepted, when: c.completeReferral(policeNunukan) },
  WithdrawReferral: { given: referred, when: c.withdrawReferral(uptdNunukan) },
  ProposeLeadHandoff: { given: withConsent, when: c.proposeLeadHandoff({ by: uptdNunukan, to: dinsosNunukan }) },
  AcceptLeadHandoff: { given: handoffProposed, when: c.acceptLeadHandoff(dinsosNunukan) },
  DeclineLeadHandoff: { given: handoffProposed, when: c.declineLeadHandoff(dinsosNunukan) },
  RecordCustodyTransfer: { given: handoffProposed, when: c.recordCustodyTransfer(dinsosNunukan) },
  RequestService: { given: withConsent, when: c.requestService({ by: uptdNunukan, provider: rsudNunukan }) },
  RecordServiceDelivered: { given: serviceRequested, when: c.recordServiceDelivered(rsudNunukan) },
  StartShelterPlacement: { given: withVictim, when: c.startShelterPlacement(uptdNunukan) },
  EndShelterPlacement: { given: placed, when: c.endShelterPlacement(uptdNunukan) },
  RecordRepatriation: { given: withVictim, when: c.command('RecordRepatriation', uptdNunukan) },
  RecordReintegration: { given: withVictim, when: c.command('RecordReintegration', uptdNunukan) },
  RequestLpskProtection: { given: withConsent, when: c.requestLpskProtection(uptdNunukan) },
  DecideLpskProtection: { given: lpskRequested, when: c.decideLpskProtection(lpsk) },
  RegisterPoliceReport: { given: withPolice, when: c.registerPoliceReport(policeNunukan) },
  OpenInvestigation: { given: withPolice, when: c.openInvestigation(policeNunukan) },
  SendInvestigationNotice: { given: investigating, when: c.sendInvestigationNotice(policeNunukan) },
  IdentifySuspect: { given: investigating, when: c.identifySuspect(policeNunukan) },
  RegisterWitness: { given: withPolice, when: c.registerWitness(policeNunukan) },
  SubmitCaseFile: { given: investigating, when: c.submitCaseFile(policeNunukan) },
  ReturnCaseFile: { given: underReview, when: c.returnCaseFile(kejariNunukan) },
  ResubmitCaseFile: { given: returned, when: c.resubmitCaseFile(policeNunukan) },
  DeclareCaseFileComplete: { given: underReview, when: c.declareCaseFileComplete(kejariNunukan) },
  HandOverSuspectAndEvidence: { given: fileComplete, when: c.handOverSuspectAndEvidence(policeNunukan) },
  FileIndictment: { given: handedOver, when: c.fileIndictment(kejariNunukan) },
  RecordHearing: { given: indicted, when: c.recordHearing(kejariNunukan) },
  RecordVerdict: { given: indicted, when: c.recordVerdict(pnNunukan) },
  AssessRestitution: { given: lpskRequested, when: c.assessRestitution(lpsk) },
  RecordRestitutionPayment: { given: withVerdict, when: c.recordRestitutionPayment(kejariNunukan) },
  RecordRestitutionDefault: { given: withVerdict, when: c.recordRestitutionDefault(kejariNunukan) },
  TerminateInvestigation: { given: investigating, when: c.terminateInvestigation(policeNunukan) },
  CloseCase: { given: withVictim, when: c.closeCase(uptdNunukan) },
  ReopenCase: { given: closed, when: c.reopenCase(uptdNunukan) },
  CorrectEvent: { given: withVictim, when: c.correctEvent(uptdNunukan, { eventId: victimRegisteredEventId, corrected: { ageBand: '25-34' } }) },
  RequestSubjectErasure: { given: withPolice, when: c.requestSubjectErasure(policeNunukan) },
  ApproveSubjectErasure: { given: erasureRequested, when: c.approveSubjectErasure(uptdNunukan) },
  RefuseSubjectErasure: { given: erasureRequested, when: c.refuseSubjectErasure(uptdNunukan) },
  PlaceLegalHold: { given: withPolice, when: c.placeLegalHold(policeNunukan) },
  ReleaseLegalHold: { given: held, when: c.releaseLegalHold(policeNunukan) },
  EraseSubjectForRetention: { given: closed, when: c.eraseSubjectForRetention(RETENTION_ACTOR, {}, { now: TEN_YEARS_ON }) },
};
