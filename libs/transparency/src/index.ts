export * from './merkle';
export * from './checkpoint';
export * from './event-leaf';
export * from './verify-evidence';
export * from './node-crypto';
export * from './verify-clocks';
export * from './node-cache';
