/**
 * Personal-data protector benchmark (figures, not a test): seals and opens of one identity, one at a
 * time and with 64 callers at once, for BENCH_SUBJECTS (100) subjects whose keys sit in the key
 * store's cache, so the figures are the cipher and its envelope rather than SQLite.
 * Run: `npm run -s bench:protected-data`.
 * Last stdout line: {"sealsPerSecond":…, "opensPerSecond":…, "concurrentSealsPerSecond":…, "concurrentOpensPerSecond":…, "format":…}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadOrCreateMasterKey, PersonalDataProtector, SqliteKeyStore } from '@tppo/protected-data';

const OPERATIONS = Number(process.env['BENCH_OPERATIONS'] ?? 20_000);
const SUBJECTS = Number(process.env['BENCH_SUBJECTS'] ?? 100);
const CALLERS = 64;
/** Invented, about the size of a victim's identity as the API seals it. */
const IDENTITY = { fullName: 'Rekaan Nama Lengkap', nik: '0000000000000009', birthDate: '2009-03-04', village: 'Desa Contoh', phone: '+62 000 0000 0000' };

const perSecond = async (total: number, callers: number, operation: (n: number) => Promise<unknown>): Promise<number> => {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      for (let n = next++; n < total; n = next++) await operation(n);
    }),
  );
  return Math.round(total / ((performance.now() - started) / 1000));
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-protected-data-'));
  const keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: loadOrCreateMasterKey(join(dir, 'master.key')), cacheSize: SUBJECTS });
  try {
    const protector = new PersonalDataProtector(keys);
    const subject = (n: number) => `subj-${n % SUBJECTS}`;
    const sealed = await Promise.all(Array.from({ length: SUBJECTS }, (_, n) => protector.seal(subject(n), IDENTITY)));
    // Warm up the JIT and the cipher before anything is timed.
    for (let n = 0; n < 2_000; n += 1) await protector.open(sealed[n % SUBJECTS]!);

    const figures = {
      sealsPerSecond: await perSecond(OPERATIONS, 1, (n) => protector.seal(subject(n), IDENTITY)),
      opensPerSecond: await perSecond(OPERATIONS, 1, (n) => protector.open(sealed[n % SUBJECTS]!)),
      concurrentSealsPerSecond: await perSecond(OPERATIONS, CALLERS, (n) => protector.seal(subject(n), IDENTITY)),
      concurrentOpensPerSecond: await perSecond(OPERATIONS, CALLERS, (n) => protector.open(sealed[n % SUBJECTS]!)),
      format: sealed[0]!.slice(0, 'pii.v1.'.length),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

void main();
