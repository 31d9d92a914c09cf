export * from './sqlite-worker-source';
export * from './turn-batch';
