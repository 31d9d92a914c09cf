import type Database from 'better-sqlite3';

/**
 * `PRAGMA user_version` of the event file.
 *  0: empty file, or the first layout (the whole envelope in one `body` JSON column).
 *  2: one column per envelope field; the head of a stream is its last event (no streams table:
 *     the seek on UNIQUE(stream_id, revision) is cheaper than a second B-tree written per append).
 */
export const SCHEMA_VERSION = 2;

const CREATE_EVENTS = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  ) STRICT;
`;

const columnsOf = (db: Database.Database, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck(true).all(table) as string[]);

/** Creates the schema on a new file and brings an older file up to SCHEMA_VERSION, in one transaction. */
export const migrate = (db: Database.Database): void => {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return;
    if (version > SCHEMA_VERSION) throw new Error(`The event file has schema version ${version}; this build knows up to ${SCHEMA_VERSION}`);
    const existing = columnsOf(db, 'events');
    if (existing.length === 0) {
      db.exec(CREATE_EVENTS);
    } else if (existing.includes('body')) {
      // Positions are kept: checkpoints of projections and relays refer to them.
      db.exec(`ALTER TABLE events RENAME TO events_v1; ${CREATE_EVENTS}`);
      db.exec(`
        INSERT INTO events (position, event_id, stream_id, revision, type, schema_version, data, occurred_at, recorded_at, actor,
                            correlation_id, causation_id, prev_hash, hash)
        SELECT position, event_id, stream_id, revision, type, body ->> '$.schemaVersion', body -> '$.data', body ->> '$.occurredAt',
               body ->> '$.recordedAt', body -> '$.actor', body ->> '$.correlationId', body ->> '$.causationId', body ->> '$.prevHash',
               body ->> '$.hash'
        FROM events_v1 ORDER BY position;
        DROP TABLE events_v1;
        DROP TABLE IF EXISTS streams;
      `);
    } else {
      throw new Error(`The event file has an events table of unknown layout (${existing.join(', ')})`);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
};
