import { AGE_BANDS, AGENCY_TYPES, ROUTE_KINDS, SEXES } from '@tppo/case-domain';
import { CountField, CountryField, DateField, EnumField, EnumListField, IdListField, NestedListField, RegionCodeField, TextField } from '../dto/fields';

export class InterceptedCountDto {
  @EnumField(SEXES) sex!: (typeof SEXES)[number];
  @EnumField(AGE_BANDS) ageBand!: (typeof AGE_BANDS)[number];
  @CountField({ min: 1, max: 10_000 }) count!: number;
}

/** Counts only, never names: the people stopped are not data subjects of this report. */
export class ReportDepartureInterceptionDto {
  @DateField() interceptedOn!: string;
  @TextField({ maxLength: 200, example: 'Pelabuhan Tunon Taka, Nunukan' }) placeName!: string;
  @RegionCodeField() regionCode!: string;
  @EnumField(ROUTE_KINDS) routeKind!: (typeof ROUTE_KINDS)[number];
  @CountryField() destinationCountry!: string;
  @NestedListField(() => InterceptedCountDto, { minItems: 1, maxItems: SEXES.length * AGE_BANDS.length, description: 'One entry per sex and age band' })
  counts!: InterceptedCountDto[];
  @EnumListField(AGENCY_TYPES, { minItems: 1 }) agenciesInvolved!: (typeof AGENCY_TYPES)[number][];
  @IdListField({ description: 'Cases opened for people stopped here' }) linkedCaseIds!: string[];
}
