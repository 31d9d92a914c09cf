import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The console's own policy, stricter than the API's: its scripts and styles are files of its own
 * build (no inline code, no CDN), and it talks only to this origin, and to the identity provider's
 * when it signs in there (discovery and the token endpoint are fetched from the browser).
 */
export const consoleCsp = (identityProviderOrigin?: string): string => [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  identityProviderOrigin ? `connect-src 'self' ${identityProviderOrigin}` : "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names built assets by their content hash: a changed file is a new URL, so they never go stale. */
const HASHED = /^\/console\/assets\//;

/**
 * Serves the built web console (apps/console, `npm run build`) at /console. Without a build (unit
 * tests, a bare `nest build`) the API starts all the same and /console answers a 503 problem that
 * says how to build it.
 */
export const serveConsole = async (app: NestFastifyApplication, dir: string, identityProviderOrigin?: string): Promise<void> => {
  const csp = consoleCsp(identityProviderOrigin);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path !== '/console' && !path.startsWith('/console/')) return;
    void reply.header('content-security-policy', csp);
    void reply.header('cache-control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  if (!existsSync(join(dir, 'index.html'))) {
    const notBuilt = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      await reply.status(503).headers({ 'content-type': 'application/problem+json', 'cache-control': 'no-store' }).send({
        type: 'about:blank',
        title: 'Service unavailable',
        status: 503,
        code: 'CONSOLE_NOT_BUILT',
        detail: 'The web console has not been built on this server: run `npm run build` (or `npm start`), then reload.',
        instance: `urn:tppo:request:${request.id}`,
      });
    };
    fastify.get('/console', notBuilt);
    fastify.get('/console/*', notBuilt);
    return;
  }
  fastify.get('/console', async (_request, reply) => reply.redirect('/console/', 301));
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/console/',
    // Headers are set above, per path; the plugin's own would say max-age=0 for everything.
    cacheControl: false,
    etag: true,
    lastModified: false,
    index: ['index.html'],
    wildcard: true,
    decorateReply: false,
  });
};
