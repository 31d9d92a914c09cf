import { existsSync } from 'node:fs';
import { loadOrCreateMasterKey } from '@tppo/protected-data';
import type { AppConfig } from '../config/app-config';

/** The master key the API starts with; unlike the API, a command-line tool never creates one. */
export const existingMasterKey = (config: Pick<AppConfig, 'keyStore'>): Buffer => {
  const { masterKeyFile, masterKeyBase64 } = config.keyStore;
  if (masterKeyBase64 === undefined && !existsSync(masterKeyFile)) throw new Error(`No master key: DATA_MASTER_KEY is unset and ${masterKeyFile} does not exist`);
  return loadOrCreateMasterKey(masterKeyFile, masterKeyBase64);
};
