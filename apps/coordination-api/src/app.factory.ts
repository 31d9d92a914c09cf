import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { ProblemException } from './errors/problem';
import { ProblemFilter, toProblem } from './errors/problem.filter';
import { validationProblem } from './errors/validation-problem';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

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
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem }),
  );
  app.useGlobalFilters(new ProblemFilter());
  // Security headers on every answer (SECURITY S8). The API serves JSON; only Swagger UI needs its
  // own inline styles and scripts, and it is off in production unless enabled.
  await app.register(helmet, {
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
  });
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
  // A body nested deeper than any command is refused before the validators walk it (recursively):
  // 5,000 nested arrays overflowed their stack into a 500.
  app.getHttpAdapter().getInstance().addHook('preValidation', async (request, reply) => {
    if (nestingDepth(request.body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH) return;
    const { problem } = toProblem(new ProblemException(400, 'BODY_TOO_DEEP', 'Bad request', `The body is nested deeper than ${MAX_BODY_DEPTH} levels`));
    await reply
      .status(400)
      .headers({ 'content-type': 'application/problem+json', 'cache-control': 'no-store' })
      .send({ ...problem, instance: `urn:tppo:request:${request.id}` });
  });
  app.getHttpAdapter().getInstance().addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  if (config.swaggerEnabled) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('TPPO case coordination API')
        .setDescription('Agencies act on shared human-trafficking (TPPO) cases. Every change is an event; errors are application/problem+json.')
        .setVersion('0.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
        .build(),
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  return app;
};
