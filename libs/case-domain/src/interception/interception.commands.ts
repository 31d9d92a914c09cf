import { country, id, isoDate, listOf, objectOf, oneOf, refinement, regionCode, shortText, wholeNumber } from '../shared/fields';
import { AGENCY_TYPES } from '../agency-types';
import { AGE_BANDS, ROUTE_KINDS, SEXES } from '../vocabulary';

export const INTERCEPTION_COMMANDS = {
  /** Counts only, never names: the people stopped are not data subjects of this report. */
  ReportDepartureInterception: {
    reportId: id,
    interceptedOn: isoDate,
    placeName: shortText,
    regionCode,
    routeKind: oneOf(ROUTE_KINDS),
    destinationCountry: country,
    counts: listOf(objectOf({ sex: oneOf(SEXES), ageBand: oneOf(AGE_BANDS), count: wholeNumber(1, 10_000) }, 'InterceptedCount'), 1, SEXES.length * AGE_BANDS.length),
    agenciesInvolved: listOf(oneOf(AGENCY_TYPES), 1),
    linkedCaseIds: listOf(id, 0, 100),
  },
} as const;

export type InterceptionCommandType = keyof typeof INTERCEPTION_COMMANDS;

export const INTERCEPTION_REFINEMENTS = {
  // JSON Schema cannot say "unique by two of the fields": the API's document says it in words.
  ReportDepartureInterception: refinement((d: { readonly counts: readonly { readonly sex: string; readonly ageBand: string }[] }) => {
    const groups = d.counts.map((c) => `${c.sex}/${c.ageBand}`);
    return new Set(groups).size === groups.length ? [] : ['counts name each sex and age band once'];
  }),
};
