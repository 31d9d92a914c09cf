import { INTAKE_COMMANDS, INTAKE_REFINEMENTS } from './intake/intake.commands';
import { INTAKE_EVENTS } from './intake/intake.events';
import { REFERRAL_COMMANDS, REFERRAL_REFINEMENTS } from './referral/referral.commands';
import { REFERRAL_EVENTS } from './referral/referral.events';
import { HANDOFF_COMMANDS, HANDOFF_REFINEMENTS } from './handoff/handoff.commands';
import { HANDOFF_EVENTS } from './handoff/handoff.events';
import { SERVICES_COMMANDS, SERVICES_REFINEMENTS } from './services/services.commands';
import { SERVICES_EVENTS } from './services/services.events';
import { JUSTICE_COMMANDS, JUSTICE_REFINEMENTS } from './justice/justice.commands';
import { JUSTICE_EVENTS } from './justice/justice.events';
import { CLOSURE_COMMANDS } from './closure/closure.commands';
import { CLOSURE_EVENTS } from './closure/closure.events';
import { CORRECTION_EVENTS } from './closure/correctable-events';
import { PRIVACY_COMMANDS } from './privacy/privacy.commands';
import { PRIVACY_EVENTS } from './privacy/privacy.events';

/**
 * The seams of a case (intake, referral, handoff, services, justice, closure, privacy), each with its
 * commands, their cross-field rules and its events: listed once, joined below into the case's specs.
 */
const SEAMS = [
  { commands: INTAKE_COMMANDS, refinements: INTAKE_REFINEMENTS, events: INTAKE_EVENTS },
  { commands: REFERRAL_COMMANDS, refinements: REFERRAL_REFINEMENTS, events: REFERRAL_EVENTS },
  { commands: HANDOFF_COMMANDS, refinements: HANDOFF_REFINEMENTS, events: HANDOFF_EVENTS },
  { commands: SERVICES_COMMANDS, refinements: SERVICES_REFINEMENTS, events: SERVICES_EVENTS },
  { commands: JUSTICE_COMMANDS, refinements: JUSTICE_REFINEMENTS, events: JUSTICE_EVENTS },
  { commands: CLOSURE_COMMANDS, refinements: {}, events: { ...CLOSURE_EVENTS, ...CORRECTION_EVENTS } },
  { commands: PRIVACY_COMMANDS, refinements: {}, events: PRIVACY_EVENTS },
] as const;

type Seam = (typeof SEAMS)[number];
type Joined<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void ? { readonly [K in keyof I]: I[K] } : never;

/** One part of every seam, as one object: a name given twice is a bug, and fails at load. */
const joined = <K extends keyof Seam>(part: K): Joined<Seam[K]> => {
  const all: Record<string, unknown> = {};
  for (const seam of SEAMS) {
    for (const [name, value] of Object.entries(seam[part])) {
      if (Object.hasOwn(all, name)) throw new Error(`Two seams of a case both declare ${name}`);
      all[name] = value;
    }
  }
  return all as Joined<Seam[K]>;
};

/** Every command a case accepts, as field specs. */
export const CASE_COMMANDS_OF_SEAMS = joined('commands');
/** Checks that need more than one field, by command. */
export const CASE_REFINEMENTS_OF_SEAMS = joined('refinements');
/** Every event a case stream may hold, at its current schema version (1), as field specs. */
export const CASE_EVENTS_OF_SEAMS = joined('events');
