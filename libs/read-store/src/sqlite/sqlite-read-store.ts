import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { startWorker, TurnBatch } from '@tppo/sqlite-worker';
import Database from 'better-sqlite3';
import {
  checkedFields,
  checkedIndex,
  checkedProjection,
  keysetScan,
  type Checkpoint,
  type DocumentChange,
  type DocumentFilter,
  type FindOptions,
  type IndexedField,
  type PoisonedEvent,
  type ReadStore,
} from '../read-store.port';
import { type FromReadWriter, READ_WRITER_ENTRY, type ReadWriterData, type ToReadWriter, type WireChange, type WireCommit } from './sqlite-read-writer';

const MAX_PREPARED_QUERIES = 256;

interface Pending {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * The embedded read store: one table of JSON documents per projection name, checkpoints beside them.
 * Queries run on the caller's thread (a scan a page per turn of its loop); commits and resets go, in order, to a writer thread, so the
 * projector folds the next batch while this one is written. A commit resolves once it is committed,
 * so a query made afterwards sees it.
 */
export class SqliteReadStore implements ReadStore {
  private readonly statements;
  private writer: Worker | undefined;
  private writerFailure: Error | undefined;
  /** Messages sent to the writer and not yet answered, oldest first (it answers in order). */
  private readonly pending: Pending[] = [];
  private closing: Promise<void> | undefined;
  /** Told when the last pending write is answered. */
  private idle: (() => void)[] = [];
  /**
   * Prepared queries of `find` and `scan`, by SQL text. The texts come from a few field lists in the code, so
   * the map stays small; preparing anew was 13% of the CPU of GET /inbox.
   */
  private readonly queries = new Map<string, Database.Statement>();
  /**
   * Commits asked for in this turn of the event loop (the projector commits every projection of a
   * batch at once), sent to the writer as one message, in one transaction: all are written, or none.
   */
  private readonly commits = new TurnBatch<{ readonly commit: WireCommit; readonly resolve: () => void; readonly reject: (error: Error) => void }>((queued) =>
    this.send({ kind: 'commits', commits: queued.map((q) => q.commit) }).then(
      () => queued.forEach((q) => q.resolve()),
      (error: unknown) => queued.forEach((q) => q.reject(error instanceof Error ? error : new Error(String(error)))),
    ),
  );

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    /** Index names by `projection.field`. */
    private readonly indexes: ReadonlyMap<string, string>,
  ) {
    this.statements = {
      checkpoint: db.prepare<[string], { position: bigint | null; version: number }>('SELECT position, version FROM checkpoints WHERE projection = ?').safeIntegers(true),
      get: db.prepare<[string, string], { body: string }>('SELECT body FROM documents WHERE projection = ? AND id = ?'),
    };
  }

