import { country, id, isoDate, isoDateTime, listOf, objectOf, oneOf, positive, regionCode, text } from '../shared/fields';
import { AGENCY_TYPES } from '../agency-types';
import { AGE_BANDS, ROUTE_KINDS, SEXES } from '../vocabulary';

export const INTERCEPTION_EVENTS = {
  DepartureIntercepted: {
    reportId: id,
    interceptedOn: isoDate,
    placeName: text,
    regionCode,
    routeKind: oneOf(ROUTE_KINDS),
    destinationCountry: country,
    counts: listOf(objectOf({ sex: oneOf(SEXES), ageBand: oneOf(AGE_BANDS), count: positive }), 1),
    total: positive,
    agenciesInvolved: listOf(oneOf(AGENCY_TYPES), 1),
    linkedCaseIds: listOf(id),
    reportedByUnitId: id,
    reportedByAgencyType: oneOf(AGENCY_TYPES),
    reportedAt: isoDateTime,
  },
} as const;
