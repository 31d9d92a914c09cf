export * from './contract';
export * from './asyncapi';
