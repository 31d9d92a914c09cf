import { renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { claimUnmarkedRows, openKeyDatabase, readRotation, type MasterKeyRotationRecord } from './key-database';
import { KeyStoreError } from './key-store.port';
import { masterKeyId, syncFolder, unwrapDataKey, wrapDataKey } from './master-key';

export interface MasterKeyRotationOptions {
  /** The key database, e.g. `data/keys.db`. */
  readonly file: string;
  /** The master key that wraps the data keys now. */
  readonly currentMaster: Buffer;
  /** The master key to wrap them with, already on disk at `nextKeyFile`. */
  readonly nextMaster: Buffer;
  /** Where a running key store finds the new master key during the rotation. */
  readonly nextKeyFile: string;
  /** Where the new master key is moved once done; null when the master key comes from the environment. */
  readonly keyFile: string | null;
}

export interface RotationStart {
  /** Data keys in the store when the rotation (re)started. */
  readonly total: number;
  /** Of those, already wrapped by the new master key: by an earlier run, or created since it started. */
  readonly alreadyRewrapped: number;
  readonly resumed: boolean;
  /** Every key was rewrapped by an earlier run; only the key file is left to move. */
  readonly completed: boolean;
}

interface PendingRow {
  readonly rowid: number;
  readonly key_id: string;
  readonly version: number;
  readonly wrapped: Buffer;
  readonly master_id: string | null;
}

/**
 * Rewraps every data key from the current master key to a new one while the API goes on using the
 * store. Each batch commits in one transaction, so a run killed half-way leaves each row wrapped by
 * one master or the other, never neither, and the next run carries on where it stopped.
 */
export class MasterKeyRotation {
  readonly fromMaster: string;
  readonly toMaster: string;
  /** The rowid reached by the current pass over the table. */
  private cursor = 0;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: MasterKeyRotationOptions,
  ) {
    this.fromMaster = masterKeyId(options.currentMaster);
    this.toMaster = masterKeyId(options.nextMaster);
  }

  static open(options: MasterKeyRotationOptions): MasterKeyRotation {
    const db = openKeyDatabase(options.file);
    try {
      claimUnmarkedRows(db, options.currentMaster);
      return new MasterKeyRotation(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Records the rotation, or checks that the one under way is this one. New keys are wrapped by the new master from here on. */
  start(now: Date = new Date()): RotationStart {
    if (this.fromMaster === this.toMaster) throw new KeyStoreError('SAME_MASTER_KEY', 'The new master key is the current one');
    return this.db
      .transaction((): RotationStart => {
        const rotation = readRotation(this.db);
        if (rotation?.completedAt === null) {
          this.requireSameRotation(rotation);
          return this.counts({ resumed: true, completed: false });
        }
        if (rotation?.fromMaster === this.fromMaster && rotation.toMaster === this.toMaster) return this.counts({ resumed: true, completed: true });
        this.requireAllWrappedByCurrent();
        this.db
          .prepare(
            `INSERT INTO master_key_rotation (id, from_master, to_master, next_key_file, key_file, started_at, completed_at) VALUES (1, ?, ?, ?, ?, ?, NULL)
             ON CONFLICT (id) DO UPDATE SET from_master = excluded.from_master, to_master = excluded.to_master, next_key_file = excluded.next_key_file,
               key_file = excluded.key_file, started_at = excluded.started_at, completed_at = NULL`,
          )
          .run(this.fromMaster, this.toMaster, this.options.nextKeyFile, this.options.keyFile, now.toISOString());
        return this.counts({ resumed: false, completed: false });
      })
      .immediate();
  }

  /**
   * Rewraps up to `size` keys not yet under the new master, in one transaction. Returns how many;
   * 0 at the end of a pass over the table, after which the next call starts a new pass.
   */
  rewrapBatch(size: number): number {
    return this.db
      .transaction(() => {
        const rows = this.db
          .prepare<[number, string, number], PendingRow>(
            'SELECT rowid, key_id, version, wrapped, master_id FROM subject_keys WHERE rowid > ? AND master_id IS NOT ? ORDER BY rowid LIMIT ?',
          )
          .all(this.cursor, this.toMaster, size);
        const update = this.db.prepare<[Buffer, string, number]>('UPDATE subject_keys SET wrapped = ?, master_id = ? WHERE rowid = ?');
        for (const row of rows) {
          const key = unwrapDataKey(this.masterOf(row), row.key_id, row.version, row.wrapped);
          if (!key) throw new KeyStoreError('MASTER_KEY_INVALID', `A data key recorded under master key ${this.fromMaster} does not unwrap with it`);
          update.run(wrapDataKey(this.options.nextMaster, row.key_id, row.version, key), this.toMaster, row.rowid);
        }
        this.cursor = rows.length === 0 ? 0 : rows[rows.length - 1]!.rowid;
        return rows.length;
      })
      .immediate();
  }

  /** Data keys not yet under the new master key. */
  pending(): number {
    return this.count('SELECT count(*) FROM subject_keys WHERE master_id IS NOT ?', this.toMaster);
  }

  /**
   * Marks the rotation complete when no key is left under another master; false when one is (a
   * pass missed it). From here on the old master key opens nothing and the store refuses it.
   */
  complete(now: Date = new Date()): boolean {
    const completed = this.db
      .transaction(() => {
        if (this.pending() > 0) return false;
        this.db.prepare('UPDATE master_key_rotation SET completed_at = ? WHERE id = 1').run(now.toISOString());
        return true;
      })
      .immediate();
    // The old wrapped bytes are overwritten in the file (secure_delete); move them out of the WAL too.
    if (completed) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return completed;
  }

  close(): void {
    this.db.close();
  }

  private masterOf(row: PendingRow): Buffer {
    if (row.master_id === null || row.master_id === this.fromMaster) return this.options.currentMaster;
    throw new KeyStoreError('MASTER_KEY_INVALID', `A data key is wrapped by master key ${row.master_id}, which is neither the current (${this.fromMaster}) nor the new one`);
  }

  private requireSameRotation(underWay: MasterKeyRotationRecord): void {
    if (underWay.toMaster !== this.toMaster) {
      throw new KeyStoreError('ROTATION_MISMATCH', `A rotation to master key ${underWay.toMaster} is under way, but the new master key given is ${this.toMaster}`);
    }
    if (underWay.fromMaster !== this.fromMaster) {
      throw new KeyStoreError('MASTER_KEY_INVALID', `A rotation from master key ${underWay.fromMaster} is under way, but the current master key given is ${this.fromMaster}`);
    }
  }

  private counts(state: Pick<RotationStart, 'resumed' | 'completed'>): RotationStart {
    return {
      total: this.count('SELECT count(*) FROM subject_keys'),
      alreadyRewrapped: this.count('SELECT count(*) FROM subject_keys WHERE master_id = ?', this.toMaster),
      ...state,
    };
  }

  private requireAllWrappedByCurrent(): void {
    const others = this.db
      .prepare<[string], { master_id: string | null; keys: number }>('SELECT master_id, count(*) AS keys FROM subject_keys WHERE master_id IS NOT ? GROUP BY master_id')
      .all(this.fromMaster);
    if (others.length > 0) {
      const list = others.map((row) => `${row.keys} under ${row.master_id ?? 'an unrecorded master key'}`).join(', ');
      throw new KeyStoreError('MASTER_KEY_INVALID', `The current master key given (id ${this.fromMaster}) does not wrap every data key: ${list}`);
    }
    const sample = this.db.prepare<[], PendingRow>('SELECT rowid, key_id, version, wrapped, master_id FROM subject_keys LIMIT 1').get();
    if (sample && !unwrapDataKey(this.options.currentMaster, sample.key_id, sample.version, sample.wrapped)) {
      throw new KeyStoreError('MASTER_KEY_INVALID', `A data key recorded under master key ${this.fromMaster} does not unwrap with it`);
    }
  }

  private count(sql: string, ...params: string[]): number {
    return this.db.prepare(sql).pluck().get(...params) as number;
  }
}

export interface RotationProgress {
  /** Keys rewrapped by this run so far. */
  readonly rewrapped: number;
  /** Keys still under the old master key when the run started, less those rewrapped since. */
  readonly left: number;
}

export interface RunRotationOptions {
  readonly batchSize?: number;
  /** Keeps the rewrap below this rate, so the API keeps the disk it needs; undefined: as fast as it goes. */
  readonly maxKeysPerSecond?: number;
  readonly onBatch?: (progress: RotationProgress) => void;
}

/** Rewraps batch after batch until none is left, then marks the rotation complete. Returns the keys rewrapped. */
export const runRotation = async (rotation: MasterKeyRotation, { batchSize = 1_000, maxKeysPerSecond, onBatch }: RunRotationOptions = {}): Promise<number> => {
  const started = Date.now();
  const toDo = rotation.pending();
  let rewrapped = 0;
  do {
    for (let done = rotation.rewrapBatch(batchSize); done > 0; done = rotation.rewrapBatch(batchSize)) {
      rewrapped += done;
      onBatch?.({ rewrapped, left: Math.max(0, toDo - rewrapped) });
      if (maxKeysPerSecond !== undefined) {
        const ahead = (rewrapped / maxKeysPerSecond) * 1000 - (Date.now() - started);
        if (ahead > 0) await sleep(ahead);
      }
    }
  } while (!rotation.complete());
  return rewrapped;
};

/** Moves the new master key file onto the old one, atomically, and makes the rename durable. */
export const retireOldMasterKeyFile = (nextKeyFile: string, keyFile: string): void => {
  renameSync(nextKeyFile, keyFile);
  syncFolder(dirname(keyFile));
};
