import type { Command } from '@tppo/eventsourcing';
import type { DataOf, Refinement } from './shared/fields';
import { INTAKE_COMMANDS, INTAKE_REFINEMENTS } from './intake/intake.commands';
import { REFERRAL_COMMANDS, REFERRAL_REFINEMENTS } from './referral/referral.commands';
import { HANDOFF_COMMANDS, HANDOFF_REFINEMENTS } from './handoff/handoff.commands';
import { SERVICES_COMMANDS, SERVICES_REFINEMENTS } from './services/services.commands';
import { JUSTICE_COMMANDS, JUSTICE_REFINEMENTS } from './justice/justice.commands';
import { CLOSURE_COMMANDS } from './closure/closure.commands';

/** Every command a case accepts, as field specs: the payload types below are derived from them. */
export const CASE_COMMAND_SPECS = {
  ...INTAKE_COMMANDS,
  ...REFERRAL_COMMANDS,
  ...HANDOFF_COMMANDS,
  ...SERVICES_COMMANDS,
  ...JUSTICE_COMMANDS,
  ...CLOSURE_COMMANDS,
} as const;

export type CaseCommandType = keyof typeof CASE_COMMAND_SPECS;
export type CaseCommandData<T extends CaseCommandType> = DataOf<(typeof CASE_COMMAND_SPECS)[T]>;
export type CaseCommandOf<T extends CaseCommandType> = Command<T, CaseCommandData<T>>;
export type CaseCommand = { [T in CaseCommandType]: CaseCommandOf<T> }[CaseCommandType];

export const CASE_COMMAND_TYPES = Object.keys(CASE_COMMAND_SPECS) as CaseCommandType[];

/** Checks that need more than one field. */
export const CASE_COMMAND_REFINEMENTS: { readonly [T in CaseCommandType]?: Refinement<CaseCommandData<T>> } = {
  ...INTAKE_REFINEMENTS,
  ...REFERRAL_REFINEMENTS,
  ...HANDOFF_REFINEMENTS,
  ...SERVICES_REFINEMENTS,
  ...JUSTICE_REFINEMENTS,
};
