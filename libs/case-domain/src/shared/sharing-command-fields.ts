import { oneOf, optional, text } from './fields';
import { LEGAL_BASES } from '../vocabulary';

/** Given instead of a consent when the law allows sharing without one. */
export const overrideFields = { legalBasis: optional(oneOf(LEGAL_BASES)), justification: optional(text) };
