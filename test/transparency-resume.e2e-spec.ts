import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EVENT_LEAF_VERSION } from '@tppo/transparency';
import { createApp } from '../apps/coordination-api/src/app.factory';
import { loadConfig } from '../apps/coordination-api/src/config/app-config';
import { startApi } from './support/api-harness';
import { OPEN_CASE } from './support/sample-bodies';

/**
 * The log resumes from the position of its last leaf. That is only sound on the event store and
 * leaf format the file was built with, so the server checks the last leaf against the event at its
 * position before it starts, and refuses otherwise, naming the file and what to do.
 */
describe('the transparency log refuses to resume on a file that does not belong to the event store', () => {
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tppo-resume-'));
    folders.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A data folder whose log holds every event of `cases` opened cases, checkpointed. */
  const runCases = async (dir: string, cases: number) => {
    const api = await startApi({ DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const police = await api.as('polres-nunukan');
      for (let i = 0; i < cases; i++) await api.http.post('/cases').set(police).set('Idempotency-Key', randomUUID()).send(OPEN_CASE).expect(201);
      await api.http.post('/transparency/checkpoints').set(await api.as('kemenpppa')).send({}).expect(201);
    } finally {
      await api.close();
    }
  };

  /** Starts the server on the folder; resolves with why it refused, or undefined when it started. */
  const startRefusal = async (dir: string): Promise<string | undefined> => {
    const app = await createApp(loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '0' }));
    try {
      await app.init();
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await app.close();
    }
  };

  const replaceEvents = (dir: string, from: string | undefined) => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `events.db${suffix}`), { force: true });
    if (from) copyFileSync(join(from, 'events.db'), join(dir, 'events.db'));
  };

  const leafVersionOf = (dir: string): number => {
    const db = new Database(join(dir, 'transparency.db'));
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  };
  const setLeafVersion = (dir: string, version: number) => {
    const db = new Database(join(dir, 'transparency.db'));
    db.pragma(`user_version = ${version}`);
    db.close();
  };

  it.each([
    ['another one, whose event at the last leaf is another event', 3, 'gives a different leaf'],
    ['an empty one, instead of waiting for its position for ever', 0, 'has no event at that position'],
  ])('refuses an event store replaced by %s', async (_name, otherCases, why) => {
    const dir = folder();
    const other = folder();
    await runCases(dir, 1);
    if (otherCases > 0) await runCases(other, otherCases);
    replaceEvents(dir, otherCases > 0 ? other : undefined);
    const refusal = await startRefusal(dir);
    expect(refusal).toContain(`The transparency log ${join(dir, 'transparency.db')} does not match the event store`);
    expect(refusal).toContain(why);
    expect(refusal).toContain(`Move ${join(dir, 'transparency.db')} aside`);
  }, 60_000);

  it('refuses a log of an older leaf format, and starts again once the file is moved aside', async () => {
    const dir = folder();
    await runCases(dir, 1);
    setLeafVersion(dir, EVENT_LEAF_VERSION - 1);
    const refusal = await startRefusal(dir);
    expect(refusal).toContain(`The transparency log ${join(dir, 'transparency.db')} holds leaves of format ${EVENT_LEAF_VERSION - 1}; this server writes format ${EVENT_LEAF_VERSION}`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `transparency.db${suffix}`), { force: true });
    await expect(startRefusal(dir)).resolves.toBeUndefined();
  }, 60_000);

  it('resumes a log from before the format stamp when its last leaf matches, and stamps it', async () => {
    const dir = folder();
    await runCases(dir, 1);
    setLeafVersion(dir, 0);
    await expect(startRefusal(dir)).resolves.toBeUndefined();
    expect(leafVersionOf(dir)).toBe(EVENT_LEAF_VERSION);
  }, 60_000);
});
