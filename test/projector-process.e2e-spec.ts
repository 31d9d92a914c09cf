import { execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Projector } from '@tppo/read-store';
import { type ApiHarness, startApi } from './support/api-harness';
import { eventually } from './support/eventually';

const ROOT = resolve(__dirname, '..');
const PROJECTOR_MAIN = join(ROOT, 'dist/apps/projector/apps/projector/src/main.js');

/** apps/projector keeps the read models while the API runs with PROJECTOR=off. */
describe('the projector as its own process', () => {
  let api: ApiHarness;
  // Whether the API started a projector of its own: known for sure, where a wait could only hope.
  const projectorRuns = jest.spyOn(Projector.prototype, 'run');
  beforeAll(async () => {
    execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', 'projector'], { cwd: ROOT, stdio: 'inherit' });
    api = await startApi({ PROJECTOR: 'off' });
  }, 120_000);
  afterAll(async () => {
    projectorRuns.mockRestore();
    await api.close();
  });

  it('builds the inbox the API serves, and stops on SIGTERM', async () => {
    const police = await api.as('polres-nunukan');
    const uptd = await api.as('uptd-ppa-nunukan');
    const caseId = (await api.http.post('/cases').set(police).send({ regionCode: '65.03', source: 'REPORT', exploitationTypes: [], modusCodes: [] }).expect(201)).body.id;
    const dueBy = new Date(Date.now() + 86_400_000).toISOString();
    await api.http.post(`/cases/${caseId}/referrals`).set(police).send({ toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy }).expect(201);
    // Nobody projects yet.
    expect(projectorRuns).not.toHaveBeenCalled();
    expect((await api.http.get('/inbox').set(uptd).expect(200)).body.items).toEqual([]);

    const projector = spawn(process.execPath, [PROJECTOR_MAIN], { env: { ...process.env, DATA_DIR: api.config.dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    projector.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await eventually(
      async () => expect((await api.http.get('/inbox').set(uptd).expect(200)).body.items).toEqual([expect.objectContaining({ caseId, status: 'AWAITING_ANSWER' })]),
      { what: 'the projector process to put the referral in the inbox', timeoutMs: 20_000, giveUpIf: () => (projector.exitCode !== null ? `the projector exited with ${projector.exitCode}: ${stderr}` : undefined) },
    );
    const exited = new Promise<number | null>((r) => projector.once('exit', (code) => r(code)));
    projector.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);
});
