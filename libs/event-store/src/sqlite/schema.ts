import type Database from 'better-sqlite3';

/**
 * `PRAGMA user_version` of the event file.
 *  0: empty file, or the first layout (the whole envelope in one `body` JSON column).
 *  2: one column per envelope field; the head of a stream is its last event (no streams table:
 *     the seek on UNIQUE(stream_id, revision) is cheaper than a second B-tree written per append).
 *  3: what many events share (type, schema version, actor) is stored once in `headers` and each
 *     event refers to it by number: a few people write a few kinds of events, and these three columns
 *     were a fifth of every row written and, with the JSON of the actor, a fifth of the cost of
 *     reading a row.
 */
export const SCHEMA_VERSION = 3;

/**
 * Page size of a new file. Each commit rewrites one leaf of each index per event (event ids and
 * streams land all over their indexes), so the bytes written and fsynced per commit are about
 * pages x page size: 2 KiB pages halve them. Existing files keep their page size (changing it
 * needs a VACUUM outside WAL mode).
 */
export const NEW_FILE_PAGE_SIZE = 2048;

const CREATE_HEADERS = `
  CREATE TABLE headers (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    actor TEXT NOT NULL,
    UNIQUE (type, schema_version, actor)
  ) STRICT;
`;

const CREATE_EVENTS = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    header_id INTEGER NOT NULL REFERENCES headers (id),
    data TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, revision)
  ) STRICT;
`;

const COLUMNS = 'event_id, stream_id, revision, header_id, data, occurred_at, recorded_at, correlation_id, causation_id, prev_hash, hash';

const columnsOf = (db: Database.Database, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck(true).all(table) as string[]);

/** Layout 0 (one JSON body) to layout 2 (one column per field). Positions are kept: checkpoints of projections and relays refer to them. */
const fromBody = (db: Database.Database): void => {
  db.exec(`
    ALTER TABLE events RENAME TO events_v1;
    CREATE TABLE events_v2 (
      position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL,
      schema_version INTEGER NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL,
      correlation_id TEXT NOT NULL, causation_id TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    ) STRICT;
    INSERT INTO events_v2 (position, event_id, stream_id, revision, type, schema_version, data, occurred_at, recorded_at, actor,
                           correlation_id, causation_id, prev_hash, hash)
    SELECT position, event_id, stream_id, revision, type, body ->> '$.schemaVersion', body -> '$.data', body ->> '$.occurredAt',
           body ->> '$.recordedAt', body -> '$.actor', body ->> '$.correlationId', body ->> '$.causationId', body ->> '$.prevHash',
           body ->> '$.hash'
    FROM events_v1 ORDER BY position;
    DROP TABLE events_v1;
    DROP TABLE IF EXISTS streams;
  `);
};

/** Layout 2 (every field in every row) to layout 3 (type, schema version and actor by number), keeping positions. */
const sharedHeaders = (db: Database.Database): void => {
  db.exec(`
    ${CREATE_HEADERS}
    ${CREATE_EVENTS}
    INSERT INTO headers (type, schema_version, actor)
    SELECT type, schema_version, actor FROM events_v2 GROUP BY type, schema_version, actor ORDER BY min(position);
    INSERT INTO events (position, ${COLUMNS})
    SELECT e.position, e.event_id, e.stream_id, e.revision, h.id, e.data, e.occurred_at, e.recorded_at, e.correlation_id, e.causation_id,
           e.prev_hash, e.hash
    FROM events_v2 e JOIN headers h ON h.type = e.type AND h.schema_version = e.schema_version AND h.actor = e.actor
    ORDER BY e.position;
    DROP TABLE events_v2;
  `);
};

/** Creates the schema on a new file and brings an older file up to SCHEMA_VERSION, in one transaction. */
export const migrate = (db: Database.Database): void => {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return;
    if (version > SCHEMA_VERSION) throw new Error(`The event file has schema version ${version}; this build knows up to ${SCHEMA_VERSION}`);
    const existing = columnsOf(db, 'events');
    if (existing.length === 0) {
      db.exec(`${CREATE_HEADERS} ${CREATE_EVENTS}`);
    } else if (existing.includes('body')) {
      fromBody(db);
      sharedHeaders(db);
    } else if (version === 2 && existing.includes('actor')) {
      db.exec('ALTER TABLE events RENAME TO events_v2');
      sharedHeaders(db);
    } else {
      throw new Error(`The event file has an events table of unknown layout (${existing.join(', ')})`);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
};
