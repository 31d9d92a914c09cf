import { addUnit, investigationStageAfter, STAGE_MOVES, unitsTakingPart, type InvestigationStage } from '@tppo/case-domain';
import { patched } from '../patched';
import type { ProjectedEvent } from '../projection';

/**
 * What each agency's worklist needs from a case, folded
 * straight from the events: the domain's state keeps only what its rules need, while a worklist
 * needs the dates, due dates and rule texts the events carry. Who may read which part is decided
 * by the API's disclosure policy, never here. No identity is ever copied: subjects are refs.
 * The case-file projection skips redelivered events before they get here (by revision).
 */

/** One round of a statutory clock as the events fixed it. */
export interface ClockMark {
  readonly startedAt: string;
  readonly dueAt: string;
  readonly rule: string;
  readonly stoppedAt?: string;
}

export interface InvestigationSection {
  readonly policeUnitId: string;
  readonly stage: Exclude<InvestigationStage, 'none'>;
  readonly warrantNumber: string;
  readonly openedAt: string;
  /** SPDP: notice of the investigation to the prosecutor. */
  readonly spdp: ClockMark;
  readonly prosecutorUnitId?: string;
  readonly suspects: number;
  readonly terminatedAt?: string;
}

export interface CaseFileSection {
  readonly caseFileNumber: string;
  readonly policeUnitId: string;
  readonly prosecutorUnitId: string;
  readonly receivedAt: string;
  /** The prosecutor's current (or last) review round. */
  readonly review: ClockMark;
  /** The police's current (or last) resubmission round after a P-19. */
  readonly resubmission?: ClockMark;
  readonly returns: number;
  readonly completeAt?: string;
  readonly handedOverAt?: string;
  readonly indictment?: {
    readonly indictmentNumber: string;
    readonly courtUnitId: string;
    readonly filedAt: string;
    readonly restitutionClaimed: boolean;
    readonly restitutionAmount?: number;
  };
  readonly verdict?: {
    readonly outcome: string;
    readonly notifiedAt: string;
    readonly restitutionOrdered: boolean;
    readonly restitutionAmount?: number;
    readonly restitution?: ClockMark & { readonly paid: number; readonly defaulted: boolean };
  };
}

export interface VictimEntry {
  readonly subjectRef: string;
  readonly isChild: boolean;
  readonly ageBand: string;
  readonly sex: string;
  readonly nationality: string;
  /** The region the victim comes from, where recorded: a task force answers for its region's people. */
  readonly originRegionCode?: string;
  readonly status?: string;
  readonly riskLevel?: string;
  readonly repatriatedOn?: string;
  readonly reintegratedOn?: string;
  /** Their data was erased (SubjectErased): their identity can no longer be read, and no unit acts for them any more. */
  readonly erased?: true;
}

export interface WitnessEntry {
  readonly subjectRef: string;
  readonly role: 'VICTIM' | 'WITNESS';
  readonly isChild: boolean;
  readonly registeredAt: string;
}

export interface ConsentEntry {
  readonly consentId: string;
  readonly subjectRef: string;
  readonly recipientAgencyTypes: readonly string[];
  readonly recipientUnitIds: readonly string[];
  readonly purposes: readonly string[];
  readonly dataCategories: readonly string[];
  readonly recordedAt: string;
  readonly expiresAt?: string;
  readonly withdrawnAt?: string;
}

export interface ServiceEntry {
  readonly serviceRequestId: string;
  readonly subjectRef: string;
  readonly kind: string;
  readonly fromUnitId: string;
  readonly providerUnitId: string;
  readonly clock: ClockMark;
}

export interface PlacementEntry {
  readonly placementId: string;
  readonly subjectRef: string;
  readonly shelterUnitId: string;
  readonly shelterKind: string;
  readonly startedAt: string;
  readonly endedAt?: string;
}

