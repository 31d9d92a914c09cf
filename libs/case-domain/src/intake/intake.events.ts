import { sealedIdentity, bool, country, id, isoDateTime, listOf, oneOf, optional, regionCode, text } from '../shared/fields';
import { AGENCY_TYPES } from '../agency-types';
import {
  AGE_BANDS, CASE_SOURCES, CONSENT_GIVERS, CONSENT_PURPOSES, DATA_CATEGORIES, EXPLOITATION_TYPES,
  GUARDIAN_RELATIONSHIPS, MODUS_CODES, RISK_FACTORS, RISK_LEVELS, SEXES, VICTIM_STATUSES,
} from '../vocabulary';

export const INTAKE_EVENTS = {
  CaseOpened: {
    caseId: id,
    regionCode,
    source: oneOf(CASE_SOURCES),
    exploitationTypes: listOf(oneOf(EXPLOITATION_TYPES)),
    modusCodes: listOf(oneOf(MODUS_CODES)),
    openedByUnitId: id,
    leadUnitId: id,
    leadAgencyType: oneOf(AGENCY_TYPES),
    interceptionReportId: optional(id),
    openedAt: isoDateTime,
  },
  /** No birth date here: it is used only to derive `isChild` and `ageBand`, then dropped. */
  VictimRegistered: {
    caseId: id,
    subjectRef: id,
    identity: sealedIdentity,
    sex: oneOf(SEXES),
    nationality: country,
    originRegionCode: optional(regionCode),
    ageBand: oneOf(AGE_BANDS),
    isChild: bool,
    registeredAt: isoDateTime,
  },
  VictimStatusDetermined: { caseId: id, subjectRef: id, status: oneOf(VICTIM_STATUSES), reason: text, determinedAt: isoDateTime },
  GuardianAppointed: {
    caseId: id,
    victimRef: id,
    guardianRef: id,
    identity: sealedIdentity,
    relationship: oneOf(GUARDIAN_RELATIONSHIPS),
    appointedAt: isoDateTime,
  },
  ConsentRecorded: {
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
    recordedAt: isoDateTime,
  },
  ConsentWithdrawn: { caseId: id, consentId: id, subjectRef: id, reason: optional(text), withdrawnAt: isoDateTime },
  RiskAssessed: { caseId: id, subjectRef: id, level: oneOf(RISK_LEVELS), factors: listOf(oneOf(RISK_FACTORS)), assessedAt: isoDateTime },
} as const;
