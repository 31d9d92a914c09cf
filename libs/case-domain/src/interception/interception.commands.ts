import { country, id, isoDate, listOf, objectOf, oneOf, positive, regionCode, text, type Refinement } from '../shared/fields';
import { AGENCY_TYPES } from '../agency-types';
import { AGE_BANDS, ROUTE_KINDS, SEXES } from '../vocabulary';

export const INTERCEPTION_COMMANDS = {
  /** Counts only, never names: the people stopped are not data subjects of this report. */
  ReportDepartureInterception: {
    reportId: id,
    interceptedOn: isoDate,
    placeName: text,
    regionCode,
    routeKind: oneOf(ROUTE_KINDS),
    destinationCountry: country,
    counts: listOf(objectOf({ sex: oneOf(SEXES), ageBand: oneOf(AGE_BANDS), count: positive }), 1),
    agenciesInvolved: listOf(oneOf(AGENCY_TYPES), 1),
    linkedCaseIds: listOf(id),
  },
} as const;

export type InterceptionCommandType = keyof typeof INTERCEPTION_COMMANDS;

export const INTERCEPTION_REFINEMENTS = {
  ReportDepartureInterception: ((d) => {
    const groups = d.counts.map((c) => `${c.sex}/${c.ageBand}`);
    return new Set(groups).size === groups.length ? [] : ['counts name each sex and age band once'];
  }) as Refinement<{ counts: readonly { sex: string; ageBand: string }[] }>,
};
