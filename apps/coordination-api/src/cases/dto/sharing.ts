import type { FieldDoc } from './body';

/** Given instead of a consent when the law allows sharing without one (then both are required). */
export const OVERRIDE_DOCS: { readonly legalBasis: FieldDoc; readonly justification: FieldDoc } = {
  legalBasis: { description: 'The law that allows sharing without consent; requires a justification' },
  justification: { description: 'Why the legal basis applies; requires legalBasis' },
};
