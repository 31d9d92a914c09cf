import Database from 'better-sqlite3';
import type { CheckpointOutbox } from '@tppo/messaging';
import type { StoredCheckpoint, TransparencyLogStore } from './transparency-log.store';

/**
 * Which signed checkpoints the broker has acknowledged, per topic, in the transparency log's own
 * file (table `checkpoint_publications`), so that the relay's place travels with the log it follows.
 * The checkpoints themselves are read through the log's store; this only adds the marks. Published
 * in size order and marked after the acknowledgement, so every checkpoint up to the largest mark of
 * a topic is on it, and the next to publish is the first one after that mark.
 */
export class CheckpointPublicationsStore implements CheckpointOutbox {
  private readonly insert;
  private readonly selectLast;

  private constructor(
    private readonly db: Database.Database,
    private readonly log: Pick<TransparencyLogStore, 'checkpointCovering'>,
  ) {
    this.insert = db.prepare('INSERT INTO checkpoint_publications (topic, size, published_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.selectLast = db.prepare('SELECT MAX(size) FROM checkpoint_publications WHERE topic = ?').pluck();
  }

  /** Opens the marks in the log's file (`file`, the one `log` was opened on). */
  static open(file: string, log: Pick<TransparencyLogStore, 'checkpointCovering'>): CheckpointPublicationsStore {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A mark lost to an OS crash only republishes a checkpoint, which witnesses keep once per key.
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS checkpoint_publications (topic TEXT NOT NULL, size INTEGER NOT NULL, published_at TEXT NOT NULL, PRIMARY KEY (topic, size)) STRICT');
    return new CheckpointPublicationsStore(db, log);
  }

  /** The largest checkpoint acknowledged on `topic`; null when none. */
  lastPublished(topic: string): number | null {
    return (this.selectLast.get(topic) as number | null) ?? null;
  }

  unpublished(topic: string, limit: number): StoredCheckpoint[] {
    const pending: StoredCheckpoint[] = [];
    const last = this.lastPublished(topic);
    // An empty log signs a checkpoint of size 0 when asked for one.
    let next = last === null ? 0 : last + 1;
    while (pending.length < limit) {
      const checkpoint = this.log.checkpointCovering(next);
      if (!checkpoint) break;
      pending.push(checkpoint);
      next = checkpoint.size + 1;
    }
    return pending;
  }

  markPublished(topic: string, sizes: readonly number[], at: string): void {
    this.db.transaction(() => {
      for (const size of sizes) this.insert.run(topic, size, at);
    })();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
