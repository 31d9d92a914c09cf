import { caseEvent } from '../case.events';
import { given } from '../testing/given-when-then';
import { sealed } from '../testing/sealed';
import * as c from '../testing/case-commands.fixtures';
import { CASE_ID, NOW } from '../testing/case-commands.fixtures';
import {
  fileComplete, handedOver, indicted, investigating, lpskRequested, returned, underReview, withConsent, withPolice, withVerdict,
} from '../testing/case-histories.fixtures';
import { kejariNunukan, lpsk, pnNunukan, policeNunukan, unit, uptdNunukan } from '../testing/units';

const kejatiKaltara = unit('kejati-kaltara', 'PROSECUTOR');
/** Another prosecutor unit that takes part (through a referral) but does not hold the file. */
const withKejati = [c.sendReferral({ by: uptdNunukan, to: kejatiKaltara, purpose: 'PROSECUTION', referralId: 'ref-kejati' })];

describe('criminal justice', () => {
  describe('RegisterPoliceReport', () => {
    it('records the LP', () =>
      given(...withPolice)
        .when(c.registerPoliceReport(policeNunukan))
        .then([
          caseEvent('PoliceReportRegistered', {
            caseId: CASE_ID,
            reportNumber: 'LP/B/12/II/2026/SPKT/POLRES NUNUKAN',
            reportKind: 'MODEL_B',
            reportedOn: '2026-02-09',
            policeUnitId: 'polres-nunukan',
            registeredAt: NOW,
          }),
        ]));
    it('registers the same report once', () =>
      given(...withPolice, c.registerPoliceReport(policeNunukan)).when(c.registerPoliceReport(policeNunukan)).thenNothing());
    it('one report per case', () =>
      given(...withPolice, c.registerPoliceReport(policeNunukan))
        .when(c.registerPoliceReport(policeNunukan, { reportNumber: 'LP/A/3/II/2026' }))
        .thenThrows('POLICE_REPORT_ALREADY_REGISTERED'));
  });

  describe('OpenInvestigation', () => {
    it('starts the SPDP clock under Law 20/2025 after 2 January 2026', () =>
      given(...withPolice)
        .when(c.openInvestigation(policeNunukan))
        .then([
          caseEvent('InvestigationOpened', {
            caseId: CASE_ID,
            policeUnitId: 'polres-nunukan',
            warrantNumber: 'Sprin.Sidik/15/II/2026/Reskrim',
            openedAt: NOW,
            noticeDueBy: '2026-02-17T01:00:00.000Z',
            ruleSet: 'KUHAP_2025',
            noticeRule: 'Law 20/2025 (KUHAP 2025): notice of investigation to the prosecutor',
          }),
        ]));
    it('under the 1981 KUHAP when it opened in 2025', () =>
      given(...withPolice)
        .when(c.openInvestigation(policeNunukan, {}, { now: '2025-12-30T02:00:00.000Z' }))
        .then([expect.objectContaining({ data: expect.objectContaining({ ruleSet: 'KUHAP_1981', noticeDueBy: '2026-01-06T02:00:00.000Z' }) })]));
    it('one investigation at a time', () => given(...investigating).when(c.openInvestigation(policeNunukan)).thenThrows('INVESTIGATION_ALREADY_OPEN'));
    it('a new investigation may follow an SP3', () =>
      given(...investigating, c.terminateInvestigation(policeNunukan)).when(c.openInvestigation(policeNunukan)).thenEmits(['InvestigationOpened']));
  });

  describe('SendInvestigationNotice (SPDP)', () => {
    it('needs an open investigation', () => given(...withPolice).when(c.sendInvestigationNotice(policeNunukan)).thenThrows('INVESTIGATION_NOT_OPEN'));
    it('is sent once', () =>
      given(...investigating, c.sendInvestigationNotice(policeNunukan))
        .when(c.sendInvestigationNotice(policeNunukan, { noticeNumber: 'SPDP/16' }))
        .thenThrows('INVESTIGATION_NOTICE_ALREADY_SENT'));
    it('goes to a prosecutor', () =>
      given(...investigating)
        .when(c.sendInvestigationNotice(policeNunukan, { prosecutorUnitId: 'pn-nunukan', prosecutorAgencyType: 'COURT' }))
        .thenThrows('WRONG_RECIPIENT_TYPE'));
    it('makes the prosecutor a participant', () =>
      given(...investigating, c.sendInvestigationNotice(policeNunukan)).when(c.registerWitness(kejariNunukan)).thenEmits(['WitnessRegistered']));
  });

  describe('suspects and witnesses', () => {
    it('a suspect is identified during an investigation, sealed', () =>
      given(...investigating)
        .when(c.identifySuspect(policeNunukan))
        .then([caseEvent('SuspectIdentified', { caseId: CASE_ID, subjectRef: 'suspect-1', identity: sealed('Budi Santoso'), role: 'RECRUITER', identifiedAt: NOW })]));
    it('not without an investigation', () => given(...withPolice).when(c.identifySuspect(policeNunukan)).thenThrows('INVESTIGATION_NOT_OPEN'));
    it('not after P-21', () => given(...fileComplete).when(c.identifySuspect(policeNunukan)).thenThrows('CASE_FILE_ALREADY_COMPLETE'));
    it('a victim’s ref cannot name a suspect', () =>
      given(...investigating).when(c.identifySuspect(policeNunukan, { subjectRef: 'victim-1' })).thenThrows('ID_REUSED'));
    it('the same suspect once', () => given(...investigating, c.identifySuspect(policeNunukan)).when(c.identifySuspect(policeNunukan)).thenNothing());
    it('a witness ref names one person', () =>
      given(...withPolice, c.registerWitness(policeNunukan)).when(c.registerWitness(policeNunukan, { identity: sealed('Other') })).thenThrows('ID_REUSED'));
  });

  describe('the case file', () => {
    it('is submitted with a 14-day review clock; the prosecutor takes part', () =>
      given(...investigating)
        .when(c.submitCaseFile(policeNunukan))
        .then([
          caseEvent('CaseFileSubmitted', {
            caseId: CASE_ID,
            caseFileNumber: 'BP/15/III/2026/Reskrim',
            policeUnitId: 'polres-nunukan',
            prosecutorUnitId: 'kejari-nunukan',
            submittedAt: NOW,
            reviewDueBy: '2026-02-24T01:00:00.000Z',
            ruleSet: 'KUHAP_2025',
            reviewRule: 'Law 20/2025 (KUHAP 2025): prosecutor review of the case file',
          }),
        ]));
    it('needs an open investigation', () => given(...withPolice).when(c.submitCaseFile(policeNunukan)).thenThrows('INVESTIGATION_NOT_OPEN'));
    it('is submitted once', () => given(...underReview).when(c.submitCaseFile(policeNunukan)).thenThrows('CASE_FILE_ALREADY_SUBMITTED'));
    it('goes to a prosecutor', () =>
      given(...investigating).when(c.submitCaseFile(policeNunukan, { prosecutorAgencyType: 'COURT' })).thenThrows('WRONG_RECIPIENT_TYPE'));

    it('P-19 returns it with instructions and a resubmission clock', () =>
      given(...underReview)
        .when(c.returnCaseFile(kejariNunukan))
        .then([
          expect.objectContaining({
            type: 'CaseFileReturned',
            data: expect.objectContaining({ instructions: expect.stringContaining('visum'), resubmitDueBy: '2026-02-24T01:00:00.000Z' }),
          }),
        ]));
    it('P-19 only for a file under review', () => given(...returned).when(c.returnCaseFile(kejariNunukan)).thenThrows('CASE_FILE_NOT_UNDER_REVIEW'));
    it('P-19 only by the prosecutor holding the file', () =>
      given(...underReview, ...withKejati).when(c.returnCaseFile(kejatiKaltara)).thenThrows('NOT_FILE_HOLDER'));
    it('resubmission restarts the review clock', () =>
      given(...returned).when(c.resubmitCaseFile(policeNunukan)).thenEmits(['CaseFileResubmitted']));
    it('resubmission only after a P-19', () => given(...underReview).when(c.resubmitCaseFile(policeNunukan)).thenThrows('CASE_FILE_NOT_RETURNED'));

    it('P-21 declares a file under review complete', () =>
      given(...underReview)
        .when(c.declareCaseFileComplete(kejariNunukan))
        .then([caseEvent('CaseFileDeclaredComplete', { caseId: CASE_ID, caseFileNumber: 'BP/15/III/2026/Reskrim', prosecutorUnitId: 'kejari-nunukan', declaredAt: NOW })]));
    it('P-21 only for a file under review', () =>
      given(...returned).when(c.declareCaseFileComplete(kejariNunukan)).thenThrows('CASE_FILE_NOT_UNDER_REVIEW'));
    it('P-21 after resubmission', () =>
      given(...returned, c.resubmitCaseFile(policeNunukan)).when(c.declareCaseFileComplete(kejariNunukan)).thenEmits(['CaseFileDeclaredComplete']));
    it('P-21 only by the file holder', () =>
      given(...underReview, ...withKejati).when(c.declareCaseFileComplete(kejatiKaltara)).thenThrows('NOT_FILE_HOLDER'));
  });

  describe('prosecution and trial', () => {
    it('tahap II only after P-21', () => given(...underReview).when(c.handOverSuspectAndEvidence(policeNunukan)).thenThrows('CASE_FILE_NOT_COMPLETE'));
    it('indictment only after tahap II', () => given(...fileComplete).when(c.fileIndictment(kejariNunukan)).thenThrows('SUSPECT_NOT_HANDED_OVER'));
    it('indictment only by the file holder', () =>
      given(...handedOver, ...withKejati).when(c.fileIndictment(kejatiKaltara)).thenThrows('NOT_FILE_HOLDER'));
    it('indictment goes to a court', () =>
      given(...handedOver).when(c.fileIndictment(kejariNunukan, { courtAgencyType: 'PROSECUTOR' })).thenThrows('WRONG_RECIPIENT_TYPE'));
    it('restitution claimed names its amount', () =>
      given(...handedOver).when(c.fileIndictment(kejariNunukan, { restitutionAmount: undefined })).thenThrows('MALFORMED_COMMAND'));
    it('the court takes part once indicted', () => given(...indicted).when(c.recordHearing(pnNunukan)).thenEmits(['HearingHeld']));
    it('hearings need an indictment', () => given(...handedOver).when(c.recordHearing(kejariNunukan)).thenThrows('INDICTMENT_NOT_FILED'));

    it('a verdict ordering restitution starts the 14-day clock from its notice', () =>
      given(...indicted)
        .when(c.recordVerdict(pnNunukan))
        .then([
          caseEvent('VerdictIssued', {
            caseId: CASE_ID,
            outcome: 'CONVICTED',
            sentenceMonths: 48,
            restitutionOrdered: true,
            restitutionAmount: 45_000_000,
            notifiedAt: '2026-06-01T03:00:00.000Z',
            restitutionDueBy: '2026-06-15T03:00:00.000Z',
            restitutionRule: 'Law 21/2007 art. 50(1): restitution within 14 days of notice of the verdict',
            recordedAt: NOW,
          }),
        ]));
    it('an acquittal carries no restitution', () =>
      given(...indicted).when(c.recordVerdict(pnNunukan, { outcome: 'ACQUITTED' })).thenThrows('MALFORMED_COMMAND'));
    it('a verdict needs an indictment', () => given(...handedOver).when(c.recordVerdict(kejariNunukan)).thenThrows('INDICTMENT_NOT_FILED'));
    it('one verdict', () => given(...withVerdict).when(c.recordVerdict(pnNunukan)).thenThrows('INDICTMENT_NOT_FILED'));
  });

  describe('restitution', () => {
    it('LPSK assesses it for a registered victim', () =>
      given(...lpskRequested).when(c.assessRestitution(lpsk, { subjectRef: 'victim-9' })).thenThrows('VICTIM_NOT_REGISTERED'));
    it('payments only when ordered', () =>
      given(...indicted, c.recordVerdict(pnNunukan, { restitutionAmount: undefined }))
        .when(c.recordRestitutionPayment(kejariNunukan))
        .thenThrows('RESTITUTION_NOT_DUE'));
    it('a partial payment leaves it due; the rest settles it', () => {
      const part = c.recordRestitutionPayment(kejariNunukan, { amount: 20_000_000 });
      given(...withVerdict)
        .when(part)
        .then([expect.objectContaining({ data: expect.objectContaining({ fullyPaid: false }) })]);
      given(...withVerdict, part)
        .when(c.recordRestitutionPayment(kejariNunukan, { amount: 25_000_000 }))
        .then([expect.objectContaining({ data: expect.objectContaining({ fullyPaid: true }) })]);
      given(...withVerdict, part, c.recordRestitutionPayment(kejariNunukan, { amount: 25_000_000 }))
        .when(c.recordRestitutionDefault(kejariNunukan))
        .thenThrows('RESTITUTION_NOT_DUE');
    });
    it('no payment after a default', () =>
      given(...withVerdict, c.recordRestitutionDefault(kejariNunukan)).when(c.recordRestitutionPayment(kejariNunukan)).thenThrows('RESTITUTION_NOT_DUE'));
  });

  describe('TerminateInvestigation (SP3)', () => {
    it('is a police power', () => given(...withConsent).when(c.terminateInvestigation(uptdNunukan)).thenThrows('AGENCY_NOT_PERMITTED'));
    it('not without an investigation', () => given(...withPolice).when(c.terminateInvestigation(policeNunukan)).thenThrows('INVESTIGATION_NOT_OPEN'));
    it('not after P-21', () => given(...fileComplete).when(c.terminateInvestigation(policeNunukan)).thenThrows('CASE_FILE_ALREADY_COMPLETE'));
    it('while the file is with the prosecutor', () => given(...underReview).when(c.terminateInvestigation(policeNunukan)).thenEmits(['InvestigationTerminated']));
  });
});
