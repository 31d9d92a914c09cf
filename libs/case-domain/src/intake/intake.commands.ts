import { country, id, isoDate, isoDateTime, listOf, oneOf, optional, regionCode, sealedIdentity, text } from '../shared/fields';
import { allOf, exactlyOne, givenExactlyWhen, someListFilled } from '../shared/cross-field-rules';
import { AGENCY_TYPES } from '../agency-types';
import {
  AGE_BANDS, CASE_SOURCES, CONSENT_GIVERS, CONSENT_PURPOSES, DATA_CATEGORIES, EXPLOITATION_TYPES,
  GUARDIAN_RELATIONSHIPS, MODUS_CODES, RISK_FACTORS, RISK_LEVELS, SEXES, VICTIM_STATUSES,
} from '../vocabulary';

/** Who a victim is and where they come from: what registering one records. */
export const VICTIM_FACTS = {
  caseId: id,
  subjectRef: id,
  identity: sealedIdentity,
  sex: oneOf(SEXES),
  nationality: country,
  originRegionCode: optional(regionCode),
} as const;

export const INTAKE_COMMANDS = {
  OpenCase: {
    caseId: id,
    regionCode,
    source: oneOf(CASE_SOURCES),
    exploitationTypes: listOf(oneOf(EXPLOITATION_TYPES)),
    modusCodes: listOf(oneOf(MODUS_CODES)),
    interceptionReportId: optional(id),
  },
  /** `birthDate` (or, when unknown, `ageBand`) only derives the child flag; it is never stored. */
  RegisterVictim: {
    ...VICTIM_FACTS,
    birthDate: optional(isoDate),
    ageBand: optional(oneOf(AGE_BANDS)),
  },
  DetermineVictimStatus: { caseId: id, subjectRef: id, status: oneOf(VICTIM_STATUSES), reason: text },
  AppointGuardian: { caseId: id, victimRef: id, guardianRef: id, identity: sealedIdentity, relationship: oneOf(GUARDIAN_RELATIONSHIPS) },
  RecordConsent: {
    caseId: id,
    consentId: id,
    subjectRef: id,
    givenBy: oneOf(CONSENT_GIVERS),
    guardianRef: optional(id),
    recipientAgencyTypes: listOf(oneOf(AGENCY_TYPES)),
    recipientUnitIds: listOf(id, 0, 100),
    purposes: listOf(oneOf(CONSENT_PURPOSES), 1),
    dataCategories: listOf(oneOf(DATA_CATEGORIES), 1),
    expiresAt: optional(isoDateTime),
  },
  WithdrawConsent: { caseId: id, consentId: id, reason: optional(text) },
  AssessRisk: { caseId: id, subjectRef: id, level: oneOf(RISK_LEVELS), factors: listOf(oneOf(RISK_FACTORS)) },
} as const;

export const INTAKE_REFINEMENTS = {
  RegisterVictim: exactlyOne('birthDate', 'ageBand', 'give exactly one of birthDate and ageBand'),
  RecordConsent: allOf(
    someListFilled(['recipientAgencyTypes', 'recipientUnitIds'], 'name at least one recipient agency type or unit'),
    givenExactlyWhen('guardianRef', 'givenBy', 'GUARDIAN', 'guardianRef is given exactly when givenBy is GUARDIAN'),
  ),
};
