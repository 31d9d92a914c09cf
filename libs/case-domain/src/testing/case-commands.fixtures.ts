import type { Actor } from '@tppo/eventsourcing';
import type { CaseCommandData, CaseCommandOf, CaseCommandType } from '../case.commands';
import { withoutUndefined } from '../case.events';
import { sealed } from './sealed';

export const CASE_ID = 'nnk-2026-0007';
/** 10 February 2026, 09:00 WITA: well inside Law 20/2025. */
export const NOW = '2026-02-10T01:00:00.000Z';

/** A coherent Nunukan case: a woman recruited for a Sabah palm-oil estate, returned via Tawau. */
export const SAMPLE_DATA: { readonly [T in CaseCommandType]: CaseCommandData<T> } = {
  OpenCase: { caseId: CASE_ID, regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['NON_PROCEDURAL_MIGRANT_WORKER', 'DEBT_BONDAGE'] },
  RegisterVictim: { caseId: CASE_ID, subjectRef: 'victim-1', identity: sealed('Siti Aminah'), sex: 'FEMALE', nationality: 'ID', originRegionCode: '53.10', birthDate: '1999-04-01' },
  DetermineVictimStatus: { caseId: CASE_ID, subjectRef: 'victim-1', status: 'CONFIRMED', reason: 'Recruited by deception, passport held by the employer, wages withheld' },
  AppointGuardian: { caseId: CASE_ID, victimRef: 'victim-1', guardianRef: 'guardian-1', identity: sealed('Ani Rahayu'), relationship: 'PARENT' },
  RecordConsent: {
    caseId: CASE_ID,
    consentId: 'consent-1',
    subjectRef: 'victim-1',
    givenBy: 'VICTIM',
    recipientAgencyTypes: ['POLICE', 'PROSECUTOR', 'COURT', 'SOCIAL_SERVICES', 'HEALTH', 'LPSK', 'SERVICE_UNIT'],
    recipientUnitIds: [],
    purposes: ['CASE_MANAGEMENT', 'INVESTIGATION', 'PROSECUTION', 'MEDICAL_CARE', 'SHELTER', 'PSYCHOSOCIAL_SUPPORT', 'WITNESS_PROTECTION'],
    dataCategories: ['CASE_FACTS', 'CONTACT', 'IDENTITY'],
  },
  WithdrawConsent: { caseId: CASE_ID, consentId: 'consent-1', reason: 'Victim no longer wants the police informed' },
  AssessRisk: { caseId: CASE_ID, subjectRef: 'victim-1', level: 'HIGH', factors: ['DEBT_TO_RECRUITER', 'TRAFFICKER_CONTACT'] },
  SendReferral: {
    caseId: CASE_ID,
    referralId: 'ref-1',
    toUnitId: 'polres-nunukan',
    toAgencyType: 'POLICE',
    purpose: 'INVESTIGATION',
    urgency: 'URGENT',
    dueBy: '2026-02-17T01:00:00.000Z',
  },
  AcceptReferral: { caseId: CASE_ID, referralId: 'ref-1' },
  DeclineReferral: { caseId: CASE_ID, referralId: 'ref-1', reason: 'Outside our jurisdiction: the recruitment happened in Kupang' },
  CompleteReferral: { caseId: CASE_ID, referralId: 'ref-1', outcome: 'Statement taken' },
  WithdrawReferral: { caseId: CASE_ID, referralId: 'ref-1', reason: 'Sent to the wrong unit' },
  ProposeLeadHandoff: { caseId: CASE_ID, handoffId: 'handoff-1', toUnitId: 'dinsos-nunukan', toAgencyType: 'SOCIAL_SERVICES', reason: 'Victim moves to long-term social rehabilitation' },
  AcceptLeadHandoff: { caseId: CASE_ID, handoffId: 'handoff-1' },
  DeclineLeadHandoff: { caseId: CASE_ID, handoffId: 'handoff-1', reason: 'No shelter capacity this month' },
  RecordCustodyTransfer: { caseId: CASE_ID, subjectRef: 'victim-1', fromUnitId: 'uptd-ppa-nunukan' },
  RequestService: { caseId: CASE_ID, serviceRequestId: 'svc-1', subjectRef: 'victim-1', kind: 'MEDICAL_REHABILITATION', providerUnitId: 'rsud-nunukan', providerAgencyType: 'HEALTH' },
  RecordServiceDelivered: { caseId: CASE_ID, serviceRequestId: 'svc-1', note: 'Treated for untreated injuries' },
  StartShelterPlacement: { caseId: CASE_ID, placementId: 'placement-1', subjectRef: 'victim-1', shelterKind: 'UPTD_PPA_SHELTER' },
  EndShelterPlacement: { caseId: CASE_ID, placementId: 'placement-1', reason: 'Returned to her family in Kupang' },
  RecordRepatriation: { caseId: CASE_ID, subjectRef: 'victim-1', fromCountry: 'MY', arrivalRegionCode: '65.03', arrivedOn: '2026-02-08' },
  RecordReintegration: { caseId: CASE_ID, subjectRef: 'victim-1', regionCode: '53.10', completedOn: '2026-02-09' },
  RequestLpskProtection: { caseId: CASE_ID, requestId: 'lpsk-1', subjectRef: 'victim-1', toUnitId: 'lpsk-ri', toAgencyType: 'LPSK', measures: ['SAFE_HOUSE', 'RESTITUTION_FACILITATION'] },
  DecideLpskProtection: { caseId: CASE_ID, requestId: 'lpsk-1', decision: 'GRANTED', measures: ['SAFE_HOUSE'], reason: 'Threats from the recruiter network' },
  RegisterPoliceReport: { caseId: CASE_ID, reportNumber: 'LP/B/12/II/2026/SPKT/POLRES NUNUKAN', reportKind: 'MODEL_B', reportedOn: '2026-02-09' },
  OpenInvestigation: { caseId: CASE_ID, warrantNumber: 'Sprin.Sidik/15/II/2026/Reskrim' },
  SendInvestigationNotice: { caseId: CASE_ID, noticeNumber: 'SPDP/15/II/2026/Reskrim', prosecutorUnitId: 'kejari-nunukan', prosecutorAgencyType: 'PROSECUTOR', victimNotified: true },
  IdentifySuspect: { caseId: CASE_ID, subjectRef: 'suspect-1', identity: sealed('Budi Santoso'), role: 'RECRUITER' },
  RegisterWitness: { caseId: CASE_ID, subjectRef: 'witness-1', identity: sealed('Rina Wati') },
  SubmitCaseFile: { caseId: CASE_ID, caseFileNumber: 'BP/15/III/2026/Reskrim', prosecutorUnitId: 'kejari-nunukan', prosecutorAgencyType: 'PROSECUTOR' },
  ReturnCaseFile: { caseId: CASE_ID, instructions: 'Add the forensic medical report (visum) and the recruiter bank records' },
  ResubmitCaseFile: { caseId: CASE_ID },
  DeclareCaseFileComplete: { caseId: CASE_ID },
  HandOverSuspectAndEvidence: { caseId: CASE_ID },
  FileIndictment: { caseId: CASE_ID, indictmentNumber: 'PDM-07/NNK/04/2026', courtUnitId: 'pn-nunukan', courtAgencyType: 'COURT', restitutionClaimed: true, restitutionAmount: 45_000_000 },
  RecordHearing: { caseId: CASE_ID, heldOn: '2026-05-04', agenda: 'VICTIM_TESTIMONY' },
  RecordVerdict: { caseId: CASE_ID, outcome: 'CONVICTED', sentenceMonths: 48, restitutionAmount: 45_000_000, notifiedAt: '2026-06-01T03:00:00.000Z' },
  AssessRestitution: { caseId: CASE_ID, subjectRef: 'victim-1', amount: 45_000_000 },
  RecordRestitutionPayment: { caseId: CASE_ID, amount: 45_000_000, paidOn: '2026-06-10' },
  RecordRestitutionDefault: { caseId: CASE_ID, reason: 'Nothing paid 14 days after notice; substitute imprisonment applies' },
  TerminateInvestigation: { caseId: CASE_ID, ground: 'INSUFFICIENT_EVIDENCE', reason: 'The only witness withdrew and no documents were found' },
  CloseCase: { caseId: CASE_ID, outcome: 'REINTEGRATED', reason: 'Victim home with family, income programme started' },
  ReopenCase: { caseId: CASE_ID, reason: 'Victim contacted by the same recruiter again' },
  CorrectEvent: { caseId: CASE_ID, eventId: 'replace-me', corrected: { sex: 'FEMALE' }, reason: 'Typo at intake' },
  RequestSubjectErasure: { caseId: CASE_ID, erasureId: 'erasure-1', subjectRef: 'victim-1', legalGround: 'CONSENT_WITHDRAWN', reason: 'She withdrew her consent and asks that her data be erased' },
  ApproveSubjectErasure: { caseId: CASE_ID, erasureId: 'erasure-1', reason: 'Consent withdrawn, no proceedings open, no hold' },
  RefuseSubjectErasure: { caseId: CASE_ID, erasureId: 'erasure-1', reason: 'Her restitution claim still needs her identity' },
  PlaceLegalHold: { caseId: CASE_ID, holdId: 'hold-1', basis: 'A related case against the same recruiter is under investigation in Tawau' },
  ReleaseLegalHold: { caseId: CASE_ID, holdId: 'hold-1', reason: 'The related case was closed' },
  EraseSubjectForRetention: { caseId: CASE_ID, erasureId: 'retention-1', subjectRef: 'victim-1', retentionYears: 10 },
};

