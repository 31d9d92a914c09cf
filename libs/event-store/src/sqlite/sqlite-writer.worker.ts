import type Database from 'better-sqlite3';
import { serveSqlite } from '@tppo/sqlite-worker';
import type { FromWriter, ToWriter, WireAppend, WireOutcome, WireRow, WriterData } from './sqlite-writer';

/** [revision, hash] of a stream's last event. */
type Head = [number, string];
type SqliteError = Error & { readonly code?: string };

const REMEMBERED = 10_000;

const setup = (db: Database.Database, data: WriterData) => {
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${data.busyTimeoutMs}`);
  // Each commit rewrites the index pages it touched; checkpointing less often copies a hot page to
  // the database file once per checkpoint instead of once per thousand frames.
  db.pragma(`wal_autocheckpoint = ${data.walAutocheckpointPages}`);
  db.pragma(`cache_size = -${data.cacheKib}`);
  // After a checkpoint the WAL is reused from its start. Cutting the file back after each reset (it
  // was cut to 64 MB) made the following commits extend it again, and a write that extends a file
  // costs the file system a block allocation and a fresh cache page: ~10% of this thread's time.
  // The file keeps its size up to the safety-net checkpoint above, which bounds it anyway.
  db.pragma(`journal_size_limit = ${data.walAutocheckpointPages * (db.pragma('page_size', { simple: true }) as number)}`);
  const head = db.prepare<[string], Head>('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').raw(true);
  const at = db.prepare<[string, number], [string, number | bigint]>('SELECT event_id, position FROM events WHERE stream_id = ? AND revision = ?').raw(true);
  const owner = db.prepare<[string], [string, number]>('SELECT stream_id, revision FROM events WHERE event_id = ?').raw(true);
  const insert = db.prepare<[string, string, number, number, string, string, string, string, string | null, string, string]>(
    'INSERT INTO events (event_id, stream_id, revision, header_id, data, occurred_at, recorded_at,'
      + ' correlation_id, causation_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const headerNumber = db.prepare<[string, number, string], number>('SELECT id FROM headers WHERE type = ? AND schema_version = ? AND actor = ?').pluck(true);
  const addHeader = db.prepare<[string, number, string]>('INSERT INTO headers (type, schema_version, actor) VALUES (?, ?, ?)');
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck(true);

  // What this connection wrote or read inside committed transactions: [revision, hash] of a stream's
  // last event, and type/schema version/actor -> header number. Finding the head costs an index seek
  // plus a read of the head row's table page per append. Both maps are emptied when another
  // connection commits (data_version moves) and after any failed write, whose rollback may take back
  // what they hold.
  const heads = new Map<string, Head | null>();
  const headers = new Map<string, number>();
  let seenVersion: number | undefined;
  const forget = () => {
    heads.clear();
    headers.clear();
  };
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    if (map.size >= REMEMBERED) map.clear();
    map.set(key, value);
  };
  const headOf = (streamId: string): Head | null => {
    let last = heads.get(streamId);
    if (last === undefined) {
      last = head.get(streamId) ?? null;
      remember(heads, streamId, last);
    }
    return last;
  };
  const headerOf = (type: string, schemaVersion: number, actor: string): number => {
    const key = `${type}\n${schemaVersion}\n${actor}`;
    let id = headers.get(key);
    if (id === undefined) {
      id = headerNumber.get(type, schemaVersion, actor) ?? Number(addHeader.run(type, schemaVersion, actor).lastInsertRowid);
      remember(headers, key, id);
    }
    return id;
  };

  // Every check runs against the state inside the batch transaction, so appends earlier in the same
  // batch count: of two appends at one revision the first wins and the second conflicts.
  const writeOne = ({ streamId, expected, rows }: WireAppend): WireOutcome => {
    const last = headOf(streamId);
    const actual = last === null ? -1 : last[0];
    if (actual !== expected) {
      // EventStoreDB's idempotency: these very events already follow "expected" -> the original result.
      let position = -1;
      for (let i = 0; i < rows.length; i += 1) {
        const found = at.get(streamId, expected + 1 + i);
        if (found === undefined || found[0] !== rows[i]![0]) return { ok: false, kind: 'wrong', actual };
        position = Number(found[1]);
      }
      return { ok: true, revision: expected + rows.length, position, written: false };
    }
    const headHash = last === null ? data.genesisHash : last[1];
    if (rows[0]![11] !== headHash) return { ok: false, kind: 'invalid', message: `The first event does not link to the head of ${streamId}` };
    let position = -1;
    for (const r of rows) {
      position = Number(insert.run(r[0], r[1], r[2], headerOf(r[3], r[4], r[8]), r[5], r[6], r[7], r[9], r[10], r[11], r[12]).lastInsertRowid);
    }
    const newest: WireRow = rows[rows.length - 1]!;
    remember(heads, streamId, [newest[2], newest[12]]);
    return { ok: true, revision: expected + rows.length, position, written: true };
  };

  // The revision was checked before inserting, so a unique violation is an event id used elsewhere.
  const explain = (append: WireAppend, error: unknown): WireOutcome => {
    if ((error as SqliteError).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      for (const row of append.rows) {
        const taken = owner.get(row[0]);
        if (taken !== undefined) return { ok: false, kind: 'invalid', message: `Event id ${row[0]} is already used by ${taken[0]}@${taken[1]}` };
      }
    }
    return { ok: false, kind: 'invalid', message: error instanceof Error ? error.message : String(error) };
  };

  // A multi-event append runs under a savepoint (a nested transaction), so a failure part-way (an
  // event id used elsewhere) leaves none of its rows; a single insert is atomic on its own.
  const writeMany = db.transaction(writeOne);

  const writeBatch = db.transaction((appends: readonly WireAppend[]): WireOutcome[] => {
    const version = dataVersion.get();
    if (version !== seenVersion) forget();
    seenVersion = version;
    const outcomes: WireOutcome[] = [];
    for (const append of appends) {
      try {
        outcomes.push(append.rows.length > 1 ? writeMany(append) : writeOne(append));
      } catch (error) {
        forget();
        // Some errors (disk full, I/O) end the whole transaction: then the batch fails as a whole.
        if (!db.inTransaction) throw error;
        outcomes.push(explain(append, error));
      }
    }
    return outcomes;
  });

  return {
    handle: (message: Extract<ToWriter, { kind: 'batch' }>): FromWriter => ({ kind: 'done', outcomes: writeBatch.immediate(message.appends) }),
    onFailure: forget,
  };
};

serveSqlite(setup, { announceReady: true });
