import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type JsonValue } from '@tppo/eventsourcing';
import { loadOrCreateMasterKey, masterKeyId, PersonalDataProtector, readMasterKeyFile, SqliteKeyStore, unwrapDataKey } from '@tppo/protected-data';
import { eventually } from './support/eventually';

const ROOT = join(__dirname, '..');
const SUBJECTS = 3_000;
/** Invented identities; the rotation never sees them, only their keys. */
const identity = (n: number): JsonValue => ({ fullName: `Rekaan Nama ${n}`, nik: String(n).padStart(16, '0') });

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  readonly exited: Promise<void>;
}

/** The CLI as an operator runs it, with none of this process's key settings leaking in. */
const rotateMaster = (dataDir: string, ...args: string[]): Run => {
  const env = { ...process.env };
  for (const name of ['DATA_MASTER_KEY', 'KEY_STORE_FILE', 'MASTER_KEY_FILE', 'DATA_DIR']) delete env[name];
  const cli = join(ROOT, 'apps/coordination-api/src/cli/keys.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'rotate-master', '--data-dir', dataDir, ...args], { cwd: ROOT, env });
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code, signal) => ((run.exit = { code, signal }), resolve()))),
  };
  child.stdout!.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
};

describe('npm run keys -- rotate-master: killed mid-way, run again, and the old master key is retired', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'key-rotation-'));
  const keyFile = join(dataDir, 'master.key');
  const file = join(dataDir, 'keys.db');
  const oldMaster = loadOrCreateMasterKey(keyFile);
  /** The API: started with the old master key before the rotation and kept running through it. */
  let api: SqliteKeyStore;
  const sealed: { value: string; identity: JsonValue }[] = [];

  const keysUnder = (masterKey: Buffer): number => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM subject_keys WHERE master_id = ?').pluck().get(masterKeyId(masterKey)) as number;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    api = SqliteKeyStore.open({ file, masterKey: oldMaster, cacheSize: 10 });
    const protector = new PersonalDataProtector(api);
    for (let n = 0; n < SUBJECTS; n += 1) sealed.push({ value: await protector.seal(`subject-${n}`, identity(n)), identity: identity(n) });
  }, 60_000);
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives SIGKILL mid-rotation, resumes where it stopped, and leaves every value readable with the new master key only', async () => {
    const first = rotateMaster(dataDir, '--batch-size', '50', '--max-rate', '1000', '--progress-every', '50');
    const progress = await eventually(
      () => {
        const lines = [...first.stderr.matchAll(/(\d+) rewrapped, (\d+) left/g)];
        const last = lines.at(-1);
        return last !== undefined && Number(last[1]) > 0 && Number(last[2]) > 0 && { rewrapped: Number(last[1]) };
      },
      {
        what: 'a progress line with some keys rewrapped and some left',
        timeoutMs: 30_000,
        giveUpIf: () => first.exit && `rotate-master exited (${JSON.stringify(first.exit)}): ${first.stderr}`,
      },
    );

    // Meanwhile the API goes on: it seals for new subjects and opens what it sealed before.
    const apiProtector = new PersonalDataProtector(api);
    for (let n = SUBJECTS; n < SUBJECTS + 20; n += 1) sealed.push({ value: await apiProtector.seal(`subject-${n}`, identity(n)), identity: identity(n) });
    for (const { value, identity: expected } of sealed.filter((_, n) => n % 97 === 0)) expect(await apiProtector.open(value)).toEqual(expected);

    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.exit).toEqual({ code: null, signal: 'SIGKILL' });

    const newMaster = readMasterKeyFile(join(dataDir, 'master.key.next'))!;
    const rewrappedBeforeKill = keysUnder(newMaster);
    expect(rewrappedBeforeKill).toBeGreaterThanOrEqual(progress.rewrapped);
    expect(rewrappedBeforeKill).toBeLessThan(SUBJECTS + 20);
    expect(keysUnder(oldMaster) + rewrappedBeforeKill).toBe(SUBJECTS + 20);
    expect(readFileSync(keyFile)).toEqual(Buffer.from(oldMaster.toString('base64') + '\n'));

    const second = rotateMaster(dataDir);
    await second.exited;
    expect([second.exit, second.stderr]).toEqual([{ code: 0, signal: null }, expect.stringContaining('resuming the rotation')]);
    const summary = JSON.parse(second.stdout.trim().split('\n').at(-1)!) as { rewrapped: number; skipped: number; masterKeyId: string };
    expect(summary).toMatchObject({ rewrapped: SUBJECTS + 20 - rewrappedBeforeKill, skipped: rewrappedBeforeKill, masterKeyId: masterKeyId(newMaster) });
    expect(second.stderr).toMatch(/done: \d+ rewrapped, \d+ skipped, [\d.]+ s, \d+ keys\/s/);

    // The new master key is now the key file, and the only one that opens anything.
    expect(existsSync(join(dataDir, 'master.key.next'))).toBe(false);
    const finalMaster = loadOrCreateMasterKey(keyFile);
    expect(finalMaster).toEqual(newMaster);
    const restarted = SqliteKeyStore.open({ file, masterKey: finalMaster, cacheSize: 10 });
    const protector = new PersonalDataProtector(restarted);
    const opened = await Promise.all(sealed.map(({ value }) => protector.open(value)));
    expect(opened).toEqual(sealed.map(({ identity: expected }) => expected));
    await restarted.close();

    const db = new Database(file, { readonly: true });
    const rows = db.prepare<[], { key_id: string; version: number; wrapped: Buffer }>('SELECT key_id, version, wrapped FROM subject_keys').all();
    db.close();
    expect(rows).toHaveLength(SUBJECTS + 20);
    expect(rows.filter((row) => unwrapDataKey(oldMaster, row.key_id, row.version, row.wrapped) !== null)).toEqual([]);
    expect(() => SqliteKeyStore.open({ file, masterKey: oldMaster })).toThrow(/retired/);

    // Neither run printed a key or anything sealed.
    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr]) {
      expect(output).not.toContain(oldMaster.toString('base64'));
      expect(output).not.toContain(newMaster.toString('base64'));
      expect(output).not.toContain('Rekaan');
    }
  }, 60_000);
});