export interface LpskRequestEntry {
  readonly requestId: string;
  readonly subjectRef: string;
  readonly fromUnitId: string;
  readonly lpskUnitId: string;
  readonly measures: readonly string[];
  readonly requestedAt: string;
  readonly decision?: string;
  readonly decidedMeasures?: readonly string[];
  readonly decidedAt?: string;
}

export interface RestitutionAssessmentEntry {
  readonly subjectRef: string;
  readonly amount: number;
  readonly assessedAt: string;
  readonly assessedByUnitId: string;
}

/** A referral or lead handoff: who sent it to whom, and where it stands (participation follows from it). */
export interface AddressedEntry {
  readonly id: string;
  readonly fromUnitId: string;
  readonly toUnitId: string;
  readonly status: 'pending' | 'accepted' | 'declined' | 'completed' | 'withdrawn';
}

export interface AgencySections {
  readonly investigation?: InvestigationSection;
  readonly referrals: readonly AddressedEntry[];
  readonly handoffs: readonly AddressedEntry[];
  /** Event id of each victim registration → the victim, for corrections that name the event. */
  readonly registrations: Readonly<Record<string, string>>;
  readonly caseFile?: CaseFileSection;
  readonly victims: readonly VictimEntry[];
  readonly witnesses: readonly WitnessEntry[];
  readonly consents: readonly ConsentEntry[];
  readonly services: readonly ServiceEntry[];
  readonly placements: readonly PlacementEntry[];
  readonly lpskRequests: readonly LpskRequestEntry[];
  readonly restitutionAssessments: readonly RestitutionAssessmentEntry[];
}

export const EMPTY_SECTIONS: AgencySections = {
  referrals: [],
  handoffs: [],
  registrations: {},
  victims: [],
  witnesses: [],
  consents: [],
  services: [],
  placements: [],
  lpskRequests: [],
  restitutionAssessments: [],
};

type Data = ProjectedEvent['data'];
const str = (data: Data, name: string): string => String(data[name]);
const opt = (data: Data, name: string): string | undefined => (data[name] === undefined || data[name] === null ? undefined : String(data[name]));
const num = (data: Data, name: string): number | undefined => (typeof data[name] === 'number' ? (data[name] as number) : undefined);
const list = (data: Data, name: string): string[] => (Array.isArray(data[name]) ? (data[name] as unknown[]).map(String) : []);
const clock = (startedAt: string, dueAt: string, rule: string): ClockMark => ({ startedAt, dueAt, rule });
const stopped = (mark: ClockMark | undefined, at: string): ClockMark | undefined => (mark && mark.stoppedAt === undefined ? patched(mark, { stoppedAt: at }) : mark);

/** Replaces the entry with the key (keeping its place) or appends it: a redelivered event changes nothing. */
const upsert = <T>(items: readonly T[], matches: (item: T) => boolean, next: (current: T | undefined) => T | undefined): readonly T[] => {
  const index = items.findIndex(matches);
  const value = next(index < 0 ? undefined : items[index]);
  if (value === undefined) return items;
  if (index < 0) return [...items, value];
  const copy = [...items];
  copy[index] = value;
  return copy;
};

const withFile = (s: AgencySections, patch: (file: CaseFileSection) => CaseFileSection): AgencySections =>
  s.caseFile ? { ...s, caseFile: patch(s.caseFile) } : s;
const withInvestigation = (s: AgencySections, patch: (inv: InvestigationSection) => InvestigationSection): AgencySections =>
  s.investigation ? { ...s, investigation: patch(s.investigation) } : s;
const withVictim = (s: AgencySections, ref: string, patch: (v: VictimEntry) => VictimEntry): AgencySections => ({
  ...s,
  victims: upsert(s.victims, (v) => v.subjectRef === ref, (v) => v && patch(v)),
});

/** The investigation moved on by the domain's stage machine. */
const moved = (s: AgencySections, eventType: string): AgencySections => withInvestigation(s, (inv) => ({ ...inv, stage: investigationStageAfter(inv.stage, eventType) }));

