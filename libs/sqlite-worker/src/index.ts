export * from './sqlite-worker-source';
