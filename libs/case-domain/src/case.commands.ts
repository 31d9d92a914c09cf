import type { Command } from '@tppo/eventsourcing';
import type { DataOf, Refinement } from './shared/fields';
import { type CommandsOf, typesOf } from './shared/message-specs';
import { CASE_COMMANDS_OF_SEAMS, CASE_REFINEMENTS_OF_SEAMS } from './seams';

/** Every command a case accepts, as field specs: the payload types below are derived from them. */
export const CASE_COMMAND_SPECS = CASE_COMMANDS_OF_SEAMS;

export type CaseCommandType = keyof typeof CASE_COMMAND_SPECS;
export type CaseCommandData<T extends CaseCommandType> = DataOf<(typeof CASE_COMMAND_SPECS)[T]>;
export type CaseCommandOf<T extends CaseCommandType> = Command<T, CaseCommandData<T>>;
export type CaseCommand = CommandsOf<typeof CASE_COMMAND_SPECS>;

export const CASE_COMMAND_TYPES = typesOf(CASE_COMMAND_SPECS);

/** Checks that need more than one field. */
export const CASE_COMMAND_REFINEMENTS: { readonly [T in CaseCommandType]?: Refinement<CaseCommandData<T>> } = CASE_REFINEMENTS_OF_SEAMS;
