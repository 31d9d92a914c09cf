export * from './contract';
export * from './checkpoint-contract';
export * from './asyncapi';
