import { readdirSync, readFileSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { loadOrCreateLocalSecret, mintLocalToken } from '@tppo/access';
import { subjectKeyId } from '@tppo/protected-data';
import { loadConfig } from '../apps/coordination-api/src/config/app-config';
import { type Auth, caseWithVictim, ERASURE, holds, IDENTITY, NEEDLES } from './support/erasure-case';
import { buildServer, startServer, stopped } from './support/server-process';

/** Every file below the folder, with its path relative to it. */
const filesBelow = (dir: string, prefix = ''): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesBelow(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));

/**
 * An erasure through the built server as production runs it, logging everything it logs at debug:
 * afterwards no file of the data folder (event store, key store and their WALs, read models,
 * idempotency records, access log, transparency log) and no line the server wrote holds the person's
 * identity, and the wrapped data key itself is gone from the key store's file and its WAL.
 */
describe('erasure, seen from the disk and the logs of a running server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tppo-erasure-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('leaves no copy of the identity, and no copy of the destroyed key, anywhere', async () => {
    buildServer();
    const server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '0' }, [], { captureOutput: true });
    const wrappedKey = await (async () => {
      try {
        const config = loadConfig({ DATA_DIR: dataDir });
        const secret = loadOrCreateLocalSecret(dataDir);
        const as = async (unit: string): Promise<Auth> => ({
          Authorization: `Bearer ${await mintLocalToken({ secret, issuer: config.auth.issuer, audience: config.auth.audience, unit, user: `officer@${unit}`, ttlSeconds: 600 })}`,
        });
        const units = { uptd: await as('uptd-ppa-nunukan'), police: await as('polres-nunukan'), dinsos: await as('dinsos-nunukan') };
        const http = request(server.url);
        const { caseId, subjectRef } = await caseWithVictim(http, units);
        const identity = () => http.get(`/cases/${caseId}/subjects/${subjectRef}/identity?purpose=CASE_MANAGEMENT`).set(units.uptd);
        expect((await identity().expect(200)).body.identity).toEqual(IDENTITY);

        const keys = new Database(config.keyStore.file, { readonly: true });
        const wrapped = keys.prepare('SELECT wrapped FROM subject_keys WHERE key_id = ?').pluck().get(subjectKeyId(caseId, subjectRef)) as Buffer;
        keys.close();
        expect(wrapped.length).toBeGreaterThan(32);

        const erasureId = (await http.post(`/cases/${caseId}/subjects/${subjectRef}/erasure-requests`).set(units.police).send(ERASURE).expect(201)).body.resourceId as string;
        await http.post(`/cases/${caseId}/erasure-requests/${erasureId}/approval`).set(units.uptd).send({ reason: 'Consent withdrawn, nothing holds the data' }).expect(200);
        expect((await identity().expect(410)).body).toMatchObject({ code: 'SUBJECT_ERASED' });
        return wrapped;
      } finally {
        server.child.kill('SIGTERM');
        await stopped(server.child);
      }
    })();

    const files = filesBelow(dataDir);
    expect(files).toEqual(expect.arrayContaining(['events.db', 'keys.db']));
    for (const file of files) {
      const raw = readFileSync(join(dataDir, file));
      for (const needle of NEEDLES) expect({ file, needle, found: holds(raw, needle) }).toEqual({ file, needle, found: false });
      expect({ file, wrappedKeyFound: raw.includes(wrappedKey) }).toEqual({ file, wrappedKeyFound: false });
    }
    const output = server.output();
    expect(output).toMatch(/"level"/); // it did log, at debug
    for (const needle of NEEDLES) expect({ needle, inLogs: output.includes(needle) }).toEqual({ needle, inLogs: false });
  }, 120_000);
});
