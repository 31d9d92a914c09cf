import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * The security headers of every answer, as Helmet sets them, computed once. Helmet's
 * headers do not depend on the request, yet its middleware validates and sets a dozen headers on
 * the raw response for every request (and @fastify/helmet even rebuilt the middleware, re-parsing
 * the CSP, each time: ~5% of a command's CPU). Here Helmet runs once against a recording response,
 * and each request gets the recorded headers through Fastify's own header object.
 */
export const securityHeaders = (): Readonly<Record<string, string>> => {
  const recorded: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      recorded[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete recorded[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  if (Object.keys(recorded).length === 0) throw new Error('Helmet set no security headers');
  return Object.freeze(recorded);
};
