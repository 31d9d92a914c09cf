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

export interface FindOptions {
  /** Equality on top-level fields of the documents. */
  readonly where?: Readonly<Record<string, string>>;
  /** Top-level array fields that must contain the value. */
  readonly contains?: Readonly<Record<string, string>>;
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
  /** Drops a projection's documents and checkpoint, for a rebuild. */
  reset(projection: string): Promise<void>;
  poisoned(projection?: string): Promise<PoisonedEvent[]>;
  close(): Promise<void>;
}

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Field names go into SQL text (values never do): only plain identifiers pass. */
export const checkedFields = (options: FindOptions): { where: [string, string][]; contains: [string, string][]; orderBy: string | undefined } => {
  const where = Object.entries(options.where ?? {});
  const contains = Object.entries(options.contains ?? {});
  for (const [field] of [...where, ...contains]) if (!FIELD.test(field)) throw new Error(`Not a field name: ${field}`);
  if (options.orderBy !== undefined && !FIELD.test(options.orderBy)) throw new Error(`Not a field name: ${options.orderBy}`);
  return { where, contains, orderBy: options.orderBy };
};
