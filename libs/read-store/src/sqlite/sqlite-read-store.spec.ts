import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadStoreContract } from '../contract/read-store.contract';
import { SqliteReadStore } from './sqlite-read-store';

describeReadStoreContract('SQLite', async () => SqliteReadStore.open(join(mkdtempSync(join(tmpdir(), 'reads-')), 'reads.db')));
