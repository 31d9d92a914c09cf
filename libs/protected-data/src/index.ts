export * from './key-store.port';
export * from './sqlite-key-store';
export * from './personal-data-protector';
export * from './subject-key-id';
