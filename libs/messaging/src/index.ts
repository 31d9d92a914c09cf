export * from './messaging.port';
export * from './kafka';
export * from './relay';
export * from './checkpoint-relay';
