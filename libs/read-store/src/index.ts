export * from './read-store.port';
export * from './sqlite/sqlite-read-store';
export * from './postgres/postgres-read-store';
export * from './projector';
