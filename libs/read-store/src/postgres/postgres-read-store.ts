import { Pool, type PoolClient } from 'pg';
import { checkedFields, checkedIndex, checkedProjection, keysetScan, type Checkpoint, type DocumentChange, type DocumentFilter } from '../read-store.port';
import type { FindOptions, IndexedField, PoisonedEvent, ReadStore } from '../read-store.port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS read_documents (projection TEXT NOT NULL, id TEXT NOT NULL, body JSONB NOT NULL, PRIMARY KEY (projection, id));
  CREATE TABLE IF NOT EXISTS read_checkpoints (projection TEXT PRIMARY KEY, position BIGINT, version INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS read_poisoned (projection TEXT NOT NULL, position BIGINT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
    reason TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, PRIMARY KEY (projection, position));
  -- Byte order, as queries sort ids (COLLATE "C"): keyset pages of a scan walk this index.
  CREATE INDEX IF NOT EXISTS read_documents_keyset ON read_documents (projection, id COLLATE "C");
`;

/** The production read store: the same port on PostgreSQL, documents as JSONB. */
export class PostgresReadStore implements ReadStore {
  private constructor(private readonly pool: Pool) {}

  /** `indexes`: the fields that scans filter on, each indexed for its projection only. */
  static async open(connectionString: string, options: { readonly indexes?: readonly IndexedField[] } = {}): Promise<PostgresReadStore> {
    const pool = new Pool({ connectionString, max: 4 });
    try {
      await pool.query(SCHEMA);
      for (const { projection, field } of (options.indexes ?? []).map(checkedIndex)) {
        await pool.query(`CREATE INDEX IF NOT EXISTS "read_documents_${projection}_${field}" ON read_documents (projection, (body ->> '${field}'), id COLLATE "C") WHERE projection = '${projection}'`);
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresReadStore(pool);
  }

  async checkpoint(projection: string): Promise<Checkpoint | null> {
    const { rows } = await this.pool.query<{ position: string | null; version: number }>('SELECT position, version FROM read_checkpoints WHERE projection = $1', [projection]);
    const row = rows[0];
    return row ? { position: row.position === null ? null : BigInt(row.position), version: row.version } : null;
  }

  async commit(projection: string, version: number, position: bigint, changes: readonly DocumentChange[], poisoned: readonly PoisonedEvent[]): Promise<void> {
    await this.transaction(async (client) => {
      for (const { id, document } of changes) {
        if (document === null) await client.query('DELETE FROM read_documents WHERE projection = $1 AND id = $2', [projection, id]);
        else {
          await client.query(
            'INSERT INTO read_documents (projection, id, body) VALUES ($1, $2, $3) ON CONFLICT (projection, id) DO UPDATE SET body = EXCLUDED.body',
            [projection, id, JSON.stringify(document)],
          );
        }
      }
      for (const p of poisoned) {
        await client.query('INSERT INTO read_poisoned (projection, position, event_id, type, reason, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING', [
          p.projection, p.position.toString(), p.eventId, p.type, p.reason, p.at,
        ]);
      }
      await client.query(
        'INSERT INTO read_checkpoints (projection, position, version) VALUES ($1, $2, $3) ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position, version = EXCLUDED.version',
        [projection, position.toString(), version],
      );
    });
  }

  async get<D>(projection: string, id: string): Promise<D | undefined> {
    const { rows } = await this.pool.query<{ body: D }>('SELECT body FROM read_documents WHERE projection = $1 AND id = $2', [projection, id]);
    return rows[0]?.body;
  }

  async find<D>(projection: string, options: FindOptions): Promise<D[]> {
    const { where, contains, orderBy } = checkedFields(options);
    const sql = [
      'SELECT body FROM read_documents WHERE projection = $1',
      ...where.map(([field], i) => `AND body ->> '${field}' = $${i + 2}`),
      ...contains.map(([field], i) => `AND body -> '${field}' ? $${where.length + i + 2}`),
      // COLLATE "C": byte order, as SQLite sorts, so both stores page identically.
      orderBy ? `ORDER BY body ->> '${orderBy}' COLLATE "C", id COLLATE "C"` : 'ORDER BY id COLLATE "C"',
      `LIMIT $${where.length + contains.length + 2} OFFSET $${where.length + contains.length + 3}`,
    ].join(' ');
    const { rows } = await this.pool.query<{ body: D }>(sql, [projection, ...where.map(([, value]) => value), ...contains.map(([, value]) => value), options.limit, options.offset]);
    return rows.map((r) => r.body);
  }

  async *scan<D>(projection: string, filter: DocumentFilter, pageSize?: number): AsyncGenerator<D[]> {
    const { where, contains } = checkedFields(filter);
    const values = [...where.map(([, value]) => value), ...contains.map(([, value]) => value)];
    const conditions = [
      // The projection as a literal, so that the planner proves its partial indexes (see open) apply.
      `projection = '${checkedProjection(projection)}'`,
      ...where.map(([field], i) => `body ->> '${field}' = $${i + 1}`),
      ...contains.map(([field], i) => `body -> '${field}' ? $${where.length + i + 1}`),
    ];
    yield* keysetScan<D>(async (after, limit) => {
      const n = values.length;
      const sql =
        `SELECT id, body FROM read_documents WHERE ${conditions.join(' AND ')}` +
        (after === undefined ? ` ORDER BY id COLLATE "C" LIMIT $${n + 1}` : ` AND id COLLATE "C" > $${n + 1} ORDER BY id COLLATE "C" LIMIT $${n + 2}`);
      const { rows } = await this.pool.query<{ id: string; body: D }>(sql, [...values, ...(after === undefined ? [] : [after]), limit]);
      return rows.map((r) => ({ id: r.id, document: r.body }));
    }, pageSize);
  }

  async reset(projection: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM read_documents WHERE projection = $1', [projection]);
      await client.query('DELETE FROM read_checkpoints WHERE projection = $1', [projection]);
      await client.query('DELETE FROM read_poisoned WHERE projection = $1', [projection]);
    });
  }

  async poisoned(projection?: string): Promise<PoisonedEvent[]> {
    const { rows } = await this.pool.query<{ projection: string; position: string; event_id: string; type: string; reason: string; at: Date }>(
      projection === undefined ? 'SELECT * FROM read_poisoned ORDER BY position' : 'SELECT * FROM read_poisoned WHERE projection = $1 ORDER BY position',
      projection === undefined ? [] : [projection],
    );
    return rows.map((r) => ({ projection: r.projection, position: BigInt(r.position), eventId: r.event_id, type: r.type, reason: r.reason, at: r.at.toISOString() }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
