import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AccessLogStore } from '../access-audit/access-log.store';
import { TransparencyLogStore } from '../transparency/transparency-log.store';
import { appendOnlyTriggers, openLogFile } from './append-only-sqlite';

describe('append-only SQLite logs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'append-only-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const triggersOf = (file: string): string[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all() as string[];
    } finally {
      db.close();
    }
  };

  it('opens the file in a folder not made yet, in WAL mode with the durability asked for', () => {
    const db = openLogFile(join(dir, 'a', 'b', 'log.db'), 'FULL', 'CREATE TABLE entries (id INTEGER PRIMARY KEY) STRICT;');
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.prepare('SELECT COUNT(*) FROM entries').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses to edit or delete what a log holds, from any connection', () => {
    const file = join(dir, 'log.db');
    openLogFile(file, 'NORMAL', `CREATE TABLE entries (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT; ${appendOnlyTriggers('entries', 'the log is append-only')}`).close();
    const other = new Database(file);
    try {
      other.prepare("INSERT INTO entries (text) VALUES ('first')").run();
      expect(() => other.prepare("UPDATE entries SET text = 'changed'").run()).toThrow('the log is append-only');
      expect(() => other.prepare('DELETE FROM entries').run()).toThrow('the log is append-only');
      expect(other.prepare('SELECT text FROM entries').pluck().all()).toEqual(['first']);
    } finally {
      other.close();
    }
  });

  it('keeps the trigger names the files were written with', () => {
    AccessLogStore.open(join(dir, 'access.db')).close();
    const log = TransparencyLogStore.open(join(dir, 'transparency.db'));
    log.close();
    expect(triggersOf(join(dir, 'access.db'))).toEqual(['access_log_no_delete', 'access_log_no_update']);
    expect(triggersOf(join(dir, 'transparency.db'))).toEqual([
      'checkpoints_append_only_d',
      'checkpoints_append_only_u',
      'leaves_append_only_d',
      'leaves_append_only_u',
      'nodes_append_only_d',
      'nodes_append_only_u',
    ]);
  });
});
