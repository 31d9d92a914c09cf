import type { AgencyType, CaseEventType } from '@tppo/case-domain';
import type { CaseView } from './case.view';
import { type DisclosureTable, policyInForceNow } from './disclosure-policy';

/**
 * Which field of the case view each event belongs to, so that a participant's history
 * (GET /cases/{id}/history) discloses an event exactly when the case view discloses its field:
 * a shelter does not learn from the history that a suspect was identified. Its type does not
 * compile until every event type has a line. The fields' table is the version of the disclosure
 * policy in force (now, unless another is given).
 */
export const HISTORY_DISCLOSURE: Readonly<Record<CaseEventType, keyof CaseView>> = {
  CaseOpened: 'status',
  SubjectErasureRequested: 'erasures',
  SubjectErased: 'erasures',
  SubjectErasureRefused: 'erasures',
  LegalHoldPlaced: 'legalHolds',
  LegalHoldReleased: 'legalHolds',
  CaseOpenedCorrected: 'status',
  CaseClosed: 'status',
  CaseReopened: 'status',
  VictimRegistered: 'victims',
  VictimRegisteredCorrected: 'victims',
  VictimStatusDetermined: 'victims',
  GuardianAppointed: 'victims',
  RiskAssessed: 'victims',
  RiskAssessedCorrected: 'victims',
  ConsentRecorded: 'consents',
  ConsentWithdrawn: 'consents',
  ConsentOverrideRecorded: 'consents',
  ReferralSent: 'referrals',
  ReferralAccepted: 'referrals',
  ReferralDeclined: 'referrals',
  ReferralCompleted: 'referrals',
  ReferralWithdrawn: 'referrals',
  LeadHandoffProposed: 'leadHandoffs',
  LeadHandoffAccepted: 'leadHandoffs',
  LeadHandoffDeclined: 'leadHandoffs',
  PhysicalCustodyTransferred: 'leadHandoffs',
  ServiceRequested: 'serviceRequests',
  ServiceDelivered: 'serviceRequests',
  RepatriationCompleted: 'serviceRequests',
  ReintegrationCompleted: 'serviceRequests',
  ShelterPlacementStarted: 'shelterPlacements',
  ShelterPlacementEnded: 'shelterPlacements',
  LpskProtectionRequested: 'lpskRequests',
  LpskProtectionDecided: 'lpskRequests',
  RestitutionAssessed: 'lpskRequests',
  RestitutionAssessedCorrected: 'lpskRequests',
  PoliceReportRegistered: 'policeReportNumber',
  PoliceReportRegisteredCorrected: 'policeReportNumber',
  SuspectIdentified: 'subjects',
  WitnessRegistered: 'subjects',
  InvestigationOpened: 'investigation',
  InvestigationNoticeSent: 'investigation',
  InvestigationTerminated: 'investigation',
  CaseFileSubmitted: 'investigation',
  CaseFileReturned: 'investigation',
  CaseFileResubmitted: 'investigation',
  CaseFileDeclaredComplete: 'investigation',
  SuspectAndEvidenceHandedOver: 'investigation',
  IndictmentFiled: 'investigation',
  HearingHeld: 'investigation',
  HearingHeldCorrected: 'investigation',
  VerdictIssued: 'investigation',
  RestitutionPaid: 'investigation',
  RestitutionDefaulted: 'investigation',
};

/** Fail closed: an event type without a line (an older, unknown type) is never disclosed. */
export const historyDiscloses = (type: string, agencyType: AgencyType, fields: DisclosureTable = policyInForceNow().fields): boolean => {
  const field = (HISTORY_DISCLOSURE as Readonly<Record<string, keyof CaseView | undefined>>)[type];
  return field !== undefined && fields[field].includes(agencyType);
};