let sequence = 0;

export interface CommandOptions {
  readonly commandId?: string;
  readonly now?: string;
  /** The declared time of the act, for a late entry. */
  readonly occurredAt?: string;
}

/**
 * A valid command of any type from the sample data, with overrides; an override of `undefined`
 * removes an optional field.
 */
export const command = <T extends CaseCommandType>(
  type: T,
  by: Actor,
  data: { readonly [K in keyof CaseCommandData<T>]?: CaseCommandData<T>[K] | undefined } = {},
  options: CommandOptions = {},
): CaseCommandOf<T> => ({
  type,
  data: withoutUndefined({ ...SAMPLE_DATA[type], ...data }) as CaseCommandData<T>,
  metadata: {
    commandId: options.commandId ?? `${type}-${(sequence += 1)}`,
    actor: by,
    now: options.now ?? NOW,
    ...(options.occurredAt === undefined ? {} : { occurredAt: options.occurredAt }),
  },
});

type Builder<T extends CaseCommandType> = (
  by: Actor,
  data?: { readonly [K in keyof CaseCommandData<T>]?: CaseCommandData<T>[K] | undefined },
  options?: CommandOptions,
) => CaseCommandOf<T>;
const builder =
  <T extends CaseCommandType>(type: T): Builder<T> =>
  (by, data, options) =>
    command(type, by, data, options);

