import type { EventContext } from '@tppo/eventsourcing';
import type { CaseEvent } from './case.events';
import type { CaseRecord, CaseState, ExistingCaseState, Investigation, Restitution } from './case.state';
import { assertNever } from './shared/assert-never';

const put = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value);
const change = <K, V>(map: ReadonlyMap<K, V>, key: K, patch: (v: V) => V): ReadonlyMap<K, V> => {
  const current = map.get(key);
  return current === undefined ? map : put(map, key, patch(current));
};

type InvestigationEvent = Extract<
  CaseEvent,
  {
    type:
      | 'InvestigationOpened' | 'InvestigationNoticeSent' | 'CaseFileSubmitted' | 'CaseFileReturned' | 'CaseFileResubmitted'
      | 'CaseFileDeclaredComplete' | 'SuspectAndEvidenceHandedOver' | 'IndictmentFiled' | 'VerdictIssued' | 'RestitutionPaid'
      | 'RestitutionDefaulted' | 'InvestigationTerminated';
  }
>;

/** The criminal process moves one stage at a time; an event that does not fit the stage leaves it as it is. */
const evolveInvestigation = (inv: Investigation, event: InvestigationEvent): Investigation => {
  const file = 'caseFileNumber' in inv ? inv : undefined;
  switch (event.type) {
    case 'InvestigationOpened':
      return {
        stage: 'investigating',
        policeUnitId: event.data.policeUnitId,
        noticeSent: false,
        ruleSet: event.data.ruleSet,
        ...('prosecutorUnitId' in inv && inv.prosecutorUnitId ? { prosecutorUnitId: inv.prosecutorUnitId } : {}),
      };
    case 'InvestigationNoticeSent':
      if (inv.stage === 'investigating') return { ...inv, noticeSent: true, prosecutorUnitId: event.data.prosecutorUnitId };
      return inv.stage === 'none' ? inv : { ...inv, noticeSent: true };
    case 'CaseFileSubmitted':
      if (inv.stage !== 'investigating') return inv;
      return {
        stage: 'file_under_review',
        policeUnitId: inv.policeUnitId,
        noticeSent: inv.noticeSent,
        caseFileNumber: event.data.caseFileNumber,
        prosecutorUnitId: event.data.prosecutorUnitId,
      };
    case 'CaseFileReturned':
      return inv.stage === 'file_under_review' ? { ...inv, stage: 'file_returned' } : inv;
    case 'CaseFileResubmitted':
      return inv.stage === 'file_returned' ? { ...inv, stage: 'file_under_review' } : inv;
    case 'CaseFileDeclaredComplete':
      return inv.stage === 'file_under_review' ? { ...inv, stage: 'file_complete' } : inv;
    case 'SuspectAndEvidenceHandedOver':
      return inv.stage === 'file_complete' ? { ...inv, stage: 'handed_over' } : inv;
    case 'IndictmentFiled':
      return inv.stage === 'handed_over' ? { ...inv, stage: 'indicted', courtUnitId: event.data.courtUnitId } : inv;
    case 'VerdictIssued': {
      if (inv.stage !== 'indicted') return inv;
      const amount = event.data.restitutionAmount;
      const restitution: Restitution = amount === undefined ? { status: 'not_ordered' } : { status: 'due', amount, paid: 0 };
      return { ...inv, stage: 'verdict', restitution };
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
    case 'InvestigationTerminated':
      if (inv.stage === 'none') return inv;
      return {
        stage: 'terminated',
        policeUnitId: inv.policeUnitId,
        noticeSent: inv.noticeSent,
        ...(file || ('prosecutorUnitId' in inv && inv.prosecutorUnitId) ? { prosecutorUnitId: inv.prosecutorUnitId as string } : {}),
      };
    default:
      return assertNever(event);
  }
};

const opened = (event: Extract<CaseEvent, { type: 'CaseOpened' }>): ExistingCaseState => ({
  status: 'open',
  caseId: event.data.caseId,
  openedAt: event.data.openedAt,
  openedByUnitId: event.data.openedByUnitId,
  leadUnitId: event.data.leadUnitId,
  leadAgencyType: event.data.leadAgencyType,
  victims: new Map(),
  subjects: new Map(),
  consents: new Map(),
  referrals: new Map(),
  handoffs: new Map(),
  services: new Map(),
  placements: new Map(),
  lpskRequests: new Map(),
  investigation: { stage: 'none' },
  events: new Map(),
  handledCommands: new Set(),
});

/** Folds one event into the case; pure, copy-on-write (a state is never changed after it was returned). */
const apply = (s: ExistingCaseState, event: CaseEvent): ExistingCaseState => {
  switch (event.type) {
    case 'CaseOpened':
      return s;
    case 'VictimRegistered': {
      const { subjectRef, identity, isChild } = event.data;
      return {
        ...s,
        victims: put(s.victims, subjectRef, { subjectRef, identity, isChild, guardianRefs: [] }),
        subjects: put(s.subjects, subjectRef, { role: 'VICTIM', identity }),
      };
    }
    case 'GuardianAppointed': {
      const { victimRef, guardianRef, identity } = event.data;
      return {
        ...s,
        victims: change(s.victims, victimRef, (v) => ({ ...v, guardianRefs: [...v.guardianRefs, guardianRef] })),
        subjects: put(s.subjects, guardianRef, { role: 'GUARDIAN', identity }),
      };
    }
    case 'ConsentRecorded': {
      const d = event.data;
      return {
        ...s,
        consents: put(s.consents, d.consentId, {
          consentId: d.consentId,
          subjectRef: d.subjectRef,
          recipientAgencyTypes: d.recipientAgencyTypes,
          recipientUnitIds: d.recipientUnitIds,
          purposes: d.purposes,
          ...(d.expiresAt !== undefined ? { expiresAt: d.expiresAt } : {}),
          withdrawn: false,
        }),
      };
    }
    case 'ConsentWithdrawn':
      return { ...s, consents: change(s.consents, event.data.consentId, (k) => ({ ...k, withdrawn: true })) };
    case 'ReferralSent': {
      const d = event.data;
      return {
        ...s,
        referrals: put(s.referrals, d.referralId, {
          referralId: d.referralId,
          fromUnitId: d.fromUnitId,
          toUnitId: d.toUnitId,
          toAgencyType: d.toAgencyType,
          purpose: d.purpose,
          status: 'pending',
        }),
      };
    }
    case 'ReferralAccepted':
      return { ...s, referrals: change(s.referrals, event.data.referralId, (r) => ({ ...r, status: 'accepted' })) };
    case 'ReferralDeclined':
      return { ...s, referrals: change(s.referrals, event.data.referralId, (r) => ({ ...r, status: 'declined' })) };
    case 'ReferralCompleted':
      return { ...s, referrals: change(s.referrals, event.data.referralId, (r) => ({ ...r, status: 'completed' })) };
    case 'ReferralWithdrawn':
      return { ...s, referrals: change(s.referrals, event.data.referralId, (r) => ({ ...r, status: 'withdrawn' })) };
    case 'LeadHandoffProposed': {
      const d = event.data;
      return {
        ...s,
        handoffs: put(s.handoffs, d.handoffId, { handoffId: d.handoffId, fromUnitId: d.fromUnitId, toUnitId: d.toUnitId, toAgencyType: d.toAgencyType, status: 'pending' }),
      };
    }
    case 'LeadHandoffAccepted':
      return {
        ...s,
        leadUnitId: event.data.toUnitId,
        leadAgencyType: event.data.toAgencyType,
        handoffs: change(s.handoffs, event.data.handoffId, (h) => ({ ...h, status: 'accepted' })),
      };
    case 'LeadHandoffDeclined':
      return { ...s, handoffs: change(s.handoffs, event.data.handoffId, (h) => ({ ...h, status: 'declined' })) };
    case 'ServiceRequested': {
      const d = event.data;
      return {
        ...s,
        services: put(s.services, d.serviceRequestId, {
          serviceRequestId: d.serviceRequestId,
          subjectRef: d.subjectRef,
          kind: d.kind,
          fromUnitId: d.fromUnitId,
          providerUnitId: d.providerUnitId,
          status: 'requested',
        }),
      };
    }
    case 'ServiceDelivered':
      return { ...s, services: change(s.services, event.data.serviceRequestId, (r) => ({ ...r, status: 'delivered' })) };
    case 'ShelterPlacementStarted': {
      const d = event.data;
      return {
        ...s,
        placements: put(s.placements, d.placementId, { placementId: d.placementId, subjectRef: d.subjectRef, shelterUnitId: d.shelterUnitId, active: true }),
        victims: change(s.victims, d.subjectRef, (v) => ({ ...v, activePlacementId: d.placementId })),
      };
    }
    case 'ShelterPlacementEnded': {
      const d = event.data;
      return {
        ...s,
        placements: change(s.placements, d.placementId, (p) => ({ ...p, active: false })),
        victims: change(s.victims, d.subjectRef, ({ activePlacementId: _ended, ...v }) => v),
      };
    }
    case 'LpskProtectionRequested': {
      const d = event.data;
      return {
        ...s,
        lpskRequests: put(s.lpskRequests, d.requestId, {
          requestId: d.requestId,
          subjectRef: d.subjectRef,
          fromUnitId: d.fromUnitId,
          lpskUnitId: d.lpskUnitId,
          status: 'pending',
        }),
      };
    }
    case 'LpskProtectionDecided':
      return {
        ...s,
        lpskRequests: change(s.lpskRequests, event.data.requestId, (r) => ({ ...r, status: event.data.decision === 'GRANTED' ? 'granted' : 'refused' })),
      };
    case 'PoliceReportRegistered':
      return { ...s, policeReportNumber: event.data.reportNumber };
    case 'SuspectIdentified':
      return { ...s, subjects: put(s.subjects, event.data.subjectRef, { role: 'SUSPECT', identity: event.data.identity }) };
    case 'WitnessRegistered':
      return { ...s, subjects: put(s.subjects, event.data.subjectRef, { role: 'WITNESS', identity: event.data.identity }) };
    case 'InvestigationOpened':
    case 'InvestigationNoticeSent':
    case 'CaseFileSubmitted':
    case 'CaseFileReturned':
    case 'CaseFileResubmitted':
    case 'CaseFileDeclaredComplete':
    case 'SuspectAndEvidenceHandedOver':
    case 'IndictmentFiled':
    case 'VerdictIssued':
    case 'RestitutionPaid':
    case 'RestitutionDefaulted':
    case 'InvestigationTerminated':
      return { ...s, investigation: evolveInvestigation(s.investigation, event) };
    case 'CaseClosed':
      return { ...s, status: 'closed', closedAt: event.data.closedAt };
    case 'CaseReopened': {
      const { closedAt: _closedAt, ...record } = s as Extract<ExistingCaseState, { status: 'closed' }>;
      return { ...record, status: 'open' };
    }
    case 'VictimRegisteredCorrected': {
      const ref = s.events.get(event.data.correctsEventId)?.subjectRef;
      const { identity, isChild } = event.data.corrected;
      if (ref === undefined) return s;
      return {
        ...s,
        victims: change(s.victims, ref, (v) => ({ ...v, ...(identity !== undefined ? { identity } : {}), ...(isChild !== undefined ? { isChild } : {}) })),
        subjects: identity !== undefined ? change(s.subjects, ref, (x) => ({ ...x, identity })) : s.subjects,
      };
    }
    // Facts with no bearing on the rules: kept in the stream for the read models and the audit.
    case 'VictimStatusDetermined':
    case 'RiskAssessed':
    case 'ConsentOverrideRecorded':
    case 'PhysicalCustodyTransferred':
    case 'RepatriationCompleted':
    case 'ReintegrationCompleted':
    case 'HearingHeld':
    case 'RestitutionAssessed':
    case 'CaseOpenedCorrected':
    case 'RiskAssessedCorrected':
    case 'PoliceReportRegisteredCorrected':
    case 'HearingHeldCorrected':
    case 'RestitutionAssessedCorrected':
      return s;
    default:
      return assertNever(event);
  }
};

export const evolveCase = (state: CaseState, event: CaseEvent, context: EventContext): CaseState => {
  if (state.status === 'none') {
    if (event.type !== 'CaseOpened') throw new Error(`A case stream must begin with CaseOpened, not ${event.type} (event ${context.eventId})`);
    return remember(opened(event), event, context);
  }
  return remember(apply(state, event), event, context);
};

/** Who recorded which event (for corrections) and which commands are done (for retries). */
const remember = (s: ExistingCaseState, event: CaseEvent, context: EventContext): ExistingCaseState => {
  const subjectRef = 'subjectRef' in event.data ? event.data.subjectRef : undefined;
  const record: Pick<CaseRecord, 'events' | 'handledCommands'> = {
    events: put(s.events, context.eventId, { type: event.type, unitId: context.actor.unitId, ...(subjectRef !== undefined ? { subjectRef } : {}) }),
    handledCommands: context.commandId === null ? s.handledCommands : new Set(s.handledCommands).add(context.commandId),
  };
  return { ...s, ...record };
};
