import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens an audit log's SQLite file, making its folder first, in WAL mode (a reader never waits for
 * the writer) and with the durability the log asks for, and lays down its schema.
 */
export const openLogFile = (file: string, synchronous: 'FULL' | 'NORMAL', schema: string): Database.Database => {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(schema);
  return db;
};

/**
 * Triggers that refuse every UPDATE and DELETE on `table`, through this connection or any other, so
 * that what a log holds cannot be edited or thinned. The names are stored in files already written:
 * a log that named its triggers otherwise passes its own names.
 */
export const appendOnlyTriggers = (
  table: string,
  refusal: string,
  [onUpdate, onDelete]: readonly [string, string] = [`${table}_append_only_u`, `${table}_append_only_d`],
): string => `
  CREATE TRIGGER IF NOT EXISTS ${onUpdate} BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${refusal}'); END;
  CREATE TRIGGER IF NOT EXISTS ${onDelete} BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${refusal}'); END;`;
