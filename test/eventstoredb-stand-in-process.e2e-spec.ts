import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';

const ROOT = resolve(__dirname, '..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const MAIN = resolve(ROOT, 'apps/eventstoredb-stand-in/src/main.ts');

/** The stand-in run by itself, as a developer or a later process test runs it beside the API. */
describe('the EventStoreDB stand-in as a process', () => {
  it('serves the gRPC protocol on the loopback port it prints, and exits cleanly on SIGTERM', async () => {
    const child = spawn(TSX, [MAIN], { cwd: ROOT, env: { ...process.env, STAND_IN_PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { url } = JSON.parse(line) as { url: string };
    expect(url).toMatch(/^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);

    const client = EventStoreDBClient.connectionString(url);
    await client.appendToStream('case-1', [jsonEvent({ type: 'CaseOpened', data: { caseId: '1' } })], { expectedRevision: NO_STREAM });
    const read = await client.readStream('case-1').toArray();
    expect(read.map((resolved) => resolved.event?.type)).toEqual(['CaseOpened']);
    await client.dispose();

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('refuses a port that is not one, before listening', async () => {
    const child = spawn(TSX, [MAIN], { cwd: ROOT, env: { ...process.env, STAND_IN_PORT: 'twenty' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('STAND_IN_PORT must be a port number');
  });
});
