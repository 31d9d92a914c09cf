import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { SEALED_VALUE_MARKER } from '@tppo/eventsourcing';
import type { CheckpointEvent } from '@tppo/integration-events';
import { type IncomingMessage, KafkaGroupConsumer } from '@tppo/messaging';
import { nodeEd25519Verify, nodeSha256, openSignedNote } from '@tppo/transparency';
import { type ApiHarness, startApi } from '../support/api-harness';
import { eventually } from '../support/eventually';
import { KafkaBroker } from '../support/kafka-broker';
import { ADULT, OPEN_CASE } from '../support/sample-bodies';

/**
 * The transparency log's signed checkpoints on Kafka, against a real broker: every checkpoint the
 * API signs reaches the topic in size order, across a restart of the API, on a topic of one
 * partition kept for ever; a witness that only reads the topic verifies each note with the served
 * key, and checks an evidence bundle against a consumed note with the offline verifier. Nothing
 * personal crosses. Needs Java; the jars come from .ci/kafka.sh (KAFKA_LIBS to skip it).
 */
jest.setTimeout(240_000);

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const NAME = ['Siti', 'Aminah', 'Wulandari'];
const NIK = '5310014104100001';

describe('signed checkpoints published on Kafka for witnesses', () => {
  let broker: KafkaBroker;
  let dir: string;
  const stops: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    broker = await KafkaBroker.create();
    await broker.start();
  });
  afterAll(async () => broker?.destroy());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'checkpoints-int-'));
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const consumerErrors: unknown[] = [];
  const until = (what: string, condition: () => boolean) =>
    eventually(condition, { what, timeoutMs: 60_000, intervalMs: 100, giveUpIf: () => (consumerErrors.length > 0 ? `the consumer failed: ${String(consumerErrors[0])}` : undefined) });

  /** The API on `dir` (kept across restarts), publishing to the two topics. */
  const kafkaEnv = (topics: { cases: string; checkpoints: string }) => ({ DATA_DIR: dir, KAFKA_BROKERS: broker.address, KAFKA_TOPIC: topics.cases, KAFKA_CHECKPOINT_TOPIC: topics.checkpoints, KAFKA_PARTITIONS: '1' });
  const api = async (topics: { cases: string; checkpoints: string }, env: Record<string, string> = {}): Promise<ApiHarness> => {
    const harness = await startApi({ ...kafkaEnv(topics), ...env });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await harness.close();
    };
    stops.push(close);
    return { ...harness, close };
  };

  /** A witness: reads the whole topic, raw, in offset order. */
  const witness = (topic: string): IncomingMessage[] => {
    const received: IncomingMessage[] = [];
    const consumer = new KafkaGroupConsumer({ brokers: [broker.address], clientId: 'witness' }, { topic, groupId: `${topic}-witness` });
    consumer.run(async (message) => void received.push(message)).catch((error: unknown) => consumerErrors.push(error));
    stops.push(() => consumer.close());
    return received;
  };

  const valueOf = (message: IncomingMessage) => JSON.parse(message.value) as CheckpointEvent;
  const sizesOf = (messages: readonly IncomingMessage[]) => messages.map((m) => valueOf(m).size);

  /** Opens a case with a named victim (the name and NIK must never reach Kafka) and signs a checkpoint. */
  const caseAndCheckpoint = async (harness: ApiHarness, caseId?: string) => {
    const police = await harness.as('polres-nunukan');
    const ministry = await harness.as('kemenpppa');
    const id = caseId ?? ((await harness.http.post('/cases').set(police).send(OPEN_CASE).expect(201)).body.id as string);
    await harness.http.post(`/cases/${id}/victims`).set(police).send({ ...ADULT, identity: { ...ADULT.identity, fullName: NAME.join(' '), nik: NIK } }).expect(201);
    const cut = (await harness.http.post('/transparency/checkpoints').set(ministry).send({}).expect(201)).body as { size: number; note: string };
    return { caseId: id, cut, ministry };
  };

  it('publishes every signed checkpoint in size order, across a restart, kept for ever, verifiable with the served key and free of personal data', async () => {
    const topics = { cases: `cases-${Date.now()}`, checkpoints: `checkpoints-${Date.now()}` };
    const received = witness(topics.checkpoints);

    let harness = await api(topics);
    const first = await caseAndCheckpoint(harness);
    const second = await caseAndCheckpoint(harness, first.caseId);
    await until('the first two checkpoints', () => sizesOf(received).includes(second.cut.size));
    await harness.close();

    // Restarted on the same files: it goes on from its marks, nothing published twice.
    harness = await api(topics);
    const third = await caseAndCheckpoint(harness, first.caseId);
    await until('the checkpoint cut after the restart', () => sizesOf(received).includes(third.cut.size));

    const sizes = sizesOf(received);
    expect(sizes).toEqual([...new Set(sizes)].sort((a, b) => a - b));
    for (const cut of [first.cut, second.cut, third.cut]) expect(sizes).toContain(cut.size);

    // What a witness checks, with the key the log serves and nothing else from this system.
    const { verifierKey, origin } = (await harness.http.get('/transparency/key').expect(200)).body as { verifierKey: string; origin: string };
    for (const message of received) {
      const value = valueOf(message);
      const opened = openSignedNote(nodeSha256, value.note, verifierKey, nodeEd25519Verify);
      if (!opened.ok) throw new Error(`checkpoint ${value.size} does not open: ${opened.reason}`);
      expect(opened.checkpoint.size).toBe(value.size);
      expect(Buffer.from(opened.checkpoint.rootHash).toString('base64')).toBe(value.rootHash);
      expect([message.key, value.origin, value.keyId]).toEqual([`${origin}/${value.size}`, origin, verifierKey.split('+')[1]]);
      expect(message.headers).toEqual({ 'event-type': 'tppo.transparency.checkpoint-signed.v1', 'schema-version': '1' });
      // Byte for byte the checkpoint the log serves.
      expect((await harness.http.get(`/transparency/checkpoints/${value.size}`).expect(200)).body.note).toBe(value.note);
    }

    // Keys, values and headers as they crossed the broker.
    const everything = received.map((m) => `${m.key} ${m.value} ${JSON.stringify(m.headers)}`).join('\n');
    for (const secret of [...NAME, NIK]) expect([secret, everything.includes(secret)]).toEqual([secret, false]);
    expect(everything).not.toMatch(SEALED_VALUE_MARKER);

    // The topic: one partition (order across all checkpoints), no time or size limit.
    const admin = new Kafka({ brokers: [broker.address], clientId: 'inspect', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const [config] = (await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topics.checkpoints, configNames: ['retention.ms', 'retention.bytes'] }], includeSynonyms: false })).resources;
      expect(Object.fromEntries(config!.configEntries.map((e) => [e.configName, e.configValue]))).toEqual({ 'retention.ms': '-1', 'retention.bytes': '-1' });
      const { topics: [metadata] } = await admin.fetchTopicMetadata({ topics: [topics.checkpoints] });
      expect(metadata!.partitions).toHaveLength(1);
    } finally {
      await admin.disconnect();
    }

    // The offline verifier, given a checkpoint the witness consumed: the case's evidence extends it.
    const kept = received.find((m) => valueOf(m).size === first.cut.size)!;
    writeFileSync(join(dir, 'kept.note'), valueOf(kept).note);
    const bundle = (await harness.http.get(`/cases/${first.caseId}/evidence?since=${first.cut.size}`).set(first.ministry).expect(200)).body;
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/coordination-api/src/cli/verify-evidence.ts'), join(dir, 'bundle.json'), '--key', verifierKey, '--checkpoint', join(dir, 'kept.note')], { cwd: ROOT });
    expect(stdout).toContain(`the log extends the checkpoint of ${first.cut.size} events kept earlier`);

    expect((await harness.http.get('/health/kafka-relay').expect(200)).body.checkpoints).toMatchObject({ topic: topics.checkpoints, consecutiveFailures: 0, lastError: null });
  });

  it('is published by apps/kafka-relay beside an API with KAFKA_RELAY=off, on the same data folder', async () => {
    const topics = { cases: `cases-${Date.now()}-standalone`, checkpoints: `checkpoints-${Date.now()}-standalone` };
    const received = witness(topics.checkpoints);
    const harness = await api(topics, { KAFKA_RELAY: 'off' });
    const { cut } = await caseAndCheckpoint(harness);
    const relay = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/kafka-relay/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...kafkaEnv(topics), RELAY_PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => relay.once('exit', r));
    stops.push(() => {
      if (relay.exitCode === null) relay.kill('SIGKILL');
    });
    await until('the checkpoint from the standalone relay', () => sizesOf(received).includes(cut.size));
    const { verifierKey } = (await harness.http.get('/transparency/key').expect(200)).body as { verifierKey: string };
    for (const message of received) expect(openSignedNote(nodeSha256, valueOf(message).note, verifierKey, nodeEd25519Verify)).toMatchObject({ ok: true });
    relay.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
