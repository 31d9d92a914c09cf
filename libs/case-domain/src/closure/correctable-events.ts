import { bool, country, id, isoDate, isoDateTime, listOf, objectOf, oneOf, optional, positive, regionCode, sealedIdentity, text } from '../shared/fields';
import {
  AGE_BANDS, CASE_SOURCES, EXPLOITATION_TYPES, HEARING_AGENDAS, MODUS_CODES, POLICE_REPORT_KINDS,
  RISK_FACTORS, RISK_LEVELS, SEXES,
} from '../vocabulary';

/**
 * Which recorded facts may be corrected, and which of their fields. Events are never edited: a
 * correction is a new `<Original>Corrected` event naming the original and carrying only the changed
 * fields. Decisions and hand-overs (referrals, handoffs, P-19/P-21, verdicts) are not correctable: a
 * wrong decision is answered by the next decision, and rewriting a clock's start would hide a breach.
 */
export const CORRECTABLE_FIELDS = {
  CaseOpened: {
    regionCode: optional(regionCode),
    source: optional(oneOf(CASE_SOURCES)),
    exploitationTypes: optional(listOf(oneOf(EXPLOITATION_TYPES))),
    modusCodes: optional(listOf(oneOf(MODUS_CODES))),
  },
  /** `isChild` is not given: it follows from a corrected age band, as at registration. */
  VictimRegistered: {
    identity: optional(sealedIdentity),
    sex: optional(oneOf(SEXES)),
    nationality: optional(country),
    originRegionCode: optional(regionCode),
    ageBand: optional(oneOf(AGE_BANDS)),
  },
  RiskAssessed: { level: optional(oneOf(RISK_LEVELS)), factors: optional(listOf(oneOf(RISK_FACTORS))) },
  PoliceReportRegistered: { reportNumber: optional(text), reportKind: optional(oneOf(POLICE_REPORT_KINDS)), reportedOn: optional(isoDate) },
  HearingHeld: { heldOn: optional(isoDate), agenda: optional(oneOf(HEARING_AGENDAS)) },
  RestitutionAssessed: { amount: optional(positive) },
} as const;

export type CorrectableEventType = keyof typeof CORRECTABLE_FIELDS;
export const CORRECTABLE_EVENT_TYPES = Object.keys(CORRECTABLE_FIELDS) as CorrectableEventType[];
export const isCorrectable = (type: string): type is CorrectableEventType => type in CORRECTABLE_FIELDS;

const correction = <F extends Parameters<typeof objectOf>[0]>(fields: F) =>
  ({ caseId: id, correctsEventId: id, corrected: objectOf(fields, 'Corrected'), reason: text, correctedAt: isoDateTime }) as const;

export const CORRECTION_EVENTS = {
  CaseOpenedCorrected: correction(CORRECTABLE_FIELDS.CaseOpened),
  VictimRegisteredCorrected: correction({ ...CORRECTABLE_FIELDS.VictimRegistered, isChild: optional(bool) }),
  RiskAssessedCorrected: correction(CORRECTABLE_FIELDS.RiskAssessed),
  PoliceReportRegisteredCorrected: correction(CORRECTABLE_FIELDS.PoliceReportRegistered),
  HearingHeldCorrected: correction(CORRECTABLE_FIELDS.HearingHeld),
  RestitutionAssessedCorrected: correction(CORRECTABLE_FIELDS.RestitutionAssessed),
} as const;

export const correctionTypeOf = <T extends CorrectableEventType>(type: T): `${T}Corrected` => `${type}Corrected`;

/** Every field some correctable event type lets a correction change; which ones apply depends on the event. */
export const CORRECTABLE_FIELD_NAMES: readonly string[] = [...new Set(Object.values(CORRECTABLE_FIELDS).flatMap((fields) => Object.keys(fields)))].sort();
