export * from './serve-sqlite';
export * from './start-worker';
export * from './turn-batch';
