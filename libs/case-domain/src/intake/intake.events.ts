import { bool, id, isoDateTime, oneOf, optional, text } from '../shared/fields';
import { AGENCY_TYPES } from '../agency-types';
import { AGE_BANDS } from '../vocabulary';
import { INTAKE_COMMANDS, VICTIM_FACTS } from './intake.commands';

export const INTAKE_EVENTS = {
  /** What the command gave, with who opened the case and who leads it. */
  CaseOpened: {
    ...INTAKE_COMMANDS.OpenCase,
    openedByUnitId: id,
    leadUnitId: id,
    leadAgencyType: oneOf(AGENCY_TYPES),
    openedAt: isoDateTime,
  },
  /** No birth date here: it is used only to derive `isChild` and `ageBand`, then dropped. */
  VictimRegistered: {
    ...VICTIM_FACTS,
    ageBand: oneOf(AGE_BANDS),
    isChild: bool,
    registeredAt: isoDateTime,
  },
  VictimStatusDetermined: { ...INTAKE_COMMANDS.DetermineVictimStatus, determinedAt: isoDateTime },
  GuardianAppointed: { ...INTAKE_COMMANDS.AppointGuardian, appointedAt: isoDateTime },
  ConsentRecorded: { ...INTAKE_COMMANDS.RecordConsent, recordedAt: isoDateTime },
  ConsentWithdrawn: { caseId: id, consentId: id, subjectRef: id, reason: optional(text), withdrawnAt: isoDateTime },
  RiskAssessed: { ...INTAKE_COMMANDS.AssessRisk, assessedAt: isoDateTime },
} as const;
