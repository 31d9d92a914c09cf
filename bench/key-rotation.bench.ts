/**
 * Master key rotation benchmark (figures, not a test): BENCH_KEYS (10,000) data keys, created
 * through the key store as the API creates them, then rewrapped under a new master key in batches
 * of BENCH_BATCH (1,000) as `npm run keys -- rotate-master` does, each batch one synced commit.
 * Run: `npm run -s bench:key-rotation`.
 * Last stdout line: {"rotationKeysPerSecond":…, "keys":…, "batchSize":…, "seconds":…}
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadOrCreateMasterKey, MasterKeyRotation, runRotation, SqliteKeyStore, writeMasterKeyFile } from '@tppo/protected-data';

const KEYS = Number(process.env['BENCH_KEYS'] ?? 10_000);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 1_000);

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-key-rotation-'));
  const file = join(dir, 'keys.db');
  const keyFile = join(dir, 'master.key');
  const nextKeyFile = join(dir, 'master.key.next');
  try {
    const currentMaster = loadOrCreateMasterKey(keyFile);
    const keys = SqliteKeyStore.open({ file, masterKey: currentMaster, cacheSize: 1 });
    for (let n = 0; n < KEYS; n += 1) await keys.activeKey(`subject-${n}`);
    await keys.close();

    const nextMaster = randomBytes(32);
    writeMasterKeyFile(nextKeyFile, nextMaster);
    const started = performance.now();
    const rotation = MasterKeyRotation.open({ file, currentMaster, nextMaster, nextKeyFile, keyFile });
    rotation.start();
    const rewrapped = await runRotation(rotation, { batchSize: BATCH });
    rotation.close();
    const seconds = (performance.now() - started) / 1000;
    if (rewrapped !== KEYS) throw new Error(`rewrapped ${rewrapped} keys of ${KEYS}`);
    process.stdout.write(`${JSON.stringify({ rotationKeysPerSecond: Math.round(KEYS / seconds), keys: KEYS, batchSize: BATCH, seconds: Number(seconds.toFixed(3)) })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

void main();
