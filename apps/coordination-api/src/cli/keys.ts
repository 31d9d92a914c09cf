/**
 * The data key store's master key, from the command line. Never prints a key.
 *
 *   npm run keys -- status [--data-dir <dir>]
 *   npm run keys -- rotate-master [--data-dir <dir>] [--batch-size <n>] [--max-rate <keys/s>] [--progress-every <n>]
 *
 * `rotate-master` rewraps every data key under a new master key while the API keeps running. The
 * new key is written to `<MASTER_KEY_FILE>.next` (0600) first; a running API reads it from there
 * when it meets a key wrapped by it. Killed or failed, the command is run again and carries on
 * where it stopped. Once every key is rewrapped the new file is renamed onto MASTER_KEY_FILE, and
 * the old master key opens nothing. With DATA_MASTER_KEY the file stays, to be moved into the
 * secret store by hand.
 *
 * `status` prints JSON on stdout; `rotate-master` prints progress on stderr and a JSON summary on
 * stdout. Exit code 1: bad usage; 2: the key store or a master key is not as expected.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  keysByMaster,
  loadOrCreateMasterKey,
  masterKeyId,
  MasterKeyRotation,
  openKeyDatabase,
  readMasterKeyFile,
  readRotation,
  retireOldMasterKeyFile,
  runRotation,
  SqliteKeyStore,
  writeMasterKeyFile,
} from '@tppo/protected-data';
import { loadConfig, type AppConfig } from '../config/app-config';
import { existingMasterKey } from './existing-master-key';

const USAGE = `Usage: npm run keys -- status [--data-dir <dir>]
       npm run keys -- rotate-master [--data-dir <dir>] [--batch-size <n>] [--max-rate <keys/s>] [--progress-every <n>]

  status          which master key (by id) wraps how many data keys, and whether a rotation is under way
  rotate-master   rewraps every data key under a new master key (<MASTER_KEY_FILE>.next), online and resumable
  --data-dir      the data folder (default: $DATA_DIR or ./data)
  --batch-size    keys rewrapped per transaction (default 1000)
  --max-rate      at most this many keys per second, to spare a busy disk (default: no limit)
  --progress-every  a progress line on stderr every this many keys (default 10000)

Environment: DATA_DIR, KEY_STORE_FILE, MASTER_KEY_FILE, DATA_MASTER_KEY (as the API reads them).`;

class UsageError extends Error {}

const log = (line: string) => process.stderr.write(`keys: ${line}\n`);

const positiveInteger = (name: string, text: string | undefined, fallback: number | undefined): number | undefined => {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`--${name} must be a whole number above 0, got ${JSON.stringify(text)}`);
  return Number(text);
};

/** The new master key: the one an interrupted run left, or a fresh one, on disk before any key is wrapped with it. */
const nextMasterKey = (file: string): Buffer => {
  if (existsSync(file)) {
    const key = readMasterKeyFile(file);
    if (!key) throw new Error(`${file} does not hold a 32-byte base64 key; move it away to start a new rotation`);
    return key;
  }
  const key = randomBytes(32);
  writeMasterKeyFile(file, key);
  return key;
};

