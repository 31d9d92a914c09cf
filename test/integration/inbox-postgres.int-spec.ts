import { Client } from 'pg';
import { type ApiHarness, startApi } from '../support/api-harness';
import { eventually } from '../support/eventually';

const DATABASE_URL = process.env['DATABASE_URL'];
if (!DATABASE_URL) throw new Error('DATABASE_URL is not set: start PostgreSQL with .ci/postgres.sh start (see .ci/run)');

describe('the API with READ_STORE=postgres: the inbox comes from PostgreSQL', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query('DROP TABLE IF EXISTS read_documents, read_checkpoints, read_poisoned');
    await client.end();
    api = await startApi({ READ_STORE: 'postgres', DATABASE_URL });
  });
  afterAll(async () => api.close());

  it('shows a referral to the addressed unit once projected', async () => {
    const police = await api.as('polres-nunukan');
    const uptd = await api.as('uptd-ppa-nunukan');
    const caseId = (await api.http.post('/cases').set(police).send({ regionCode: '65.03', source: 'REPORT', exploitationTypes: [], modusCodes: [] }).expect(201)).body.id;
    const dueBy = new Date(Date.now() + 86_400_000).toISOString();
    await api.http.post(`/cases/${caseId}/referrals`).set(police).send({ toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy }).expect(201);
    await eventually(
      async () => expect((await api.http.get('/inbox').set(uptd).expect(200)).body.items).toEqual([expect.objectContaining({ caseId, kind: 'REFERRAL', status: 'AWAITING_ANSWER' })]),
      { what: 'the referral in the inbox, projected into PostgreSQL' },
    );
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM read_documents WHERE projection = 'inbox'");
    await client.end();
    expect(rows[0].n).toBe(1);
  });
});
