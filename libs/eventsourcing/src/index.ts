export * from './envelope';
export * from './hash-chain';
export * from './event-store.port';
export * from './decider';
export * from './errors';
export * from './event-registry';
export * from './handle-command';
export * from './protected-value';
export { canonicalJson } from './canonical-json';
