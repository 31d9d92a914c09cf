import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, HttpStatus, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import canonicalize from 'canonicalize';
import type { FastifyReply } from 'fastify';
import { from, type Observable, of, switchMap } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { ProblemException } from '../errors/problem';
import { IDEMPOTENCY_STORE } from '../infrastructure/tokens';
import type { IdempotencyStore } from './idempotency.store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export type IdempotentRequest = AuthenticatedRequest & { commandId?: string };

/**
 * `Idempotency-Key` (a UUID) on a POST: the key becomes the command id, a retry with the same body
 * returns the first response and appends nothing, the same key with another body is 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || !request.principal) return next.handle();
    if (typeof header !== 'string' || !UUID.test(header)) {
      throw new ProblemException(400, 'IDEMPOTENCY_KEY_INVALID', 'Bad request', 'Idempotency-Key must be a UUID');
    }
    const key = header.toLowerCase();
    const unitId = request.principal.unitId;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.routeOptions.url ?? request.url} ${request.url}\n${canonicalize(request.body ?? null) ?? ''}`)
      .digest('hex');
    const earlier = this.store.lookup(unitId, key);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new ProblemException(422, 'IDEMPOTENCY_KEY_REUSED', 'Unprocessable request', 'This Idempotency-Key was used for a different request');
      }
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      void reply.status(earlier.status).header('idempotent-replayed', 'true');
      return of(earlier.body);
    }
    request.commandId = key;
    return next.handle().pipe(
      switchMap((body: unknown) =>
        from(
          (async () => {
            // Nest applies the route's status after the interceptors, so read it from the route.
            const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
            this.store.remember(unitId, key, { fingerprint, status, body });
            return body;
          })(),
        ),
      ),
    );
  }
}
