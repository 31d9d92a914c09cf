import type Database from 'better-sqlite3';
import { ProblemException } from '../errors/problem';
import { appendOnlyTriggers, openLogFile } from '../storage/append-only-sqlite';

export type AccessOutcome = 'GRANTED' | 'DENIED' | 'ERASED' | 'NOT_FOUND';

/** One attempt to read protected personal data. It names who and why, never the data. */
export interface AccessRecord {
  readonly at: string;
  readonly caseId: string;
  readonly subjectRef: string;
  readonly role: string | null;
  readonly purpose: string;
  readonly outcome: AccessOutcome;
  readonly userId: string;
  readonly unitId: string;
  readonly agencyType: string;
  readonly requestId: string;
  /** An as-of view: the unit whose view was asked about, and the instant. Absent on other reads. */
  readonly aboutUnitId?: string;
  readonly asOf?: string;
}

/** Columns added after the first files were written: added to an older file on open, its rows left as they are (NULL). */
const LATER_COLUMNS = ['about_unit_id', 'as_of'] as const;

type Row = Omit<AccessRecord, 'aboutUnitId' | 'asOf'> & { readonly aboutUnitId: string | null; readonly asOf: string | null };

const recordOf = ({ aboutUnitId, asOf, ...rest }: Row): AccessRecord => ({ ...rest, ...(aboutUnitId === null ? {} : { aboutUnitId }), ...(asOf === null ? {} : { asOf }) });

/**
 * The access log: append-only, in its own SQLite file, synchronous=FULL. A read of protected data is
 * recorded before the data leaves; if the record cannot be written the read fails (fail closed).
 */
export class AccessLogStore {
  private readonly insert;
  private readonly byCase;

  private constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO access_log (at, case_id, subject_ref, role, purpose, outcome, user_id, unit_id, agency_type, request_id, about_unit_id, as_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byCase = db.prepare(
      `SELECT at, case_id AS caseId, subject_ref AS subjectRef, role, purpose, outcome, user_id AS userId, unit_id AS unitId, agency_type AS agencyType,
              request_id AS requestId, about_unit_id AS aboutUnitId, as_of AS asOf FROM access_log WHERE case_id = ? ORDER BY id LIMIT ? OFFSET ?`,
    );
  }

  static open(file: string): AccessLogStore {
    const db = openLogFile(
      file,
      'FULL',
      `CREATE TABLE IF NOT EXISTS access_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, case_id TEXT NOT NULL, subject_ref TEXT NOT NULL, role TEXT, purpose TEXT NOT NULL,
        outcome TEXT NOT NULL, user_id TEXT NOT NULL, unit_id TEXT NOT NULL, agency_type TEXT NOT NULL, request_id TEXT NOT NULL,
        about_unit_id TEXT, as_of TEXT
      ) STRICT;
      CREATE INDEX IF NOT EXISTS access_log_case ON access_log (case_id, id);
      ${appendOnlyTriggers('access_log', 'the access log is append-only', ['access_log_no_update', 'access_log_no_delete'])}`,
    );
    const present = new Set((db.pragma('table_info(access_log)') as { name: string }[]).map((c) => c.name));
    for (const column of LATER_COLUMNS) if (!present.has(column)) db.exec(`ALTER TABLE access_log ADD COLUMN ${column} TEXT`);
    return new AccessLogStore(db);
  }

  append(record: AccessRecord): void {
    this.insert.run(
      record.at, record.caseId, record.subjectRef, record.role, record.purpose, record.outcome, record.userId, record.unitId, record.agencyType, record.requestId,
      record.aboutUnitId ?? null, record.asOf ?? null,
    );
  }

  ofCase(caseId: string, limit: number, offset: number): AccessRecord[] {
    return (this.byCase.all(caseId, limit, offset) as Row[]).map(recordOf);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Records an access before anything is answered; fail closed: no record, no data (a 503). */
export const recordAccess = (log: AccessLogStore, record: AccessRecord): void => {
  try {
    log.append(record);
  } catch {
    throw new ProblemException(503, 'ACCESS_LOG_UNAVAILABLE', 'Service unavailable', 'The access log cannot be written; try again later');
  }
};
