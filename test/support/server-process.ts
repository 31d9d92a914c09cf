import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { eventually } from './eventually';

/** The built server (nest build coordination-api), as `npm run start:prod` runs it. */
export const SERVER_MAIN = resolve(__dirname, '../../dist/apps/coordination-api/apps/coordination-api/src/main.js');

let built = false;

/** Builds once per test file, however many of its suites ask. */
export const buildServer = (): void => {
  if (built) return;
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', 'coordination-api'], { cwd: resolve(__dirname, '../..'), stdio: 'inherit' });
  built = true;
};

export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** What the server wrote to stdout and stderr so far, when started with `captureOutput`. */
  readonly output: () => string;
}

/** Starts the server on 127.0.0.1 and resolves once /health/ready answers. */
export const startServer = async (env: Record<string, string>, nodeArgs: readonly string[] = [], options: { readonly captureOutput?: boolean } = {}): Promise<ServerProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, SERVER_MAIN], {
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: options.captureOutput ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'ignore', 'inherit'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(async () => (await fetch(`${url}/health/ready`)).ok, {
      what: `the server on ${url} to be ready`,
      timeoutMs: 30_000,
      intervalMs: 100,
      giveUpIf: () => (child.exitCode !== null ? `the server exited with ${child.exitCode}` : undefined),
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, child, output: () => output };
};

export const stopped = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
