export * from './sqlite/sqlite-event-store';
export * from './eventstoredb/eventstoredb-event-store';
export { SCHEMA_VERSION } from './sqlite/schema';
// The contract suite and its record builders are test code (they use jest's globals): import them
// from `src/contract/*` in specs, so the application's build never pulls them in.