export const openCase = builder('OpenCase');
export const registerVictim = builder('RegisterVictim');
export const determineVictimStatus = builder('DetermineVictimStatus');
export const appointGuardian = builder('AppointGuardian');
export const recordConsent = builder('RecordConsent');
export const withdrawConsent = builder('WithdrawConsent');
export const assessRisk = builder('AssessRisk');
export const acceptReferral = builder('AcceptReferral');
export const declineReferral = builder('DeclineReferral');
export const completeReferral = builder('CompleteReferral');
export const withdrawReferral = builder('WithdrawReferral');
export const acceptLeadHandoff = builder('AcceptLeadHandoff');
export const declineLeadHandoff = builder('DeclineLeadHandoff');
export const recordCustodyTransfer = builder('RecordCustodyTransfer');
export const recordServiceDelivered = builder('RecordServiceDelivered');
export const startShelterPlacement = builder('StartShelterPlacement');
export const endShelterPlacement = builder('EndShelterPlacement');
export const requestLpskProtection = builder('RequestLpskProtection');
export const decideLpskProtection = builder('DecideLpskProtection');
export const registerPoliceReport = builder('RegisterPoliceReport');
export const openInvestigation = builder('OpenInvestigation');
export const sendInvestigationNotice = builder('SendInvestigationNotice');
export const identifySuspect = builder('IdentifySuspect');
export const registerWitness = builder('RegisterWitness');
export const submitCaseFile = builder('SubmitCaseFile');
export const returnCaseFile = builder('ReturnCaseFile');
export const resubmitCaseFile = builder('ResubmitCaseFile');
export const declareCaseFileComplete = builder('DeclareCaseFileComplete');
export const handOverSuspectAndEvidence = builder('HandOverSuspectAndEvidence');
export const fileIndictment = builder('FileIndictment');
export const recordHearing = builder('RecordHearing');
export const recordVerdict = builder('RecordVerdict');
export const assessRestitution = builder('AssessRestitution');
export const recordRestitutionPayment = builder('RecordRestitutionPayment');
export const recordRestitutionDefault = builder('RecordRestitutionDefault');
export const terminateInvestigation = builder('TerminateInvestigation');
export const closeCase = builder('CloseCase');
export const reopenCase = builder('ReopenCase');
export const correctEvent = builder('CorrectEvent');
export const requestSubjectErasure = builder('RequestSubjectErasure');
export const approveSubjectErasure = builder('ApproveSubjectErasure');
export const refuseSubjectErasure = builder('RefuseSubjectErasure');
export const placeLegalHold = builder('PlaceLegalHold');
export const releaseLegalHold = builder('ReleaseLegalHold');
export const eraseSubjectForRetention = builder('EraseSubjectForRetention');

/** Sharing builders name the recipient unit; its agency type comes with it, as the API resolves it. */
export const sendReferral = (
  { by, to, ...data }: { by: Actor; to: Actor } & { readonly [K in keyof CaseCommandData<'SendReferral'>]?: CaseCommandData<'SendReferral'>[K] | undefined },
  options?: CommandOptions,
) => command('SendReferral', by, { toUnitId: to.unitId, toAgencyType: to.agencyType as never, ...data }, options);

export const proposeLeadHandoff = (
  { by, to, ...data }: { by: Actor; to: Actor } & { readonly [K in keyof CaseCommandData<'ProposeLeadHandoff'>]?: CaseCommandData<'ProposeLeadHandoff'>[K] | undefined },
  options?: CommandOptions,
) => command('ProposeLeadHandoff', by, { toUnitId: to.unitId, toAgencyType: to.agencyType as never, ...data }, options);

export const requestService = (
  { by, provider, ...data }: { by: Actor; provider: Actor } & { readonly [K in keyof CaseCommandData<'RequestService'>]?: CaseCommandData<'RequestService'>[K] | undefined },
  options?: CommandOptions,
) => command('RequestService', by, { providerUnitId: provider.unitId, providerAgencyType: provider.agencyType as never, ...data }, options);
