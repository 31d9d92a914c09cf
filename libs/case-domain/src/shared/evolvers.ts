import type { CaseEvent, CaseEventType } from '../case.events';
import type { ExistingCaseState } from '../case.state';

/**
 * One seam's part of `evolveCase`: how each of its event types folds into the case. Keyed by type, so
 * a seam that forgets one of its events, or a case that forgets a seam, does not build.
 */
export type Evolvers<T extends CaseEventType> = {
  readonly [K in T]: (s: ExistingCaseState, event: Extract<CaseEvent, { type: K }>) => ExistingCaseState;
};

/** A fact with no bearing on the rules: kept in the stream for the read models and the audit. */
export const unchanged = (s: ExistingCaseState): ExistingCaseState => s;

export const put = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value);
export const change = <K, V>(map: ReadonlyMap<K, V>, key: K, patch: (v: V) => V): ReadonlyMap<K, V> => {
  const current = map.get(key);
  return current === undefined ? map : put(map, key, patch(current));
};
