import type { AgencyType } from './agency-types';
import type { CaseEventData } from './case.events';
import type { RuleSet } from './deadlines/deadline-rules';
import type { ErasureGround, SharingPurpose, ServiceKind } from './vocabulary';

export type ReferralStatus = 'pending' | 'accepted' | 'declined' | 'completed' | 'withdrawn';
export interface Referral {
  readonly referralId: string;
  readonly fromUnitId: string;
  readonly toUnitId: string;
  readonly toAgencyType: AgencyType;
  readonly purpose: SharingPurpose;
  readonly status: ReferralStatus;
}

export type HandoffStatus = 'pending' | 'accepted' | 'declined';
export interface LeadHandoff {
  readonly handoffId: string;
  readonly fromUnitId: string;
  readonly toUnitId: string;
  readonly toAgencyType: AgencyType;
  readonly status: HandoffStatus;
}

export interface ServiceRequest {
  readonly serviceRequestId: string;
  readonly subjectRef: string;
  readonly kind: ServiceKind;
  readonly fromUnitId: string;
  readonly providerUnitId: string;
  readonly status: 'requested' | 'delivered';
}

export interface Victim {
  readonly subjectRef: string;
  readonly identity: string;
  readonly isChild: boolean;
  /** Subject refs of the guardians appointed for this (child) victim. */
  readonly guardianRefs: readonly string[];
  readonly activePlacementId?: string;
}

/** A consent as ConsentRecorded names it (who may receive what, for which purposes, until when), and whether it was withdrawn since. */
export type Consent = Pick<CaseEventData<'ConsentRecorded'>, 'consentId' | 'subjectRef' | 'recipientAgencyTypes' | 'recipientUnitIds' | 'purposes' | 'expiresAt'> & {
  readonly withdrawn: boolean;
};

export interface ShelterPlacement {
  readonly placementId: string;
  readonly subjectRef: string;
  readonly shelterUnitId: string;
  readonly active: boolean;
}

export interface LpskRequest {
  readonly requestId: string;
  readonly subjectRef: string;
  readonly fromUnitId: string;
  readonly lpskUnitId: string;
  readonly status: 'pending' | 'granted' | 'refused';
}

export type SubjectRole = 'VICTIM' | 'GUARDIAN' | 'SUSPECT' | 'WITNESS';
/** Every data subject of the case by pseudonymous ref: one ref names one person in one role. */
export interface Subject {
  readonly role: SubjectRole;
  readonly identity: string;
}

/** The criminal process runs beside protection; each stage carries what the next step needs. */
interface InvestigationBase {
  readonly policeUnitId: string;
  readonly noticeSent: boolean;
  /** The prosecutor unit that received the SPDP or holds the case file. */
  readonly prosecutorUnitId?: string;
}
interface WithFile extends InvestigationBase {
  readonly caseFileNumber: string;
  readonly prosecutorUnitId: string;
}
export type Investigation =
  | { readonly stage: 'none' }
  | ({ readonly stage: 'investigating'; readonly ruleSet: RuleSet } & InvestigationBase)
  | ({ readonly stage: 'file_under_review' } & WithFile)
  | ({ readonly stage: 'file_returned' } & WithFile)
  | ({ readonly stage: 'file_complete' } & WithFile)
  | ({ readonly stage: 'handed_over' } & WithFile)
  | ({ readonly stage: 'indicted'; readonly courtUnitId: string } & WithFile)
  | ({ readonly stage: 'verdict'; readonly courtUnitId: string; readonly restitution: Restitution } & WithFile)
  | ({ readonly stage: 'terminated' } & InvestigationBase);

export type Restitution =
  | { readonly status: 'not_ordered' }
  | { readonly status: 'due'; readonly amount: number; readonly paid: number }
  | { readonly status: 'paid'; readonly amount: number }
  | { readonly status: 'defaulted'; readonly amount: number; readonly paid: number };

/** A request to erase one data subject's personal data: two units decide it (docs/domain.md). */
export interface Erasure {
  readonly erasureId: string;
  readonly subjectRef: string;
  readonly legalGround: ErasureGround;
  readonly requestedByUnitId: string;
  readonly status: 'pending' | 'erased' | 'refused';
}

/** A legal hold keeps a case's personal data from erasure while it is in force. */
export interface LegalHold {
  readonly holdId: string;
  readonly placedByUnitId: string;
  readonly inForce: boolean;
}

/** Who issued each event, so only that unit may correct it. */
export interface IssuedEvent {
  readonly type: string;
  readonly unitId: string;
  /** The data subject the event is about, when it names one (to apply a correction). */
  readonly subjectRef?: string;
}

/** Everything a case knows, open or closed (a closed case can be reopened with all of it). */
export interface CaseRecord {
  readonly caseId: string;
  /** When the case was opened (the act, as its unit declared it): no later act may be declared before it. */
  readonly openedAt: string;
  readonly openedByUnitId: string;
  readonly leadUnitId: string;
  readonly leadAgencyType: AgencyType;
  readonly victims: ReadonlyMap<string, Victim>;
  readonly subjects: ReadonlyMap<string, Subject>;
  readonly consents: ReadonlyMap<string, Consent>;
  readonly referrals: ReadonlyMap<string, Referral>;
  readonly handoffs: ReadonlyMap<string, LeadHandoff>;
  readonly services: ReadonlyMap<string, ServiceRequest>;
  readonly placements: ReadonlyMap<string, ShelterPlacement>;
  readonly lpskRequests: ReadonlyMap<string, LpskRequest>;
  readonly erasures: ReadonlyMap<string, Erasure>;
  readonly legalHolds: ReadonlyMap<string, LegalHold>;
  readonly policeReportNumber?: string;
  readonly investigation: Investigation;
  readonly events: ReadonlyMap<string, IssuedEvent>;
  /** Command ids already handled: a retry of one of them changes nothing. */
  readonly handledCommands: ReadonlySet<string>;
}

export type CaseState =
  | { readonly status: 'none' }
  | ({ readonly status: 'open' } & CaseRecord)
  | ({ readonly status: 'closed'; readonly closedAt: string } & CaseRecord);

export type OpenCaseState = Extract<CaseState, { status: 'open' }>;
export type ClosedCaseState = Extract<CaseState, { status: 'closed' }>;
export type ExistingCaseState = OpenCaseState | ClosedCaseState;

export const initialCaseState = (): CaseState => ({ status: 'none' });
