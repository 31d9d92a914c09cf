import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ValidationPipeOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { ProblemException } from './errors/problem';
import { ProblemFilter, toProblem } from './errors/problem.filter';
import { validationProblem } from './errors/validation-problem';
import { describeSpecClasses } from './openapi/spec-classes';
import { enumerateUnitFields } from './openapi/unit-fields';
import { RECIPIENT_FIELDS } from './cases/run-command';
import { UNIT_REGISTRY } from './infrastructure/tokens';
import { DomainValidationPipe } from './infrastructure/domain-validation-pipe';
import { securityHeaders } from './infrastructure/security-headers';
import { serveConsole } from './console/console-routes';
import type { UnitRegistry } from '@tppo/access';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** How every body, query and path parameter is validated: unknown fields are errors, not dropped. */
export const VALIDATION: ValidationPipeOptions = { whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem };

/** The deepest command body has a list of objects in an object: 8 leaves room, and stops abuse early. */
const MAX_BODY_DEPTH = 8;

/** How deep a parsed JSON value nests, counted without recursion and up to `limit` + 1. */
const nestingDepth = (value: unknown, limit: number): number => {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
};

/** Builds the HTTP application (used by main.ts and by the tests, which listen on port 0). */
export const createApp = async (config: AppConfig): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Structured JSON logs (pino) with one request id per request; a caller's X-Request-Id is kept when well formed.
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Log-injection: keys are checked by the validators; prototype pollution keys are refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Ids are at most 128 characters and the validators say so with a 400; Fastify's own limit (100)
    // answered a bare 414 before them. A URL cannot outgrow Node's header limit (16 KiB) anyway.
    routerOptions: { maxParamLength: 16 * 1024 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: config.logLevel === 'silent' ? false : ['error', 'warn'],
    bufferLogs: false,
    // A failure while wiring (e.g. an unreachable event store) is thrown to main(), which names it and exits.
    abortOnError: false,
    // Fastify's own JSON parser only: Nest would add a urlencoded one, and commands are JSON.
    bodyParser: false,
  });
  app.useGlobalPipes(
    new DomainValidationPipe(VALIDATION),
  );
  app.useGlobalFilters(new ProblemFilter());
  // Security headers on every answer. The API serves JSON; only Swagger UI needs its
  // own inline styles and scripts, and it is off in production unless enabled.
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      reply.headers(headers);
      done();
    });
  // The web console: static files with their own, stricter policy (set after the API's headers).
  await serveConsole(app, config.consoleDir, config.consoleOidc ? new URL(config.consoleOidc.issuer).origin : undefined);
  app.enableShutdownHooks();
  // Commands are JSON only: Fastify would otherwise hand a text/plain body to the validators (415 instead).
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  // A stop finishes the requests in flight; their connections must then close, or a keep-alive
  // client would hold the server open until the grace period ends.
  let closing = false;
  app.getHttpAdapter().getInstance().addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const fastify = app.getHttpAdapter().getInstance();
  const refuse = async (request: FastifyRequest, reply: FastifyReply, error: ProblemException): Promise<void> => {
    const { problem, headers } = toProblem(error);
    await reply
      .status(problem.status)
      .headers({ 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers })
      .send({ ...problem, instance: `urn:tppo:request:${request.id}` });
  };
  // Only declared methods: a known path asked with another method is 405 with Allow,
  // not the 404 of a path that does not exist.
  const routes: { readonly pattern: RegExp; readonly method: string }[] = [];
  fastify.addHook('onRoute', (route) => {
    const pattern = new RegExp(`^${route.url.replace(/:[A-Za-z]+/g, '[^/]+').replace(/\/$/, '')}/?$`);
    for (const method of [route.method].flat()) routes.push({ pattern, method });
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== undefined) return;
    const path = request.url.split('?')[0] ?? '';
    const allow = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allow.length === 0) return;
    await refuse(request, reply, new ProblemException(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', `${request.method} is not served here; use ${allow.join(', ')}`, undefined, { allow: allow.join(', ') }));
  });
  // Every command body is a JSON object; one nested deeper than any command is refused before the
  // validators walk it (recursively: 5,000 nested arrays overflowed their stack into a 500).
  fastify.addHook('preValidation', async (request, reply) => {
    const { body } = request;
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      await refuse(request, reply, new ProblemException(400, 'BODY_NOT_OBJECT', 'Bad request', 'The body must be a JSON object'));
      return;
    }
    if (nestingDepth(body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH) return;
    await refuse(request, reply, new ProblemException(400, 'BODY_TOO_DEEP', 'Bad request', `The body is nested deeper than ${MAX_BODY_DEPTH} levels`));
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  if (config.swaggerEnabled) {
    const generated = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('TPPO case coordination API')
        .setDescription('Agencies act on shared human-trafficking (TPPO) cases. Every change is an event; errors are application/problem+json.')
        .setVersion('0.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
        .build(),
    );
    // Said in the document what the validators enforce, so a client (or a fuzzer) can tell a valid request from it alone.
    const units = app.get<UnitRegistry>(UNIT_REGISTRY).all().map((u) => u.id);
    const document = enumerateUnitFields(describeSpecClasses(generated), [...Object.keys(RECIPIENT_FIELDS), 'unitId'], units);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  return app;
};