const addressed = (items: readonly AddressedEntry[], id: string, status: AddressedEntry['status']): readonly AddressedEntry[] =>
  upsert(items, (x) => x.id === id, (x) => x && { ...x, status });

/** Folds one case event into the sections; events that no worklist needs leave them as they are. */
export const evolveSections = (s: AgencySections, event: ProjectedEvent): AgencySections => {
  const d = event.data;
  switch (event.type) {
    case 'ReferralSent':
      return { ...s, referrals: upsert(s.referrals, (x) => x.id === str(d, 'referralId'), (x) => x ?? { id: str(d, 'referralId'), fromUnitId: str(d, 'fromUnitId'), toUnitId: str(d, 'toUnitId'), status: 'pending' }) };
    case 'ReferralAccepted':
      return { ...s, referrals: addressed(s.referrals, str(d, 'referralId'), 'accepted') };
    case 'ReferralDeclined':
      return { ...s, referrals: addressed(s.referrals, str(d, 'referralId'), 'declined') };
    case 'ReferralCompleted':
      return { ...s, referrals: addressed(s.referrals, str(d, 'referralId'), 'completed') };
    case 'ReferralWithdrawn':
      return { ...s, referrals: addressed(s.referrals, str(d, 'referralId'), 'withdrawn') };
    case 'LeadHandoffProposed':
      return { ...s, handoffs: upsert(s.handoffs, (x) => x.id === str(d, 'handoffId'), (x) => x ?? { id: str(d, 'handoffId'), fromUnitId: str(d, 'fromUnitId'), toUnitId: str(d, 'toUnitId'), status: 'pending' }) };
    case 'LeadHandoffAccepted':
      return { ...s, handoffs: addressed(s.handoffs, str(d, 'handoffId'), 'accepted') };
    case 'LeadHandoffDeclined':
      return { ...s, handoffs: addressed(s.handoffs, str(d, 'handoffId'), 'declined') };
    case 'VictimRegistered': {
      const entry: VictimEntry = {
        subjectRef: str(d, 'subjectRef'),
        isChild: d['isChild'] === true,
        ageBand: str(d, 'ageBand'),
        sex: str(d, 'sex'),
        nationality: str(d, 'nationality'),
        ...(typeof d['originRegionCode'] === 'string' ? { originRegionCode: d['originRegionCode'] } : {}),
      };
      const witness: WitnessEntry = { subjectRef: entry.subjectRef, role: 'VICTIM', isChild: entry.isChild, registeredAt: str(d, 'registeredAt') };
      return {
        ...s,
        registrations: { ...s.registrations, [event.eventId]: entry.subjectRef },
        victims: upsert(s.victims, (v) => v.subjectRef === entry.subjectRef, (v) => v ?? entry),
        witnesses: upsert(s.witnesses, (w) => w.subjectRef === entry.subjectRef, (w) => w ?? witness),
      };
    }
    case 'VictimRegisteredCorrected': {
      const corrected = (d['corrected'] ?? {}) as Data;
      const ref = s.registrations[str(d, 'correctsEventId')];
      if (ref === undefined) return s;
      const patch = {
        ...(typeof corrected['isChild'] === 'boolean' ? { isChild: corrected['isChild'] } : {}),
        ...(typeof corrected['ageBand'] === 'string' ? { ageBand: corrected['ageBand'] } : {}),
        ...(typeof corrected['sex'] === 'string' ? { sex: corrected['sex'] } : {}),
        ...(typeof corrected['nationality'] === 'string' ? { nationality: corrected['nationality'] } : {}),
        ...(typeof corrected['originRegionCode'] === 'string' ? { originRegionCode: corrected['originRegionCode'] } : {}),
      };
      const isChild = patch.isChild;
      return {
        ...withVictim(s, ref, (v) => ({ ...v, ...patch })),
        witnesses: isChild === undefined ? s.witnesses : s.witnesses.map((w) => (w.subjectRef === ref ? { ...w, isChild } : w)),
      };
    }
    case 'VictimStatusDetermined':
      return withVictim(s, str(d, 'subjectRef'), (v) => patched(v, { status: str(d, 'status') }));
    case 'RiskAssessed':
      return withVictim(s, str(d, 'subjectRef'), (v) => patched(v, { riskLevel: str(d, 'level') }));
    case 'RepatriationCompleted':
      return withVictim(s, str(d, 'subjectRef'), (v) => patched(v, { repatriatedOn: str(d, 'arrivedOn') }));
    case 'ReintegrationCompleted':
      return withVictim(s, str(d, 'subjectRef'), (v) => patched(v, { reintegratedOn: str(d, 'completedOn') }));
    case 'WitnessRegistered': {
      const entry: WitnessEntry = { subjectRef: str(d, 'subjectRef'), role: 'WITNESS', isChild: false, registeredAt: str(d, 'registeredAt') };
      return { ...s, witnesses: upsert(s.witnesses, (w) => w.subjectRef === entry.subjectRef, (w) => w ?? entry) };
    }
    case 'ConsentRecorded': {
      const expiresAt = opt(d, 'expiresAt');
      const entry: ConsentEntry = {
        consentId: str(d, 'consentId'),
        subjectRef: str(d, 'subjectRef'),
        recipientAgencyTypes: list(d, 'recipientAgencyTypes'),
        recipientUnitIds: list(d, 'recipientUnitIds'),
        purposes: list(d, 'purposes'),
        dataCategories: list(d, 'dataCategories'),
        recordedAt: str(d, 'recordedAt'),
        ...(expiresAt ? { expiresAt } : {}),
      };
      return { ...s, consents: upsert(s.consents, (c) => c.consentId === entry.consentId, (c) => c ?? entry) };
    }
    case 'ConsentWithdrawn':
      return { ...s, consents: upsert(s.consents, (c) => c.consentId === str(d, 'consentId'), (c) => c && (c.withdrawnAt ? c : patched(c, { withdrawnAt: str(d, 'withdrawnAt') }))) };
    case 'ServiceRequested': {
      const entry: ServiceEntry = {
        serviceRequestId: str(d, 'serviceRequestId'),
        subjectRef: str(d, 'subjectRef'),
        kind: str(d, 'kind'),
        fromUnitId: str(d, 'fromUnitId'),
        providerUnitId: str(d, 'providerUnitId'),
        clock: clock(str(d, 'requestedAt'), str(d, 'dueBy'), str(d, 'dueRule')),
      };
      return { ...s, services: upsert(s.services, (x) => x.serviceRequestId === entry.serviceRequestId, (x) => x ?? entry) };
    }
    case 'ServiceDelivered':
      return { ...s, services: upsert(s.services, (x) => x.serviceRequestId === str(d, 'serviceRequestId'), (x) => x && { ...x, clock: stopped(x.clock, str(d, 'deliveredAt'))! }) };
    case 'ShelterPlacementStarted': {
      const entry: PlacementEntry = {
        placementId: str(d, 'placementId'),
        subjectRef: str(d, 'subjectRef'),
        shelterUnitId: str(d, 'shelterUnitId'),
        shelterKind: str(d, 'shelterKind'),
        startedAt: str(d, 'startedAt'),
      };
      return { ...s, placements: upsert(s.placements, (p) => p.placementId === entry.placementId, (p) => p ?? entry) };
    }
    case 'ShelterPlacementEnded':
      return { ...s, placements: upsert(s.placements, (p) => p.placementId === str(d, 'placementId'), (p) => p && (p.endedAt ? p : patched(p, { endedAt: str(d, 'endedAt') }))) };
    case 'LpskProtectionRequested': {
      const entry: LpskRequestEntry = {
        requestId: str(d, 'requestId'),
        subjectRef: str(d, 'subjectRef'),
        fromUnitId: str(d, 'fromUnitId'),
        lpskUnitId: str(d, 'lpskUnitId'),
        measures: list(d, 'measures'),
        requestedAt: str(d, 'requestedAt'),
      };
      return { ...s, lpskRequests: upsert(s.lpskRequests, (r) => r.requestId === entry.requestId, (r) => r ?? entry) };
    }
    case 'LpskProtectionDecided':
      return {
        ...s,
        lpskRequests: upsert(s.lpskRequests, (r) => r.requestId === str(d, 'requestId'), (r) => r && patched(r, { decision: str(d, 'decision'), decidedMeasures: list(d, 'measures'), decidedAt: str(d, 'decidedAt') })),
      };
    case 'RestitutionAssessed': {
      const entry: RestitutionAssessmentEntry = { subjectRef: str(d, 'subjectRef'), amount: num(d, 'amount') ?? 0, assessedAt: str(d, 'assessedAt'), assessedByUnitId: event.actor.unitId };
      // A later assessment of the same victim replaces the earlier one.
      return { ...s, restitutionAssessments: upsert(s.restitutionAssessments, (a) => a.subjectRef === entry.subjectRef, () => entry) };
    }
    case 'InvestigationOpened': {
      // A new investigation after an SP3 starts afresh.
      const { caseFile: _earlier, ...rest } = s;
      return {
        ...rest,
        investigation: {
          policeUnitId: str(d, 'policeUnitId'),
          stage: STAGE_MOVES.InvestigationOpened.to,
          warrantNumber: str(d, 'warrantNumber'),
          openedAt: str(d, 'openedAt'),
          spdp: clock(str(d, 'openedAt'), str(d, 'noticeDueBy'), str(d, 'noticeRule')),
          suspects: 0,
          // The prosecutor who had the earlier file stays a party, as in the domain.
          ...(s.investigation?.prosecutorUnitId ? { prosecutorUnitId: s.investigation.prosecutorUnitId } : {}),
        },
      };
    }
    case 'InvestigationNoticeSent':
      return withInvestigation(s, (inv) => patched(inv, { spdp: stopped(inv.spdp, str(d, 'sentAt'))!, prosecutorUnitId: str(d, 'prosecutorUnitId') }));
    case 'SuspectIdentified':
      return withInvestigation(s, (inv) => ({ ...inv, suspects: inv.suspects + 1 }));
    case 'InvestigationTerminated':
      return withInvestigation(s, (inv) => (inv.stage === 'terminated' ? inv : patched(inv, { stage: investigationStageAfter(inv.stage, event.type), terminatedAt: str(d, 'terminatedAt') })));
    case 'CaseFileSubmitted': {
      if (s.caseFile) return s;
      const file: CaseFileSection = {
        caseFileNumber: str(d, 'caseFileNumber'),
        policeUnitId: str(d, 'policeUnitId'),
        prosecutorUnitId: str(d, 'prosecutorUnitId'),
        receivedAt: str(d, 'submittedAt'),
        review: clock(str(d, 'submittedAt'), str(d, 'reviewDueBy'), str(d, 'reviewRule')),
        returns: 0,
      };
      return patched(withInvestigation(s, (inv) => ({ ...inv, stage: investigationStageAfter(inv.stage, event.type), prosecutorUnitId: file.prosecutorUnitId })), { caseFile: file });
    }
    case 'CaseFileReturned': {
      const at = str(d, 'returnedAt');
      return withFile(
        moved(s, event.type),
        (f) => patched(f, { review: stopped(f.review, at)!, resubmission: clock(at, str(d, 'resubmitDueBy'), str(d, 'resubmitRule')), returns: f.returns + 1 }),
      );
    }
    case 'CaseFileResubmitted': {
      const at = str(d, 'resubmittedAt');
      return withFile(
        moved(s, event.type),
        (f) => ({ ...f, resubmission: stopped(f.resubmission, at), review: clock(at, str(d, 'reviewDueBy'), str(d, 'reviewRule')) }),
      );
    }
    case 'CaseFileDeclaredComplete':
      return withFile(moved(s, event.type), (f) => patched(f, { review: stopped(f.review, str(d, 'declaredAt'))!, completeAt: str(d, 'declaredAt') }));
    case 'SuspectAndEvidenceHandedOver':
      return withFile(moved(s, event.type), (f) => patched(f, { handedOverAt: str(d, 'handedOverAt') }));
    case 'IndictmentFiled': {
      const amount = num(d, 'restitutionAmount');
      return withFile(moved(s, event.type), (f) => ({
        ...f,
        indictment: {
          indictmentNumber: str(d, 'indictmentNumber'),
          courtUnitId: str(d, 'courtUnitId'),
          filedAt: str(d, 'filedAt'),
          restitutionClaimed: d['restitutionClaimed'] === true,
          ...(amount !== undefined ? { restitutionAmount: amount } : {}),
        },
      }));
    }
    case 'VerdictIssued': {
      const amount = num(d, 'restitutionAmount');
      const dueBy = opt(d, 'restitutionDueBy');
      return withFile(moved(s, event.type), (f) => ({
        ...f,
        verdict: {
          outcome: str(d, 'outcome'),
          notifiedAt: str(d, 'notifiedAt'),
          restitutionOrdered: d['restitutionOrdered'] === true,
          ...(amount !== undefined ? { restitutionAmount: amount } : {}),
          ...(dueBy ? { restitution: { ...clock(str(d, 'notifiedAt'), dueBy, str(d, 'restitutionRule')), paid: 0, defaulted: false } } : {}),
        },
      }));
    }
    case 'SubjectErased':
      return withVictim(s, str(d, 'subjectRef'), (v) => patched(v, { erased: true }));
    case 'RestitutionPaid':
      return withFile(s, (f) => {
        const restitution = f.verdict?.restitution;
        if (!f.verdict || !restitution || restitution.stoppedAt) return f;
        const paid = restitution.paid + (num(d, 'amount') ?? 0);
        const next = d['fullyPaid'] === true ? { ...restitution, paid, stoppedAt: str(d, 'recordedAt') } : { ...restitution, paid };
        return { ...f, verdict: { ...f.verdict, restitution: next } };
      });
    case 'RestitutionDefaulted':
      return withFile(s, (f) => {
        const restitution = f.verdict?.restitution;
        if (!f.verdict || !restitution || restitution.stoppedAt) return f;
        return { ...f, verdict: { ...f.verdict, restitution: { ...restitution, defaulted: true, stoppedAt: str(d, 'recordedAt') } } };
      });
    default:
      return s;
  }
};

/** Who takes part, by the domain's one rule (`unitsTakingPart`), over the sections. */
export const participantsFrom = (s: AgencySections, openedByUnitId: string, leadUnitId: string): string[] => {
  const inv = s.investigation;
  return unitsTakingPart({
    openedByUnitId,
    leadUnitId,
    referrals: s.referrals,
    handoffs: s.handoffs,
    services: s.services,
    lpskRequests: s.lpskRequests,
    investigation: inv && { ...inv, courtUnitId: s.caseFile?.indictment?.courtUnitId },
  });
};

/** Units with a victim of the case in their care: they run a placement or provide a service, or lead as a service unit. */
export const careUnitsOf = (s: AgencySections, lead: { readonly unitId: string; readonly agencyType: string }): string[] => {
  const units: string[] = [];
  if (lead.agencyType === 'SERVICE_UNIT' || lead.agencyType === 'SOCIAL_SERVICES') units.push(lead.unitId);
  for (const p of s.placements) if (p.endedAt === undefined) addUnit(units, p.shelterUnitId);
  for (const x of s.services) {
    addUnit(units, x.providerUnitId);
    addUnit(units, x.fromUnitId);
  }
  return units;
};
