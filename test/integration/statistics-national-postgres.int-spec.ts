import { Client } from 'pg';
import type { CaseStatisticsRow } from '@tppo/read-models';
import { type ApiHarness, startApi } from '../support/api-harness';
import { cellsOf, expectedCells, NATIONAL_QUERIES, nationalCaseRows, pathOf } from '../support/national-statistics';

/** Set by .ci/run from .ci/postgres.sh; this suite exists to run against a real server. */
const DATABASE_URL = process.env['DATABASE_URL'];
if (!DATABASE_URL) throw new Error('DATABASE_URL is not set: start PostgreSQL with .ci/postgres.sh start (see .ci/run)');

const CASES = 150_000;

describe('statistics at national scale (PostgreSQL read store): exact over 150,000 cases', () => {
  let api: ApiHarness;
  let rows: CaseStatisticsRow[];
  beforeAll(async () => {
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query('CREATE TABLE IF NOT EXISTS read_documents (projection TEXT NOT NULL, id TEXT NOT NULL, body JSONB NOT NULL, PRIMARY KEY (projection, id))');
    await client.query('TRUNCATE read_documents');
    rows = nationalCaseRows(CASES);
    // Straight into the read store's table, 10,000 rows a statement.
    for (let i = 0; i < rows.length; i += 10_000) {
      await client.query("INSERT INTO read_documents (projection, id, body) SELECT 'case-statistics', d ->> 'caseId', d FROM jsonb_array_elements($1::jsonb) AS d", [JSON.stringify(rows.slice(i, i + 10_000))]);
    }
    await client.query('ANALYZE read_documents');
    await client.end();
    api = await startApi({ READ_STORE: 'postgres', DATABASE_URL });
  }, 120_000);
  afterAll(async () => api?.close());

  it.each(NATIONAL_QUERIES.map((q) => [`${q.unitId} ${pathOf(q)}`, q] as const))('%s counts every case', async (_, query) => {
    const started = Date.now();
    const body = (await api.http.get(pathOf(query)).set(await api.as(query.unitId)).expect(200)).body;
    expect(cellsOf(body)).toEqual(expectedCells(rows, query));
    expect((Date.now() - started) / 1000).toBeLessThan(30);
  });
});
