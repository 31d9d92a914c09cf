import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadOrCreateLocalSecret, mintLocalToken } from '@tppo/access';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/coordination-api/src/app.factory';
import { loadConfig, type AppConfig } from '../../apps/coordination-api/src/config/app-config';

export interface ApiHarness {
  readonly app: NestFastifyApplication;
  readonly http: TestAgent;
  readonly config: AppConfig;
  /** A bearer header for a unit of the seed registry. */
  readonly as: (unitId: string, userId?: string) => Promise<{ Authorization: string }>;
  readonly close: () => Promise<void>;
}

/**
 * The real application on the embedded store in a temporary data folder, over real HTTP. With
 * `DATA_DIR` in `env` it runs on that folder instead (to start again on the same files), which
 * `close` leaves in place.
 */
export const startApi = async (env: Record<string, string> = {}): Promise<ApiHarness> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tppo-api-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...env });
  const app = await createApp(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const secret = loadOrCreateLocalSecret(config.dataDir);
  return {
    app,
    config,
    http: request(app.getHttpServer()),
    as: async (unitId, userId = `officer@${unitId}`) => ({
      Authorization: `Bearer ${await mintLocalToken({ secret, issuer: config.auth.issuer, audience: config.auth.audience, unit: unitId, user: userId, ttlSeconds: 3600 })}`,
    }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
