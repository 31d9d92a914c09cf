/** A document written or (null) deleted by a projection. */
export interface DocumentChange {
  readonly id: string;
  readonly document: unknown;
}

/** An event a projection could not apply: parked with its position and reason, for an operator. */
export interface PoisonedEvent {
  readonly projection: string;
  readonly position: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly reason: string;
  readonly at: string;
}

export interface Checkpoint {
  /** The last position applied (null: nothing yet). */
  readonly position: bigint | null;
  readonly version: number;
}

/** Which documents a query takes, filtered in the store. */
export interface DocumentFilter {
  /** Equality on top-level fields of the documents. */
  readonly where?: Readonly<Record<string, string>>;
  /** Top-level array fields that must contain the value. */
  readonly contains?: Readonly<Record<string, string>>;
}

export interface FindOptions extends DocumentFilter {
  readonly limit: number;
  readonly offset: number;
  /** A top-level field to sort by, ascending. */
  readonly orderBy?: string;
}

/**
 * Where read models live (SQLite embedded, PostgreSQL in production). `commit` writes a batch's
 * documents, parked events and the projection's new checkpoint in one transaction, so a crash
 * never applies an event twice or skips one.
 */
export interface ReadStore {
  checkpoint(projection: string): Promise<Checkpoint | null>;
  commit(projection: string, version: number, position: bigint, changes: readonly DocumentChange[], poisoned: readonly PoisonedEvent[]): Promise<void>;
  get<D>(projection: string, id: string): Promise<D | undefined>;
  find<D>(projection: string, options: FindOptions): Promise<D[]>;
  /**
   * Every document that passes the filter, a page at a time in id order (keyset pages, no offset):
   * exact at any size, and each page is one short query, so a long scan never holds the thread.
   */
  scan<D>(projection: string, filter: DocumentFilter, pageSize?: number): AsyncIterable<D[]>;
  /** Drops a projection's documents and checkpoint, for a rebuild. */
  reset(projection: string): Promise<void>;
  poisoned(projection?: string): Promise<PoisonedEvent[]>;
  close(): Promise<void>;
}

/**
 * A top-level field the store indexes for one projection's filters (an expression index on it and
 * the id, so that a filtered scan reads only its documents, in keyset order).
 */
export interface IndexedField {
  readonly projection: string;
  readonly field: string;
}

export const SCAN_PAGE = 2000;

/** A page of a scan: the documents after `after` (every one when undefined), in id order. */
export type KeysetPage<D> = (after: string | undefined, limit: number) => Promise<readonly { readonly id: string; readonly document: D }[]>;

/** Walks keyset pages to the end: the last id of one page is where the next begins. */
export async function* keysetScan<D>(page: KeysetPage<D>, pageSize: number = SCAN_PAGE): AsyncGenerator<D[]> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`Not a page size: ${pageSize}`);
  let after: string | undefined;
  for (;;) {
    const rows = await page(after, pageSize);
    if (rows.length > 0) yield rows.map((r) => r.document);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const PROJECTION = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * Projection names go into the SQL text of scans and indexes as literals (a partial index serves
 * only a query that names its projection in the text): only plain names pass.
 */
export const checkedProjection = (projection: string): string => {
  if (!PROJECTION.test(projection)) throw new Error(`Not a projection name: ${projection}`);
  return projection;
};

export const checkedIndex = (index: IndexedField): IndexedField => {
  checkedProjection(index.projection);
  if (!FIELD.test(index.field)) throw new Error(`Not a field name: ${index.field}`);
  return index;
};

/** Field names go into SQL text (values never do): only plain identifiers pass. */
export const checkedFields = (options: DocumentFilter & { readonly orderBy?: string }): { where: [string, string][]; contains: [string, string][]; orderBy: string | undefined } => {
  const where = Object.entries(options.where ?? {});
  const contains = Object.entries(options.contains ?? {});
  for (const [field] of [...where, ...contains]) if (!FIELD.test(field)) throw new Error(`Not a field name: ${field}`);
  if (options.orderBy !== undefined && !FIELD.test(options.orderBy)) throw new Error(`Not a field name: ${options.orderBy}`);
  return { where, contains, orderBy: options.orderBy };
};
