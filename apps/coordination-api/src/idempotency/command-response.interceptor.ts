import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, HttpStatus, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import canonicalize from 'canonicalize';
import type { FastifyReply } from 'fastify';
import { map, type Observable, of } from 'rxjs';
import type { CommandRequest } from '../cases/command-context';
import type { CommandResultDto } from '../cases/command-result.dto';
import { COMMAND_ROUTE, type CommandRouteMetadata } from '../cases/command-route';
import { ProblemException } from '../errors/problem';
import { IDEMPOTENCY_STORE } from '../infrastructure/tokens';
import type { IdempotencyStore } from './idempotency.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Around every command route: `Idempotency-Key` (a UUID) makes a retry with the same body return the
 * first response and append nothing (the key becomes the command id, see command-context.ts); the
 * same key with another body is 422. Answers carry `ETag` (the revision) and, for a created
 * resource, `Location`; both derive from the body, so a replayed answer carries them too.
 */
@Injectable()
export class CommandResponseInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<CommandRequest>();
    const reply = http.getResponse<FastifyReply>();
    const route = this.reflector.get<CommandRouteMetadata>(COMMAND_ROUTE, context.getHandler());
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const unitId = request.principal?.unitId;
    const header = request.headers['idempotency-key'];

    const withHeaders = (body: CommandResultDto): CommandResultDto => {
      void reply.header('etag', `"${body.revision}"`).header('cache-control', 'no-store');
      const location = route?.location?.(body);
      if (location) void reply.header('location', location);
      return body;
    };

    if (header === undefined || unitId === undefined) return next.handle().pipe(map(withHeaders));
    if (typeof header !== 'string' || !UUID.test(header)) {
      throw new ProblemException(400, 'IDEMPOTENCY_KEY_INVALID', 'Bad request', 'Idempotency-Key must be a UUID');
    }
    const key = header.toLowerCase();
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${request.headers['if-match'] ?? ''}\n${canonicalize(request.body ?? null) ?? ''}`)
      .digest('hex');
    const earlier = this.store.lookup(unitId, key);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new ProblemException(422, 'IDEMPOTENCY_KEY_REUSED', 'Unprocessable request', 'This Idempotency-Key was used for a different request');
      }
      void reply.status(earlier.status).header('idempotent-replayed', 'true');
      return of(withHeaders(earlier.body as CommandResultDto));
    }
    request.idempotencyKey = key;
    return next.handle().pipe(
      map((body: CommandResultDto) => {
        this.store.remember(unitId, key, { fingerprint, status, body });
        return withHeaders(body);
      }),
    );
  }
}
