import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@tppo/access';
import { v5 as uuidv5 } from 'uuid';
import type { AuthenticatedRequest } from '../auth/principal';
import { ProblemException } from '../errors/problem';

/** Namespace for ids the API mints (command ids from idempotency keys, ids of new resources). */
const MINTED_ID_NAMESPACE = '6c1f3b9e-2a47-4d0b-8f4e-7d2c9a1e5b30';

export type CommandRequest = AuthenticatedRequest & { idempotencyKey?: string };

/** What every command route needs besides its body: who asks, under which command id, at which revision. */
export interface CommandContext {
  readonly principal: Principal;
  readonly commandId: string;
  /** From If-Match: the revision the caller last saw; a stale one is 412. */
  readonly expectedRevision: number | undefined;
  readonly correlationId: string;
  /** A new resource's id, derived from the command id so that a retried request names the same resource. */
  readonly mint: (resource: string) => string;
}

const IF_MATCH = /^(?:W\/)?"(\d{1,15})"$/;

export const parseIfMatch = (header: unknown): number | undefined => {
  if (header === undefined || header === '*') return undefined;
  const match = typeof header === 'string' ? IF_MATCH.exec(header.trim()) : null;
  if (!match?.[1]) throw new ProblemException(400, 'INVALID_IF_MATCH', 'Bad request', 'If-Match must be the ETag of the case, e.g. "3"');
  return Number(match[1]);
};

export const commandContextOf = (request: CommandRequest): CommandContext => {
  const principal = request.principal;
  if (!principal) throw new Error('A command route without the AuthGuard');
  // Scoped to the unit: two units that happen to pick the same key issue two different commands.
  const commandId = request.idempotencyKey ? uuidv5(`${principal.unitId}\n${request.idempotencyKey}`, MINTED_ID_NAMESPACE) : randomUUID();
  return {
    principal,
    commandId,
    expectedRevision: parseIfMatch(request.headers['if-match']),
    correlationId: String(request.id),
    mint: (resource) => uuidv5(`${commandId}\n${resource}`, MINTED_ID_NAMESPACE),
  };
};

export const CommandCtx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<CommandRequest>()),
);
