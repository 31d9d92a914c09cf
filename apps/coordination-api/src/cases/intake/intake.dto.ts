import { caseCommandBody } from '../dto/body';

const REGION = { description: 'Where the case is handled (Kemendagri code: NN province, NN.NN regency or city)', example: '65.03' };

/** The case id is minted by the API (a client never learns whether some other id exists). */
export class OpenCaseDto extends caseCommandBody('OpenCase', [], {
  regionCode: REGION,
  exploitationTypes: { description: 'Suspected forms of exploitation' },
  modusCodes: { description: 'Modus operandi codes' },
  interceptionReportId: { description: 'The departure interception this case came from' },
}) {}

/** Give `birthDate` when known, otherwise `ageBand`; the birth date only derives the child flag and is never stored. */
export class RegisterVictimDto extends caseCommandBody('RegisterVictim', ['subjectRef'], {
  nationality: { description: 'ISO 3166-1 alpha-2', example: 'ID' },
  originRegionCode: { description: 'Region of origin (Kemendagri code)', example: '65.03' },
  birthDate: { example: '2010-04-01' },
  identity: { description: 'Who the person is; sealed with their own key before anything is stored, never logged or published' },
}) {}

export class DetermineVictimStatusDto extends caseCommandBody('DetermineVictimStatus', ['subjectRef']) {}

/** The victim is the one in the path; the guardian's ref is minted by the API. */
export class AppointGuardianDto extends caseCommandBody('AppointGuardian', ['victimRef', 'guardianRef']) {}

export class RecordConsentDto extends caseCommandBody('RecordConsent', ['consentId'], {
  subjectRef: { description: 'The victim the consent is about' },
  guardianRef: { description: 'Required when givenBy is GUARDIAN' },
}) {}

export class WithdrawConsentDto extends caseCommandBody('WithdrawConsent', ['consentId']) {}

export class AssessRiskDto extends caseCommandBody('AssessRisk', ['subjectRef']) {}
