import { EventRegistry, type EventSchema } from '@tppo/eventsourcing';
import { CASE_EVENT_SPECS } from './case.events';
import { INTERCEPTION_EVENTS } from './interception/interception.events';
import { problemsOf, type Spec } from './shared/fields';

/** Every case and interception event type at schema version 1; `validate` refuses a malformed payload before it is written. */
const schemas = (specs: Readonly<Record<string, Spec>>): EventSchema[] =>
  Object.entries(specs).map(([type, spec]) => ({ type, version: 1, validate: (data) => problemsOf(data, spec) }));

export const caseEventRegistry = new EventRegistry([...schemas(CASE_EVENT_SPECS), ...schemas(INTERCEPTION_EVENTS)]);
