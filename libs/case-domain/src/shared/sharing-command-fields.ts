import { oneOf, optional, text } from './fields';
import { givenTogether } from './cross-field-rules';
import { LEGAL_BASES } from '../vocabulary';

/** Given instead of a consent when the law allows sharing without one. */
export const overrideFields = { legalBasis: optional(oneOf(LEGAL_BASES)), justification: optional(text) };

/** legalBasis and justification come together: an override without a reason is not an override. */
export const overrideNeedsJustification = givenTogether('legalBasis', 'justification', 'legalBasis and justification must be given together');
