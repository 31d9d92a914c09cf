import type { CaseEvent } from '../case.events';
import type { ExistingCaseState, Investigation, Restitution } from '../case.state';
import { assertNever } from '../shared/assert-never';
import { put, unchanged, type Evolvers } from '../shared/evolvers';
import { isAt, STAGE_MOVES } from './investigation-stage';
import type { JUSTICE_EVENTS } from './justice.events';

type InvestigationEvent = Extract<CaseEvent, { type: keyof typeof STAGE_MOVES | 'InvestigationNoticeSent' | 'RestitutionPaid' | 'RestitutionDefaulted' }>;

/** The criminal process moves one stage at a time (STAGE_MOVES); an event that does not fit the stage leaves it as it is. */
const evolveInvestigation = (inv: Investigation, event: InvestigationEvent): Investigation => {
  switch (event.type) {
    case 'InvestigationOpened':
      return {
        stage: STAGE_MOVES.InvestigationOpened.to,
        policeUnitId: event.data.policeUnitId,
        noticeSent: false,
        ruleSet: event.data.ruleSet,
        ...('prosecutorUnitId' in inv && inv.prosecutorUnitId ? { prosecutorUnitId: inv.prosecutorUnitId } : {}),
      };
    case 'InvestigationNoticeSent':
      if (inv.stage === 'investigating') return { ...inv, noticeSent: true, prosecutorUnitId: event.data.prosecutorUnitId };
      return inv.stage === 'none' ? inv : { ...inv, noticeSent: true };
    case 'CaseFileSubmitted':
      if (!isAt(inv, STAGE_MOVES.CaseFileSubmitted.from)) return inv;
      return {
        stage: STAGE_MOVES.CaseFileSubmitted.to,
        policeUnitId: inv.policeUnitId,
        noticeSent: inv.noticeSent,
        caseFileNumber: event.data.caseFileNumber,
        prosecutorUnitId: event.data.prosecutorUnitId,
      };
    case 'CaseFileReturned':
      return isAt(inv, STAGE_MOVES.CaseFileReturned.from) ? { ...inv, stage: STAGE_MOVES.CaseFileReturned.to } : inv;
    case 'CaseFileResubmitted':
      return isAt(inv, STAGE_MOVES.CaseFileResubmitted.from) ? { ...inv, stage: STAGE_MOVES.CaseFileResubmitted.to } : inv;
    case 'CaseFileDeclaredComplete':
      return isAt(inv, STAGE_MOVES.CaseFileDeclaredComplete.from) ? { ...inv, stage: STAGE_MOVES.CaseFileDeclaredComplete.to } : inv;
    case 'SuspectAndEvidenceHandedOver':
      return isAt(inv, STAGE_MOVES.SuspectAndEvidenceHandedOver.from) ? { ...inv, stage: STAGE_MOVES.SuspectAndEvidenceHandedOver.to } : inv;
    case 'IndictmentFiled':
      return isAt(inv, STAGE_MOVES.IndictmentFiled.from) ? { ...inv, stage: STAGE_MOVES.IndictmentFiled.to, courtUnitId: event.data.courtUnitId } : inv;
    case 'VerdictIssued': {
      if (!isAt(inv, STAGE_MOVES.VerdictIssued.from)) return inv;
      const amount = event.data.restitutionAmount;
      const restitution: Restitution = amount === undefined ? { status: 'not_ordered' } : { status: 'due', amount, paid: 0 };
      return { ...inv, stage: STAGE_MOVES.VerdictIssued.to, restitution };
    }
    case 'RestitutionPaid': {
      if (inv.stage !== 'verdict' || inv.restitution.status !== 'due') return inv;
      const { amount, paid } = inv.restitution;
      const restitution: Restitution = event.data.fullyPaid ? { status: 'paid', amount } : { status: 'due', amount, paid: paid + event.data.amount };
      return { ...inv, restitution };
    }
    case 'RestitutionDefaulted':
      if (inv.stage !== 'verdict' || inv.restitution.status !== 'due') return inv;
      return { ...inv, restitution: { status: 'defaulted', amount: inv.restitution.amount, paid: inv.restitution.paid } };
    case 'InvestigationTerminated': {
      if (!isAt(inv, STAGE_MOVES.InvestigationTerminated.from)) return inv;
      const file = 'caseFileNumber' in inv ? inv : undefined;
      return {
        stage: STAGE_MOVES.InvestigationTerminated.to,
        policeUnitId: inv.policeUnitId,
        noticeSent: inv.noticeSent,
        ...(file || ('prosecutorUnitId' in inv && inv.prosecutorUnitId) ? { prosecutorUnitId: inv.prosecutorUnitId as string } : {}),
      };
    }
    default:
      return assertNever(event);
  }
};

const investigation = (s: ExistingCaseState, event: InvestigationEvent): ExistingCaseState => ({ ...s, investigation: evolveInvestigation(s.investigation, event) });

export const justiceEvolvers: Evolvers<keyof typeof JUSTICE_EVENTS> = {
  PoliceReportRegistered: (s, event) => ({ ...s, policeReportNumber: event.data.reportNumber }),
  SuspectIdentified: (s, event) => ({ ...s, subjects: put(s.subjects, event.data.subjectRef, { role: 'SUSPECT', identity: event.data.identity }) }),
  WitnessRegistered: (s, event) => ({ ...s, subjects: put(s.subjects, event.data.subjectRef, { role: 'WITNESS', identity: event.data.identity }) }),
  InvestigationOpened: investigation,
  InvestigationNoticeSent: investigation,
  CaseFileSubmitted: investigation,
  CaseFileReturned: investigation,
  CaseFileResubmitted: investigation,
  CaseFileDeclaredComplete: investigation,
  SuspectAndEvidenceHandedOver: investigation,
  IndictmentFiled: investigation,
  VerdictIssued: investigation,
  RestitutionPaid: investigation,
  RestitutionDefaulted: investigation,
  InvestigationTerminated: investigation,
  HearingHeld: unchanged,
  RestitutionAssessed: unchanged,
};
