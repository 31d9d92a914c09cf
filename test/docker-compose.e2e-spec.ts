import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { loadConfig } from '../apps/coordination-api/src/config/app-config';

/**
 * No Docker engine runs here, so the compose file is checked by reading it: every service the code
 * expects is there, with health checks and named volumes, and each app's environment is one the
 * configuration module accepts and that points at the services of the file.
 */
interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test?: unknown; disable?: boolean };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const ROOT = join(__dirname, '..');
// Compose files are YAML 1.1 with merge keys (<<), which YAML 1.2's core schema lacks.
const compose = load(readFileSync(join(ROOT, 'docker', 'docker-compose.yml'), 'utf8'), { schema: YAML11_SCHEMA }) as Compose;
const nest = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as { projects: Record<string, { type: string }> };
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/** How `npm run start:prod` starts the API (node, its flags, the entry point): the containers start it the same way. */
const apiCommand = scripts['start:prod']!.split(' ');

describe('docker/docker-compose.yml', () => {
  it('starts EventStoreDB, Kafka, PostgreSQL and the three apps', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'eventstore', 'kafka', 'kafka-relay', 'postgres', 'projector']);
    expect(compose.services['eventstore']!.environment).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: 1, EVENTSTORE_INSECURE: 'true' });
    expect(compose.services['kafka']!.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
  });

  it('gives every service that serves something a health check, and keeps state in named volumes', () => {
    for (const name of ['eventstore', 'postgres', 'kafka', 'api', 'kafka-relay']) expect([name, compose.services[name]!.healthcheck?.test]).toEqual([name, expect.anything()]);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        expect([name, source, source in compose.volumes]).toEqual([name, source, true]);
      }
    }
  });

  it('runs each app from the build output of its Nest project', () => {
    for (const [service, project] of [['api', 'coordination-api'], ['projector', 'projector'], ['kafka-relay', 'kafka-relay']] as const) {
      expect(nest.projects[project]?.type).toBe('application');
      expect(compose.services[service]!.command?.at(-1)).toBe(`dist/apps/${project}/apps/${project}/src/main.js`);
    }
    for (const service of ['projector', 'kafka-relay']) expect(compose.services[service]!.command?.slice(0, 2)).toEqual(['node', '--enable-source-maps']);
  });

  it('starts the API with the node flags of `npm run start:prod`, in compose and in the image', () => {
    expect(apiCommand).toEqual(['node', '--enable-source-maps', expect.stringMatching(/^--max-semi-space-size=/), expect.stringMatching(/^--heap-growing-percent=/), 'dist/apps/coordination-api/apps/coordination-api/src/main.js']);
    expect(compose.services['api']!.command).toEqual(apiCommand);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(apiCommand);
  });

  it('configures the apps with settings the configuration module accepts, pointing at the services of the file', () => {
    for (const name of ['api', 'projector', 'kafka-relay']) {
      const env = Object.fromEntries(Object.entries(compose.services[name]!.environment ?? {}).map(([k, v]) => [k, String(v)]));
      const config = loadConfig(env, '/app');
      expect(config.eventStore).toEqual({ kind: 'eventstoredb', url: expect.stringMatching(/^esdb:\/\/eventstore:2113/) });
      expect(config.readStore).toEqual({ kind: 'postgres', url: expect.stringMatching(/@postgres:5432\//) });
      expect(config.kafka?.brokers).toEqual(['kafka:9092']);
      expect(config.nodeEnv).toBe('production');
      expect(config.swaggerEnabled).toBe(false);
      // The API leaves projecting and relaying to the two workers.
      expect([config.projector, config.kafka?.relay]).toEqual(['off', 'off']);
    }
    expect(compose.services['api']!.depends_on).toMatchObject({ eventstore: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
  });
});
