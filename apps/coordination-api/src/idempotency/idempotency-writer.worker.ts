import type Database from 'better-sqlite3';
import { serveSqlite, type SqliteWorkerData } from '@tppo/sqlite-worker';
import { type FromIdempotencyWriter, INSERT_RESPONSE, type ToIdempotencyWriter, type WireFound, type WireResponse } from './idempotency-writer';

const setup = (db: Database.Database) => {
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 10000');
  // The first answer for a key wins, as INSERT OR IGNORE keeps it. Prepared on first use, inside the
  // error handling of each message: a failure is then an answer, not a dead thread.
  let statements: { insertAll: (rows: readonly WireResponse[]) => void; find: Database.Statement<[string, string], WireFound> } | undefined;
  const prepared = () => {
    if (statements) return statements;
    const insert = db.prepare<WireResponse>(INSERT_RESPONSE);
    statements = {
      insertAll: db.transaction((rows: readonly WireResponse[]) => {
        for (const r of rows) insert.run(...r);
      }),
      find: db.prepare<[string, string], WireFound>('SELECT fingerprint, status, body FROM responses WHERE unit_id = ? AND idempotency_key = ?').raw(true),
    };
    return statements;
  };
  return {
    handle: (m: Exclude<ToIdempotencyWriter, { kind: 'close' }>): FromIdempotencyWriter => {
      if (m.kind === 'lookup') {
        const find = prepared().find;
        return { kind: 'found', rows: m.keys.map((k) => find.get(k[0], k[1]) ?? null) };
      }
      prepared().insertAll(m.rows);
      return { kind: 'done' };
    },
  };
};

serveSqlite<SqliteWorkerData, Exclude<ToIdempotencyWriter, { kind: 'close' }>, FromIdempotencyWriter>(setup);
