import Database from 'better-sqlite3';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@tppo/access';
import type { CaseStatisticsRow } from '@tppo/read-models';
import type { ReadStore } from '@tppo/read-store';
import { StatisticsController } from '../apps/coordination-api/src/read/statistics.controller';
import { type ApiHarness, startApi } from './support/api-harness';
import { cellsOf, expectedCells, NATIONAL_QUERIES, nationalCaseRows, pathOf } from './support/national-statistics';

const CASES = 150_000;

describe('statistics at national scale (embedded store): exact over 150,000 cases, never a silent part', () => {
  let api: ApiHarness;
  let rows: CaseStatisticsRow[];
  beforeAll(async () => {
    api = await startApi();
    rows = nationalCaseRows(CASES);
    // Straight into the read store's table, in one transaction: a projection's documents without
    // the events behind them (the projector has no checkpoint, so it leaves them alone).
    const db = new Database((api.config.readStore as { file: string }).file);
    db.pragma('busy_timeout = 10000');
    const insert = db.prepare("INSERT INTO documents (projection, id, body) VALUES ('case-statistics', ?, ?)");
    db.transaction(() => rows.forEach((row) => insert.run(row.caseId, JSON.stringify(row))))();
    db.close();
  });
  afterAll(async () => api?.close());

  it.each(NATIONAL_QUERIES.map((q) => [`${q.unitId} ${pathOf(q)}`, q] as const))('%s counts every case', async (_, query) => {
    const started = Date.now();
    const body = (await api.http.get(pathOf(query)).set(await api.as(query.unitId)).expect(200)).body;
    const seconds = (Date.now() - started) / 1000;
    const expected = expectedCells(rows, query);
    expect(cellsOf(body)).toEqual(expected);
    // Past the old bound of 100,000 rows, and not only withheld cells.
    expect(Object.values(expected).filter((n) => n !== null).length).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(20);
  });

  it('the ministry counts more victims than 100,000 cases could hold', async () => {
    const body = (await api.http.get('/statistics/cases?groupBy=year').set(await api.as('kemenpppa')).expect(200)).body;
    const total = (body.cells as { people: number }[]).reduce((sum, c) => sum + c.people, 0);
    expect(total).toBe(rows.reduce((sum, r) => sum + r.victimRefs.length, 0));
    expect(total).toBeGreaterThan(rows.slice(0, 100_000).reduce((sum, r) => sum + r.victimRefs.length, 0));
  });

  it('serves other requests while it counts the nation: the scan gives the event loop back between pages', async () => {
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 1);
    try {
      await api.http.get('/statistics/cases?groupBy=province,year').set(await api.as('kemenpppa')).expect(200);
    } finally {
      clearInterval(ticker);
    }
    // 150,000 rows are 75 pages: a scan held in one turn would let no timer run at all.
    expect(turns).toBeGreaterThan(10);
  });

  it('fails the answer, not part of it, when the store fails in the middle of a scan', async () => {
    // Only `scan` is asked for: the rest of the port would throw as a missing method.
    const failing = {
      async *scan<D>(): AsyncGenerator<D[]> {
        yield rows.slice(0, 2000) as unknown[] as D[];
        throw new Error('the read store went away in the middle of a scan');
      },
    } as unknown as ReadStore;
    const ministry: Principal = { userId: 'analyst@kemenpppa', unitId: 'kemenpppa', agencyType: 'MINISTRY', roles: [], regionCode: '00' };
    const reply = { header: () => reply } as unknown as FastifyReply;
    await expect(new StatisticsController(failing).cases({ groupBy: 'province' }, ministry, reply)).rejects.toThrow('the read store went away');
  });
});
