import { interceptionCommandBody } from '../dto/body';

/** Counts only, never names: the people stopped are not data subjects of this report. */
export class ReportDepartureInterceptionDto extends interceptionCommandBody(
  'ReportDepartureInterception',
  {
    placeName: { example: 'Pelabuhan Tunon Taka, Nunukan' },
    destinationCountry: { description: 'ISO 3166-1 alpha-2', example: 'MY' },
    counts: { description: 'One entry per sex and age band' },
    linkedCaseIds: { description: 'Cases opened for people stopped here' },
  },
  'counts name each sex and age band once',
) {}
