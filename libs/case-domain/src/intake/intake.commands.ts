import { country, id, isoDate, isoDateTime, listOf, oneOf, optional, regionCode, sealedIdentity, text, type Refinement } from '../shared/fields';
import { AGENCY_TYPES } from '../agency-types';
import {
  AGE_BANDS, CASE_SOURCES, CONSENT_GIVERS, CONSENT_PURPOSES, DATA_CATEGORIES, EXPLOITATION_TYPES,
  GUARDIAN_RELATIONSHIPS, MODUS_CODES, RISK_FACTORS, RISK_LEVELS, SEXES, VICTIM_STATUSES,
} from '../vocabulary';

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
    caseId: id,
    subjectRef: id,
    identity: sealedIdentity,
    sex: oneOf(SEXES),
    nationality: country,
    originRegionCode: optional(regionCode),
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
    recipientUnitIds: listOf(id),
    purposes: listOf(oneOf(CONSENT_PURPOSES), 1),
    dataCategories: listOf(oneOf(DATA_CATEGORIES), 1),
    expiresAt: optional(isoDateTime),
  },
  WithdrawConsent: { caseId: id, consentId: id, reason: optional(text) },
  AssessRisk: { caseId: id, subjectRef: id, level: oneOf(RISK_LEVELS), factors: listOf(oneOf(RISK_FACTORS)) },
} as const;

export const INTAKE_REFINEMENTS = {
  RegisterVictim: ((d) => ((d.birthDate === undefined) === (d.ageBand === undefined) ? ['give exactly one of birthDate and ageBand'] : [])) as Refinement<{
    birthDate?: string;
    ageBand?: string;
  }>,
  RecordConsent: ((d) => [
    ...(d.recipientAgencyTypes.length + d.recipientUnitIds.length === 0 ? ['name at least one recipient agency type or unit'] : []),
    ...((d.givenBy === 'GUARDIAN') !== (d.guardianRef !== undefined) ? ['guardianRef is given exactly when givenBy is GUARDIAN'] : []),
  ]) as Refinement<{ recipientAgencyTypes: readonly string[]; recipientUnitIds: readonly string[]; givenBy: string; guardianRef?: string }>,
};
