import type { DomainEvent } from '@tppo/eventsourcing';
import type { DataOf } from './shared/fields';
import { type EventsOf, typesOf } from './shared/message-specs';
import { CASE_EVENTS_OF_SEAMS } from './seams';

/** Every event a case stream may hold, at its current schema version (1), as field specs. */
export const CASE_EVENT_SPECS = CASE_EVENTS_OF_SEAMS;

export type CaseEventType = keyof typeof CASE_EVENT_SPECS;
export type CaseEventData<T extends CaseEventType> = DataOf<(typeof CASE_EVENT_SPECS)[T]>;
export type CaseEvent = EventsOf<typeof CASE_EVENT_SPECS>;

export const CASE_EVENT_TYPES = typesOf(CASE_EVENT_SPECS);

/**
 * Drops keys whose value is undefined, at every depth: event data is hashed canonically and must be
 * JSON, where an `undefined` key does not exist.
 */
export const withoutUndefined = <D>(data: D): D => {
  if (Array.isArray(data)) return data.map(withoutUndefined) as D;
  if (typeof data !== 'object' || data === null) return data;
  return Object.fromEntries(
    Object.entries(data)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  ) as D;
};

/** Builds an event with JSON-clean data (see withoutUndefined). */
export const caseEvent = <T extends CaseEventType>(type: T, data: CaseEventData<T>): DomainEvent<T, CaseEventData<T>> => ({ type, data: withoutUndefined(data) });
