import { applyDecorators, Get, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblems } from '../errors/problem.dto';
import { Access, type AccessPolicy } from './access-policy';

interface ReadRouteOptions {
  /** Below the controller's path; left out, the controller's path itself. */
  readonly path?: string;
  readonly operationId: string;
  readonly summary: string;
  /** Longer words for the document: the answers a caller can get besides the plain one. */
  readonly description?: string;
  /** The answer's body. */
  readonly type: Type<unknown>;
  /** Who may call it; left out only where the controller declares one policy for all its routes. */
  readonly access?: AccessPolicy;
  readonly problems: readonly number[];
}

/**
 * A GET for a signed-in caller: who may call it, the bearer token, the operation, its answer and its
 * problems, declared once, so that no read route documents less than the AuthGuard asks of it.
 */
export const ReadRoute = (options: ReadRouteOptions): MethodDecorator =>
  applyDecorators(
    Get(options.path),
    ...(options.access ? [Access(options.access)] : []),
    ApiBearerAuth('bearer'),
    ApiOperation({ operationId: options.operationId, summary: options.summary, ...(options.description ? { description: options.description } : {}) }),
    ApiOkResponse({ type: options.type }),
    ApiProblems(...options.problems),
  );
