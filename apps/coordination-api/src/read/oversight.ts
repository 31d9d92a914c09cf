import { regionCovers, type Principal } from '@tppo/access';
import type { StoredEvent } from '@tppo/eventsourcing';
import { ProblemException } from '../errors/problem';

/**
 * Only oversight bodies (KemenPPPA, task forces) read a case from outside it; their routes declare so
 * (`@Access({ audience: OVERSIGHT, scope: 'jurisdiction' })`) and call this.
 * The case's region, from its first event, when it lies in the caller's jurisdiction (the ministry's
 * is the nation, a task force's its province); otherwise the same 404 as a case that does not exist.
 */
export const regionInJurisdiction = (principal: Principal, opened: Pick<StoredEvent, 'type' | 'data'> | undefined): string => {
  const regionCode = opened?.type === 'CaseOpened' ? String(opened.data['regionCode']) : undefined;
  if (!regionCode || !regionCovers(principal.regionCode, regionCode)) throw new ProblemException(404, 'NOT_FOUND', 'Not found', 'No such case');
  return regionCode;
};