  /** `indexes`: the fields that scans filter on, each indexed for its projection only (other projections' writes do not pay for it). */
  static open(file: string, options: { readonly indexes?: readonly IndexedField[] } = {}): SqliteReadStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A lost read-model write is rebuilt from the event log; the checkpoint commits with it.
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS documents (projection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (projection, id)) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER, version INTEGER NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS poisoned (projection TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
        reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (projection, position)) STRICT;
    `);
    const indexes = new Map<string, string>();
    for (const { projection, field } of (options.indexes ?? []).map(checkedIndex)) {
      const name = `documents_${projection}_${field}`;
      db.exec(`CREATE INDEX IF NOT EXISTS "${name}" ON documents (projection, (body ->> '$.${field}'), id) WHERE projection = '${projection}'`);
      indexes.set(`${projection}.${field}`, name);
    }
    return new SqliteReadStore(db, file, indexes);
  }

  private send(message: ToReadWriter): Promise<void> {
    if (this.closing) return Promise.reject(new Error('The read store is closed'));
    if (this.writerFailure) return Promise.reject(this.writerFailure);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      const writer = this.startWriter();
      writer.ref();
      writer.postMessage(message);
    });
  }

  private startWriter(): Worker {
    if (this.writer) return this.writer;
    const workerData: ReadWriterData = { file: this.file, busyTimeoutMs: 10_000 };
    const writer = startWorker(READ_WRITER_ENTRY, workerData);
    writer.on('message', (message: FromReadWriter) => {
      const next = this.pending.shift();
      if (this.pending.length === 0) {
        // Idle, the writer does not keep the process alive.
        writer.unref();
        for (const resolve of this.idle.splice(0)) resolve();
      }
      if (message.kind === 'done') next?.resolve();
      else next?.reject(new Error(`The read store could not write: ${message.message}`));
    });
    writer.on('error', (error) => this.failWriter(error));
    writer.on('exit', (code) => {
      if (this.pending.length > 0 || !this.closing) this.failWriter(new Error(`The read store's writer thread exited with code ${code}`));
    });
    this.writer = writer;
    return writer;
  }

  private failWriter(error: Error): void {
    this.writerFailure ??= error;
    for (const p of this.pending.splice(0)) p.reject(error);
    for (const resolve of this.idle.splice(0)) resolve();
  }

  async checkpoint(projection: string): Promise<Checkpoint | null> {
    const row = this.statements.checkpoint.get(projection);
    return row ? { position: row.position, version: Number(row.version) } : null;
  }

  commit(projection: string, version: number, position: bigint, changes: readonly DocumentChange[], poisoned: readonly PoisonedEvent[]): Promise<void> {
    let wire: WireChange[];
    try {
      wire = changes.map(({ id, document }) => [id, document === null ? null : JSON.stringify(document)]);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (this.closing) return Promise.reject(new Error('The read store is closed'));
    const commit: WireCommit = {
      projection,
      version,
      position: position.toString(),
      changes: wire,
      poisoned: poisoned.map((p) => [p.projection, p.position.toString(), p.eventId, p.type, p.reason, p.at]),
    };
    return new Promise<void>((resolve, reject) => this.commits.add({ commit, resolve, reject }));
  }

  async get<D>(projection: string, id: string): Promise<D | undefined> {
    const row = this.statements.get.get(projection, id);
    return row ? (JSON.parse(row.body) as D) : undefined;
  }

  async find<D>(projection: string, options: FindOptions): Promise<D[]> {
    const { where, contains, orderBy } = checkedFields(options);
    const sql = [
      'SELECT body FROM documents WHERE projection = ?',
      ...where.map(([field]) => `AND body ->> '$.${field}' = ?`),
      ...contains.map(([field]) => `AND EXISTS (SELECT 1 FROM json_each(body, '$.${field}') WHERE value = ?)`),
      orderBy ? `ORDER BY body ->> '$.${orderBy}', id` : 'ORDER BY id',
      'LIMIT ? OFFSET ?',
    ].join(' ');
    const rows = this.prepared(sql).all(projection, ...where.map(([, value]) => value), ...contains.map(([, value]) => value), options.limit, options.offset) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as D);
  }

  async *scan<D>(projection: string, filter: DocumentFilter, pageSize?: number): AsyncGenerator<D[]> {
    const { where, contains } = checkedFields(filter);
    const values = [...where.map(([, value]) => value), ...contains.map(([, value]) => value)];
    // Without statistics (no ANALYZE) SQLite prefers the primary key to an index it must look bodies
    // up from, and reads the whole projection; named, the index reads only the matching documents.
    const index = where.map(([field]) => this.indexes.get(`${projection}.${field}`)).find((name) => name !== undefined);
    const sql = (after: boolean) =>
      [
        `SELECT id, body FROM documents ${index ? `INDEXED BY "${index}"` : ''}`,
        // The projection as a literal, so that its partial indexes (see open) serve the query.
        `WHERE projection = '${checkedProjection(projection)}'`,
        ...where.map(([field]) => `AND body ->> '$.${field}' = ?`),
        ...contains.map(([field]) => `AND EXISTS (SELECT 1 FROM json_each(body, '$.${field}') WHERE value = ?)`),
        after ? 'AND id > ?' : '',
        'ORDER BY id LIMIT ?',
      ].join(' ');
    yield* keysetScan<D>(async (after, limit) => {
      // Each page on its own turn of the event loop: a scan of the nation is many short queries,
      // with requests served between them, not one long one on this thread.
      await nextTurn();
      const rows = this.prepared(sql(after !== undefined)).all(...values, ...(after === undefined ? [] : [after]), limit) as { id: string; body: string }[];
      return rows.map((r) => ({ id: r.id, document: JSON.parse(r.body) as D }));
    }, pageSize);
  }

  private prepared(sql: string): Database.Statement {
    let query = this.queries.get(sql);
    if (query === undefined) {
      if (this.queries.size >= MAX_PREPARED_QUERIES) this.queries.clear();
      this.queries.set(sql, (query = this.db.prepare(sql)));
    }
    return query;
  }

  reset(projection: string): Promise<void> {
    // After the commits asked for before it, as the writer takes messages in order.
    this.commits.flush();
    return this.send({ kind: 'reset', projection });
  }

  async poisoned(projection?: string): Promise<PoisonedEvent[]> {
    const rows = (
      projection === undefined
        ? this.db.prepare('SELECT * FROM poisoned ORDER BY position').safeIntegers(true).all()
        : this.db.prepare('SELECT * FROM poisoned WHERE projection = ? ORDER BY position').safeIntegers(true).all(projection)
    ) as { projection: string; position: bigint; event_id: string; type: string; reason: string; at: string }[];
    return rows.map((r) => ({ projection: r.projection, position: r.position, eventId: r.event_id, type: r.type, reason: r.reason, at: r.at }));
  }

  /** Waits for every write sent so far, then closes both connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      // Commits asked for before the close are written: sent before `closing` is set, as this part
      // of the function runs before its promise is assigned (and commit() refuses once it is).
      this.commits.flush();
      if (this.pending.length > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
      if (this.writer && !this.writerFailure) {
        const writer = this.writer;
        const exited = new Promise((resolve) => writer.once('exit', resolve));
        writer.ref();
        writer.postMessage({ kind: 'close' } satisfies ToReadWriter);
        await exited;
      }
      if (this.db.open) this.db.close();
    })();
    return this.closing;
  }
}
