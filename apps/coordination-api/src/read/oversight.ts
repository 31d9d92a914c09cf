import { ApiProperty } from '@nestjs/swagger';
import { NATIONAL_REGION, regionCovers, type Principal, type UnitRegistry } from '@tppo/access';
import type { StoredEvent } from '@tppo/eventsourcing';
import { whereaboutsOf, type CaseWhereabouts, type JurisdictionGround } from '@tppo/read-models';
import { ProblemException } from '../errors/problem';

export const JURISDICTION_GROUNDS: readonly JurisdictionGround[] = ['NATIONAL', 'CASE_REGION', 'LEAD_UNIT_REGION', 'VICTIM_ORIGIN'];

/** Why the caller, an oversight body, sees this case. */
export class JurisdictionView {
  @ApiProperty({ description: "The caller's region (00: the nation)" }) regionCode!: string;
  @ApiProperty({
    enum: JURISDICTION_GROUNDS,
    isArray: true,
    description:
      'NATIONAL: the ministry (or the national task force) oversees every case; CASE_REGION: the case was opened in the region; ' +
      'LEAD_UNIT_REGION: the unit leading it now is in the region; VICTIM_ORIGIN: a victim comes from the region, wherever found',
  })
  grounds!: JurisdictionGround[];
}

/**
 * The grounds on which an overseer of `overseerRegion` sees the case, in a fixed order; empty when it
 * does not. A task force answers for its region's cases and for its region's people.
 */
export const jurisdictionGrounds = (overseerRegion: string, where: CaseWhereabouts, regionOfUnit: (unitId: string) => string | undefined): JurisdictionGround[] => {
  if (overseerRegion === NATIONAL_REGION) return ['NATIONAL'];
  const grounds: JurisdictionGround[] = [];
  if (regionCovers(overseerRegion, where.regionCode)) grounds.push('CASE_REGION');
  const leadRegion = regionOfUnit(where.leadUnitId);
  if (leadRegion !== undefined && regionCovers(overseerRegion, leadRegion)) grounds.push('LEAD_UNIT_REGION');
  if ([...where.victimOrigins.values()].some((origin) => regionCovers(overseerRegion, origin))) grounds.push('VICTIM_ORIGIN');
  return grounds;
};

/**
 * Only oversight bodies (KemenPPPA, task forces) read a case from outside it; their routes declare so
 * (`@Access({ audience: OVERSIGHT, scope: 'jurisdiction' })`) and call this with the case's events.
 * The case's whereabouts and the grounds on which the caller sees it; otherwise the same 404 as a case
 * that does not exist.
 */
export const caseInJurisdiction = (
  principal: Principal,
  events: readonly Pick<StoredEvent, 'eventId' | 'type' | 'data'>[],
  units: UnitRegistry,
): { readonly where: CaseWhereabouts; readonly jurisdiction: JurisdictionView } => {
  const where = whereaboutsOf(events);
  const grounds = where ? jurisdictionGrounds(principal.regionCode, where, (unitId) => units.get(unitId)?.regionCode) : [];
  if (!where || grounds.length === 0) throw new ProblemException(404, 'NOT_FOUND', 'Not found', 'No such case');
  return { where, jurisdiction: { regionCode: principal.regionCode, grounds } };
};
