import type Database from 'better-sqlite3';
import { serveSqlite } from '@tppo/sqlite-worker';
import type { FromReadWriter, ReadWriterData, ToReadWriter, WireCommit } from './sqlite-read-writer';

const setup = (db: Database.Database, data: ReadWriterData) => {
  // A lost read-model write is rebuilt from the event log; the checkpoint commits with it.
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
  const upsert = db.prepare<[string, string, string]>('INSERT INTO documents (projection, id, body) VALUES (?, ?, ?) ON CONFLICT (projection, id) DO UPDATE SET body = excluded.body');
  const remove = db.prepare<[string, string]>('DELETE FROM documents WHERE projection = ? AND id = ?');
  const park = db.prepare<[string, bigint, string, string, string, string]>('INSERT OR IGNORE INTO poisoned (projection, position, event_id, type, reason, at) VALUES (?, ?, ?, ?, ?, ?)');
  const saveCheckpoint = db.prepare<[string, bigint, number]>(
    'INSERT INTO checkpoints (projection, position, version) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version',
  );
  const resetDocuments = db.prepare<[string]>('DELETE FROM documents WHERE projection = ?');
  const resetCheckpoint = db.prepare<[string]>('DELETE FROM checkpoints WHERE projection = ?');
  const resetPoisoned = db.prepare<[string]>('DELETE FROM poisoned WHERE projection = ?');

  const commits = db.transaction((list: readonly WireCommit[]) => {
    for (const m of list) {
      for (const [id, body] of m.changes) {
        if (body === null) remove.run(m.projection, id);
        else upsert.run(m.projection, id, body);
      }
      for (const p of m.poisoned) park.run(p[0], BigInt(p[1]), p[2], p[3], p[4], p[5]);
      saveCheckpoint.run(m.projection, BigInt(m.position), m.version);
    }
  });
  const reset = db.transaction((projection: string) => {
    resetDocuments.run(projection);
    resetCheckpoint.run(projection);
    resetPoisoned.run(projection);
  });

  return {
    handle: (m: Exclude<ToReadWriter, { kind: 'close' }>): FromReadWriter => {
      if (m.kind === 'commits') commits(m.commits);
      else reset(m.projection);
      return { kind: 'done' };
    },
  };
};

serveSqlite(setup);
