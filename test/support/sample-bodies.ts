import type { CaseCommandType } from '@tppo/case-domain';
import { sampleInterception } from '../../libs/case-domain/src/interception/interception.fixtures';

export const OPEN_CASE = { regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] };
export const ADULT = { identity: { fullName: 'Rina Wati' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1998-07-12' };
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A valid body for every case command route (the retention job's command has none), so that a refusal can only come from access or the rules. */
export const SAMPLE_BODIES: Record<Exclude<CaseCommandType, 'OpenCase' | 'EraseSubjectForRetention'>, object> = {
  RegisterVictim: ADULT,
  DetermineVictimStatus: { status: 'POSSIBLE', reason: 'Recruited with a false job offer' },
  AppointGuardian: { identity: { fullName: 'Ani Rahayu' }, relationship: 'PARENT' },
  RecordConsent: { subjectRef: 'v-1', givenBy: 'VICTIM', recipientAgencyTypes: ['SERVICE_UNIT'], recipientUnitIds: [], purposes: ['CASE_MANAGEMENT'], dataCategories: ['CASE_FACTS'] },
  WithdrawConsent: { reason: 'Changed her mind' },
  AssessRisk: { level: 'LOW', factors: [] },
  SendReferral: { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'ROUTINE', dueBy: inDays(7) },
  AcceptReferral: {},
  DeclineReferral: { reason: 'No capacity' },
  CompleteReferral: { outcome: 'Done' },
  WithdrawReferral: { reason: 'Sent by mistake' },
  ProposeLeadHandoff: { toUnitId: 'uptd-ppa-nunukan', reason: 'Protection moves to the UPTD' },
  AcceptLeadHandoff: {},
  DeclineLeadHandoff: { reason: 'No capacity' },
  RecordCustodyTransfer: { fromUnitId: 'polres-nunukan' },
  RequestService: { subjectRef: 'v-1', kind: 'PSYCHOSOCIAL', providerUnitId: 'dinsos-nunukan' },
  RecordServiceDelivered: {},
  StartShelterPlacement: { subjectRef: 'v-1', shelterKind: 'RPTC' },
  EndShelterPlacement: { reason: 'Went home' },
  RecordRepatriation: { fromCountry: 'MY', arrivalRegionCode: '65.03', arrivedOn: '2026-02-08' },
  RecordReintegration: { regionCode: '53.10', completedOn: '2026-04-01' },
  RequestLpskProtection: { subjectRef: 'v-1', toUnitId: 'lpsk-ri', measures: ['SAFE_HOUSE'] },
  DecideLpskProtection: { decision: 'REFUSED', measures: [], reason: 'Not needed' },
  RegisterPoliceReport: { reportNumber: 'LP/B/1/2026', reportKind: 'MODEL_B', reportedOn: '2026-02-09' },
  OpenInvestigation: { warrantNumber: 'Sprin.Sidik/1/2026' },
  SendInvestigationNotice: { noticeNumber: 'SPDP/1/2026', prosecutorUnitId: 'kejari-nunukan', victimNotified: true },
  IdentifySuspect: { identity: { fullName: 'Budi Santoso' }, role: 'RECRUITER' },
  RegisterWitness: { identity: { fullName: 'Dewi Lestari' } },
  SubmitCaseFile: { caseFileNumber: 'BP/1/2026', prosecutorUnitId: 'kejari-nunukan' },
  ReturnCaseFile: { instructions: 'Add the visum' },
  ResubmitCaseFile: {},
  DeclareCaseFileComplete: {},
  HandOverSuspectAndEvidence: {},
  FileIndictment: { indictmentNumber: 'PDM-1/2026', courtUnitId: 'pn-nunukan', restitutionClaimed: false },
  RecordHearing: { heldOn: '2026-05-04', agenda: 'EVIDENCE' },
  RecordVerdict: { outcome: 'ACQUITTED', notifiedAt: '2026-06-01T03:00:00Z' },
  AssessRestitution: { subjectRef: 'v-1', amount: 1_000_000 },
  RecordRestitutionPayment: { amount: 1_000_000, paidOn: '2026-06-10' },
  RecordRestitutionDefault: { reason: 'Nothing paid' },
  TerminateInvestigation: { ground: 'INSUFFICIENT_EVIDENCE', reason: 'No evidence' },
  CloseCase: { outcome: 'OTHER', reason: 'Done' },
  ReopenCase: { reason: 'New facts' },
  CorrectEvent: { corrected: { sex: 'FEMALE' }, reason: 'Typo' },
  RequestSubjectErasure: { legalGround: 'CONSENT_WITHDRAWN', reason: 'She withdrew her consent' },
  ApproveSubjectErasure: { reason: 'No proceedings open, no hold' },
  RefuseSubjectErasure: { reason: 'Still needed for restitution' },
  PlaceLegalHold: { basis: 'A related case is under investigation' },
  ReleaseLegalHold: { reason: 'The related case was closed' },
};

/** The domain's sample interception (Nunukan's seaport, counts only) as a request body: the API mints its id. */
export const INTERCEPTION_REPORT = (({ reportId: _reportId, ...body }) => body)(sampleInterception().data);
