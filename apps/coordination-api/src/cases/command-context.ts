import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@tppo/access';
import { canonicalJson, nameBasedIds } from '@tppo/eventsourcing';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/principal';
import { ProblemException } from '../errors/problem';
import type { CommandResultDto } from './command-result.dto';

/** Namespace for ids the API mints (command ids from idempotency keys, ids of new resources). */
const mintedId = nameBasedIds('6c1f3b9e-2a47-4d0b-8f4e-7d2c9a1e5b30');

export type CommandRequest = AuthenticatedRequest;

export const COMMAND_ROUTE = 'tppo:command-route';

/** What a command route declares about its answer (set by @CommandRoute). */
export interface CommandRouteMetadata {
  /** 201 for a route that creates a resource, 200 otherwise. */
  readonly status: number;
  /** For a route that creates a resource: where it lives. */
  readonly location?: (result: CommandResultDto) => string;
  /** Said in every answer of the route, a replayed one too. */
  readonly notice?: string;
}

/** What every command route needs besides its body: who asks, under which command id, at which revision. */
export interface CommandContext {
  readonly principal: Principal;
  readonly commandId: string;
  /** From If-Match: the revision the caller last saw; a stale one is 412. */
  readonly expectedRevision: number | undefined;
  readonly correlationId: string;
  /** A new resource's id, derived from the command id so that a retried request names the same resource. */
  readonly mint: (resource: string) => string;
  /** The request's Idempotency-Key (lower case), when it has one. */
  readonly idempotencyKey: string | undefined;
  /** What identifies the request behind the key: method, URL, If-Match and the canonical body. */
  readonly fingerprint: () => string;
  readonly route: CommandRouteMetadata;
}

/**
 * The reply of each command's request, kept here for the controller: the command handler never
 * sees HTTP, it returns a CommandAnswer that `sendCommand` puts on the reply.
 */
const replies = new WeakMap<CommandContext, FastifyReply>();

export const replyOf = (context: CommandContext): FastifyReply => {
  const reply = replies.get(context);
  if (!reply) throw new Error('A command context that no request made');
  return reply;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const idempotencyKeyOf = (header: unknown): string | undefined => {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !UUID.test(header)) {
    throw new ProblemException(400, 'IDEMPOTENCY_KEY_INVALID', 'Bad request', 'Idempotency-Key must be a UUID');
  }
  return header.toLowerCase();
};

/** The ETag as sent (`"3"`, `W/"3"`) or with its quotes lost on the way (`3`); `*` asks for nothing. */
const IF_MATCH = /^(?:W\/)?(?:"(\d{1,15})"|(\d{1,15}))$/;

export const parseIfMatch = (header: unknown): number | undefined => {
  if (header === undefined || header === '*') return undefined;
  const match = typeof header === 'string' ? IF_MATCH.exec(header.trim()) : null;
  const revision = match?.[1] ?? match?.[2];
  if (revision === undefined) throw new ProblemException(400, 'INVALID_IF_MATCH', 'Bad request', 'If-Match must be the ETag of the case, e.g. "3"');
  return Number(revision);
};

export const commandContextOf = (request: CommandRequest, route: CommandRouteMetadata): CommandContext => {
  const principal = request.principal;
  if (!principal) throw new Error('A command route without the AuthGuard');
  const idempotencyKey = idempotencyKeyOf(request.headers['idempotency-key']);
  // Scoped to the unit: two units that happen to pick the same key issue two different commands.
  const commandId = idempotencyKey ? mintedId(`${principal.unitId}\n${idempotencyKey}`) : randomUUID();
  return {
    idempotencyKey,
    fingerprint: () =>
      createHash('sha256')
        .update(`${request.method} ${request.url}\n${request.headers['if-match'] ?? ''}\n${canonicalJson(request.body ?? null)}`)
        .digest('hex'),
    route,
    principal,
    commandId,
    expectedRevision: parseIfMatch(request.headers['if-match']),
    correlationId: String(request.id),
    mint: (resource) => mintedId(`${commandId}\n${resource}`),
  };
};

export const CommandCtx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const route = Reflect.getMetadata(COMMAND_ROUTE, context.getHandler()) as CommandRouteMetadata | undefined;
  if (!route) throw new Error('CommandCtx used outside a @CommandRoute');
  const http = context.switchToHttp();
  const commandContext = commandContextOf(http.getRequest<CommandRequest>(), route);
  replies.set(commandContext, http.getResponse<FastifyReply>());
  return commandContext;
});
