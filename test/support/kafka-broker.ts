import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from './eventually';

const ROOT = resolve(__dirname, '..', '..');

/** The jar folder: KAFKA_LIBS, or fetched (cached) by .ci/kafka.sh. */
export const kafkaLibs = (): string => process.env['KAFKA_LIBS'] ?? execFileSync(join(ROOT, '.ci', 'kafka.sh'), ['fetch'], { encoding: 'utf8' }).trim();

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * One real Kafka broker (KRaft, combined mode) on loopback, for integration tests. Its ports and
 * data folder stay the same across stop and start, so a test can take the broker away and bring it
 * back with every acknowledged message still there.
 */
/**
 * A random cluster id as Kafka makes them (16 bytes, base64url), never starting with "-": the
 * StorageTool would read such an id as an option and refuse to format (1 run in 64 failed so).
 */
export const newClusterId = (): string => {
  for (;;) {
    const id = randomBytes(16).toString('base64url').slice(0, 22);
    if (!id.startsWith('-')) return id;
  }
};

export class KafkaBroker {
  private process: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    private readonly controllerPort: number,
    private readonly dir: string,
    private readonly libs: string,
  ) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async create(): Promise<KafkaBroker> {
    const libs = kafkaLibs();
    const dir = mkdtempSync(join(tmpdir(), 'tppo-kafka-'));
    const broker = new KafkaBroker(await freePort(), await freePort(), dir, libs);
    mkdirSync(join(dir, 'data'));
    writeFileSync(
      join(dir, 'server.properties'),
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${broker.controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${broker.port},CONTROLLER://127.0.0.1:${broker.controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${broker.port}`,
        'controller.listener.names=CONTROLLER',
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        `log.dirs=${join(dir, 'data')}`,
        'offsets.topic.replication.factor=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'min.insync.replicas=1',
        'offsets.topic.num.partitions=1',
        'transaction.state.log.num.partitions=1',
        'group.initial.rebalance.delay.ms=0',
        '',
      ].join('\n'),
    );
    execFileSync('java', ['-cp', `${libs}/*`, 'kafka.tools.StorageTool', 'format', '-t', newClusterId(), '-c', join(dir, 'server.properties')], { stdio: 'ignore' });
    return broker;
  }

  /** Starts the broker and resolves once it says it started (at most 90 s). */
  async start(): Promise<void> {
    const log = join(this.dir, `broker-${Date.now()}.log`);
    writeFileSync(log, '');
    const child = spawn(
      'java',
      ['-Xms256m', '-Xmx512m', `-Dlog4j.configuration=file:${join(ROOT, '.ci', 'kafka', 'log4j.properties')}`, '-cp', `${this.libs}/*`, 'kafka.Kafka', join(this.dir, 'server.properties')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const started = () => {
      if (!output.includes('Kafka Server started')) throw new Error(`not started yet:\n${output.slice(-4000)}`);
    };
    await eventually(started, {
      what: 'the Kafka broker to start',
      timeoutMs: 90_000,
      intervalMs: 200,
      giveUpIf: () => (child.exitCode !== null ? `the broker exited (${child.exitCode}):\n${output.slice(-4000)}` : undefined),
    });
  }

  /** Stops the broker (SIGTERM, then SIGKILL after 20 s) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
