/**
 * An example downstream consumer a partner agency can copy (README: "Subscribing through Kafka").
 * It consumes the case-events topic with a consumer group and keeps, in its own SQLite file, a
 * national feed a ministry dashboard or a notification service needs: open referrals per receiving
 * unit and event counts per type and province. Delivery is at least once: every event id is stored
 * in the same transaction as its effect, so a redelivered event changes nothing.
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 npx tsx apps/kafka-relay/src/example-consumer.ts
 * Env: KAFKA_TOPIC, CONSUMER_GROUP (tppo-example-feed), CONSUMER_FILE (./data/example-feed.db).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { IntegrationEvent } from '@tppo/integration-events';
import { type IncomingMessage, KafkaGroupConsumer } from '@tppo/messaging';

/** The consumer's own store: processed event ids, open referrals by unit, counts by type and province. */
export class ExampleFeed {
  private readonly db: Database.Database;
  private readonly applyOnce;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS processed (event_id TEXT PRIMARY KEY, subject TEXT NOT NULL, sequence INTEGER NOT NULL, type TEXT NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS case_region (case_id TEXT PRIMARY KEY, province TEXT NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS open_referrals (referral_key TEXT PRIMARY KEY, to_unit_id TEXT NOT NULL, case_id TEXT NOT NULL, due_by TEXT) STRICT;
      CREATE TABLE IF NOT EXISTS counts (type TEXT NOT NULL, province TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (type, province)) STRICT;
    `);
    const seen = this.db.prepare('INSERT OR IGNORE INTO processed (event_id, subject, sequence, type) VALUES (?, ?, ?, ?)');
    const region = this.db.prepare('INSERT OR IGNORE INTO case_region (case_id, province) VALUES (?, ?)');
    const provinceOf = this.db.prepare('SELECT province FROM case_region WHERE case_id = ?').pluck(true);
    const count = this.db.prepare('INSERT INTO counts (type, province, n) VALUES (?, ?, 1) ON CONFLICT (type, province) DO UPDATE SET n = n + 1');
    const openReferral = this.db.prepare('INSERT OR REPLACE INTO open_referrals (referral_key, to_unit_id, case_id, due_by) VALUES (?, ?, ?, ?)');
    const closeReferral = this.db.prepare('DELETE FROM open_referrals WHERE referral_key = ?');
    this.applyOnce = this.db.transaction((event: IntegrationEvent): boolean => {
      if (seen.run(event.id, event.subject, event.sequence, event.type).changes === 0) return false;
      const d = event.data as Record<string, string | undefined>;
      if (event.type === 'tppo.case.case-opened.v1' && d['regionCode']) region.run(event.subject, d['regionCode'].slice(0, 2));
      const province = (provinceOf.get(event.subject) as string | undefined) ?? (typeof d['regionCode'] === 'string' ? d['regionCode'].slice(0, 2) : '??');
      count.run(event.type, province);
      const referral = `${event.subject}/${d['referralId'] ?? ''}`;
      if (event.type === 'tppo.case.referral-sent.v1') openReferral.run(referral, d['toUnitId'] ?? '', event.subject, d['dueBy'] ?? null);
      if (/^tppo\.case\.referral-(accepted|declined|completed|withdrawn)\.v1$/.test(event.type)) closeReferral.run(referral);
      return true;
    });
  }

  /** Applies a message once; a redelivery (same event id) returns false and changes nothing. */
  apply(message: IncomingMessage): boolean {
    return this.applyOnce(JSON.parse(message.value) as IntegrationEvent);
  }

  openReferralsFor(unitId: string): { caseId: string; dueBy: string | null }[] {
    return this.db.prepare('SELECT case_id AS caseId, due_by AS dueBy FROM open_referrals WHERE to_unit_id = ? ORDER BY due_by').all(unitId) as { caseId: string; dueBy: string | null }[];
  }

  processed(): { eventId: string; subject: string; sequence: number }[] {
    return this.db.prepare('SELECT event_id AS eventId, subject, sequence FROM processed ORDER BY rowid').all() as { eventId: string; subject: string; sequence: number }[];
  }

  close(): void {
    this.db.close();
  }
}

const main = async (): Promise<void> => {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('Set KAFKA_BROKERS=host:port');
  const feed = new ExampleFeed(resolve(process.env['CONSUMER_FILE'] ?? 'data/example-feed.db'));
  const consumer = new KafkaGroupConsumer(
    { brokers: brokers.split(','), clientId: 'tppo-example-consumer' },
    { topic: process.env['KAFKA_TOPIC'] ?? 'tppo.case-events.v1', groupId: process.env['CONSUMER_GROUP'] ?? 'tppo-example-feed' },
  );
  const stop = async () => {
    await consumer.close();
    feed.close();
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  await consumer.run(async (message) => {
    if (feed.apply(message)) process.stdout.write(`${message.headers['event-type']} ${message.key}\n`);
  });
};

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`example consumer failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