const status = (config: AppConfig): void => {
  if (!existsSync(config.keyStore.file)) throw new Error(`No key store at ${config.keyStore.file}`);
  const db = openKeyDatabase(config.keyStore.file);
  try {
    const rotation = readRotation(db);
    const { masterKeyFile, masterKeyBase64 } = config.keyStore;
    const configured = masterKeyBase64 !== undefined || existsSync(masterKeyFile) ? masterKeyId(loadOrCreateMasterKey(masterKeyFile, masterKeyBase64)) : null;
    const byMaster = keysByMaster(db);
    const report = {
      keys: byMaster.reduce((sum, row) => sum + row.keys, 0),
      byMaster,
      configuredMasterKeyId: configured,
      rotation: rotation ? { ...rotation, underWay: rotation.completedAt === null } : null,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    db.close();
  }
};

const rotateMaster = async (config: AppConfig, options: { batchSize: number; maxRate: number | undefined; progressEvery: number }): Promise<void> => {
  if (!existsSync(config.keyStore.file)) throw new Error(`No key store at ${config.keyStore.file}`);
  const currentMaster = existingMasterKey(config);
  // Refused here, before a new key file is written, when the current master key is not this store's.
  await SqliteKeyStore.open({ file: config.keyStore.file, masterKey: currentMaster, cacheSize: 1 }).close();
  const nextKeyFile = `${config.keyStore.masterKeyFile}.next`;
  const keyFile = config.keyStore.masterKeyBase64 === undefined ? config.keyStore.masterKeyFile : null;
  const rotation = MasterKeyRotation.open({ file: config.keyStore.file, currentMaster, nextMaster: nextMasterKey(nextKeyFile), nextKeyFile, keyFile });
  const started = performance.now();
  let rewrapped = 0;
  let skipped = 0;
  try {
    const start = rotation.start();
    skipped = start.alreadyRewrapped;
    const what = `master key ${rotation.fromMaster} to ${rotation.toMaster}`;
    if (start.completed) log(`the rotation from ${what} already rewrapped every key`);
    else log(`${start.resumed ? 'resuming the rotation' : 'rotating'} from ${what}: ${start.total} data keys, ${start.alreadyRewrapped} already rewrapped`);
    let reported = 0;
    if (!start.completed) {
      rewrapped = await runRotation(rotation, {
        batchSize: options.batchSize,
        maxKeysPerSecond: options.maxRate,
        onBatch: (progress) => {
          if (progress.rewrapped - reported < options.progressEvery && progress.left > 0) return;
          reported = progress.rewrapped;
          log(`${progress.rewrapped} rewrapped, ${progress.left} left, ${((performance.now() - started) / 1000).toFixed(1)} s`);
        },
      });
    }
  } finally {
    rotation.close();
  }
  if (keyFile === null) {
    log(`every data key is under master key ${rotation.toMaster}: put the contents of ${nextKeyFile} into DATA_MASTER_KEY, restart the API with it, then delete the file`);
  } else {
    retireOldMasterKeyFile(nextKeyFile, keyFile);
    log(`master key ${rotation.toMaster} is now in ${keyFile}; master key ${rotation.fromMaster} is retired`);
  }
  const seconds = (performance.now() - started) / 1000;
  const keysPerSecond = Math.round(rewrapped / seconds);
  log(`done: ${rewrapped} rewrapped, ${skipped} skipped, ${seconds.toFixed(2)} s, ${keysPerSecond} keys/s`);
  process.stdout.write(`${JSON.stringify({ rewrapped, skipped, seconds: Number(seconds.toFixed(3)), keysPerSecond, masterKeyId: rotation.toMaster })}\n`);
};

const main = async (argv: readonly string[]): Promise<void> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'data-dir': { type: 'string' },
        'batch-size': { type: 'string' },
        'max-rate': { type: 'string' },
        'progress-every': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig({ ...process.env, ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}) });
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected ${JSON.stringify(rest.join(' '))}`);
  switch (command) {
    case 'status':
      return status(config);
    case 'rotate-master':
      return rotateMaster(config, {
        batchSize: positiveInteger('batch-size', values['batch-size'], 1_000)!,
        maxRate: positiveInteger('max-rate', values['max-rate'], undefined),
        progressEvery: positiveInteger('progress-every', values['progress-every'], 10_000)!,
      });
    default:
      throw new UsageError(command === undefined ? 'a command is required' : `unknown command ${JSON.stringify(command)}`);
  }
};

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError;
  // Key store and master key errors name key ids and files only, never a key.
  process.stderr.write(`keys: ${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}\n` : ''}`);
  process.exitCode = usage ? 1 : 2;
});
