import type Database from 'better-sqlite3';
import { serveSqlite } from '../serve-sqlite';

type Probe = { readonly kind: 'insert'; readonly value: string } | { readonly kind: 'throw' };

/** A writer thread for the protocol's own test: inserts values, fails when asked, counts its failures. */
const setup = (db: Database.Database) => {
  db.exec('CREATE TABLE IF NOT EXISTS t (v TEXT NOT NULL)');
  const insert = db.prepare<[string]>('INSERT INTO t (v) VALUES (?)');
  let failures = 0;
  return {
    handle: (m: Probe) => {
      if (m.kind === 'throw') throw new Error('asked to fail');
      insert.run(m.value);
      return { kind: 'done', failures };
    },
    onFailure: () => {
      failures += 1;
    },
  };
};

serveSqlite(setup, { announceReady: true });
