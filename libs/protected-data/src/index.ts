export * from './key-store.port';
export * from './sqlite-key-store';
export * from './personal-data-protector';
export * from './subject-key-id';
export { masterKeyId, readMasterKeyFile, unwrapDataKey, writeMasterKeyFile } from './master-key';
export { keysByMaster, openKeyDatabase, readRotation, type MasterKeyRotationRecord } from './key-database';
export * from './master-key-rotation';
