import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CheckpointEvent } from '@tppo/integration-events';
import { CheckpointRelay, type OutgoingMessage, type Publisher, type TopicSettings } from '@tppo/messaging';
import { formatCheckpoint, generateLogKey, nodeSha256, signNote } from '@tppo/transparency';
import { CheckpointPublicationsStore } from './checkpoint-publications.store';
import { TransparencyLogStore } from './transparency-log.store';

const ORIGIN = 'tppo.local/coordination-log';
const TOPIC = 'checkpoints';
const key = generateLogKey();

/** A broker that refuses the next `failures` publishes, and remembers what it acknowledged and what was marked when asked. */
class FakePublisher implements Publisher {
  failures = 0;
  /** Publishes to refuse after acknowledging them (the process dies before it can write the mark). */
  lostAcks = 0;
  readonly acknowledged: OutgoingMessage[] = [];
  readonly calls: { sizes: number[]; markedBefore: number | null; ok: boolean }[] = [];
  readonly topics: { topic: string; partitions: number; settings: TopicSettings | undefined }[] = [];
  constructor(private readonly marks: () => CheckpointPublicationsStore) {}
  async ensureTopic(topic: string, partitions: number, settings?: TopicSettings): Promise<void> {
    this.topics.push({ topic, partitions, settings });
  }
  async publish(_topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const sizes = messages.map((m) => (JSON.parse(m.value) as CheckpointEvent).size);
    const call = { sizes, markedBefore: this.marks().lastPublished(TOPIC), ok: false };
    this.calls.push(call);
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('broker down');
    }
    this.acknowledged.push(...messages);
    call.ok = true;
    if (this.lostAcks > 0) {
      this.lostAcks -= 1;
      throw new Error('acknowledged, but the answer was lost');
    }
  }
  async close(): Promise<void> {}
}

describe('the checkpoint relay', () => {
  let dir: string;
  let file: string;
  let log: TransparencyLogStore;
  let marks: CheckpointPublicationsStore;
  const relays: CheckpointRelay[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'checkpoint-relay-'));
    file = join(dir, 'transparency.db');
    log = TransparencyLogStore.open(file);
    marks = CheckpointPublicationsStore.open(file, log);
  });
  afterEach(() => {
    for (const relay of relays.splice(0)) relay.stop();
    marks.close();
    log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cut = (size: number): void => {
    const rootHash = nodeSha256(new TextEncoder().encode(`root ${size}`));
    const note = signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash }), ORIGIN, key.sign, nodeSha256, key.publicKey);
    log.saveCheckpoint({ size, rootHash, note, cutAt: new Date(Date.UTC(2026, 11, 7, 0, 0, size)).toISOString() });
  };

  const start = (publisher: Publisher, batchSize = 3) => {
    const relay = new CheckpointRelay(marks, publisher, { topic: TOPIC, batchSize, pollIntervalMs: 5, maxBackoffMs: 20 });
    relays.push(relay);
    return { relay, running: relay.run() };
  };

  const until = async (condition: () => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  const sizesOf = (messages: readonly OutgoingMessage[]) => messages.map((m) => (JSON.parse(m.value) as CheckpointEvent).size);

  it('publishes every checkpoint in size order to one partition kept for ever, retrying a refused batch and marking only what was acknowledged', async () => {
    for (const size of [0, 5, 9, 14, 20]) cut(size);
    const publisher = new FakePublisher(() => marks);
    publisher.failures = 1;
    const { relay, running } = start(publisher);
    await until(() => publisher.acknowledged.length === 5);
    // Cut while the relay runs: it follows.
    cut(31);
    await until(() => publisher.acknowledged.length === 6);
    relay.stop();
    await running;

    expect(publisher.topics).toEqual([{ topic: TOPIC, partitions: 1, settings: { retainForever: true } }]);
    expect(sizesOf(publisher.acknowledged)).toEqual([0, 5, 9, 14, 20, 31]);
    expect(publisher.acknowledged.map((m) => m.key)).toEqual([0, 5, 9, 14, 20, 31].map((size) => `${ORIGIN}/${size}`));
    // The refused batch came again whole, and no mark was written until a publish was acknowledged.
    expect(publisher.calls).toEqual([
      { sizes: [0, 5, 9], markedBefore: null, ok: false },
      { sizes: [0, 5, 9], markedBefore: null, ok: true },
      { sizes: [14, 20], markedBefore: 9, ok: true },
      { sizes: [31], markedBefore: 20, ok: true },
    ]);
    expect(marks.lastPublished(TOPIC)).toBe(31);
    expect(relay.status()).toMatchObject({ topic: TOPIC, lastPublishedSize: 31, published: 6, consecutiveFailures: 0, lastError: null });
  });

  it('loses nothing across a crash between the acknowledgement and the mark: it publishes again, then only what is new', async () => {
    for (const size of [3, 6]) cut(size);
    const first = new FakePublisher(() => marks);
    first.lostAcks = 1;
    let { relay, running } = start(first);
    await until(() => first.acknowledged.length === 4);
    relay.stop();
    await running;
    // At least once: the checkpoints whose acknowledgement was lost came twice, under the same keys.
    expect(sizesOf(first.acknowledged)).toEqual([3, 6, 3, 6]);

    // A new process on the same file starts from the marks.
    marks.close();
    marks = CheckpointPublicationsStore.open(file, log);
    cut(8);
    const second = new FakePublisher(() => marks);
    ({ relay, running } = start(second));
    await until(() => second.acknowledged.length === 1);
    relay.stop();
    await running;
    expect(sizesOf(second.acknowledged)).toEqual([8]);
    expect(marks.unpublished(TOPIC, 10)).toEqual([]);
    // Another topic has its own marks: it gets every checkpoint from the first.
    expect(marks.unpublished('another-topic', 10).map((c) => c.size)).toEqual([3, 6, 8]);
  });

  it('stops on a stored checkpoint that is not a signed note instead of passing it', async () => {
    cut(2);
    log.saveCheckpoint({ size: 4, rootHash: new Uint8Array(32), note: 'not a note', cutAt: '2026-12-07T00:00:04.000Z' });
    cut(7);
    const publisher = new FakePublisher(() => marks);
    const { relay, running } = start(publisher, 1);
    await until(() => relay.status().consecutiveFailures >= 2);
    relay.stop();
    await running;
    expect(sizesOf(publisher.acknowledged)).toEqual([2]);
    expect(marks.lastPublished(TOPIC)).toBe(2);
    expect(relay.status().lastError).toMatch(/size 4 does not hold a signed note/);
  });
});
