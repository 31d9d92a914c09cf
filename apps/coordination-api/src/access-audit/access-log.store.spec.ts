import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AccessLogStore, type AccessRecord } from './access-log.store';

const READ: AccessRecord = {
  at: '2026-03-01T01:00:00.000Z', caseId: 'c-1', subjectRef: 'v-1', role: 'VICTIM', purpose: 'CASE_MANAGEMENT', outcome: 'GRANTED',
  userId: 'officer@uptd', unitId: 'uptd-ppa-nunukan', agencyType: 'SERVICE_UNIT', requestId: 'r-1',
};

describe('the access log file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tppo-access-log-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the as-of columns to a file written before them, and keeps its rows as they were', () => {
    const file = join(dir, 'access.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE access_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, case_id TEXT NOT NULL, subject_ref TEXT NOT NULL, role TEXT, purpose TEXT NOT NULL,
        outcome TEXT NOT NULL, user_id TEXT NOT NULL, unit_id TEXT NOT NULL, agency_type TEXT NOT NULL, request_id TEXT NOT NULL
      ) STRICT`);
    old.prepare('INSERT INTO access_log (at, case_id, subject_ref, role, purpose, outcome, user_id, unit_id, agency_type, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(READ.at, READ.caseId, READ.subjectRef, READ.role, READ.purpose, READ.outcome, READ.userId, READ.unitId, READ.agencyType, READ.requestId);
    old.close();

    const log = AccessLogStore.open(file);
    const asOf: AccessRecord = { ...READ, subjectRef: '(case)', role: null, purpose: 'AS_OF_VIEW:COURT_ORDER', userId: 'auditor@kemenpppa', unitId: 'kemenpppa', agencyType: 'MINISTRY', requestId: 'r-2', aboutUnitId: 'uptd-ppa-nunukan', asOf: '2026-02-20T00:00:00.000Z' };
    log.append(asOf);
    expect(log.ofCase('c-1', 10, 0)).toEqual([READ, asOf]);
    log.close();
    // Opened again: the columns are there already, nothing is added twice.
    const again = AccessLogStore.open(file);
    expect(again.ofCase('c-1', 10, 0)).toEqual([READ, asOf]);
    again.close();
  });
});
