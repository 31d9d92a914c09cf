import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticationError, type TokenVerifier } from '@tppo/access';
import { ProblemException } from '../errors/problem';
import { TOKEN_VERIFIER } from '../infrastructure/tokens';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy';
import type { AuthenticatedRequest } from './principal';
import { IS_PUBLIC } from './public.decorator';

const unauthorized = () =>
  new ProblemException(401, 'UNAUTHENTICATED', 'Unauthorized', 'A valid bearer token is required', undefined, {
    'www-authenticate': 'Bearer realm="tppo", error="invalid_token"',
  });

/**
 * Deny by default: every route needs a verified bearer token unless marked @Public(), and a declared
 * access policy whose audience holds the caller's agency type. Participation and jurisdiction need
 * the case, so the route checks them (its policy's scope says which).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (!match?.[1]) throw unauthorized();
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (error) {
      // Fail closed: any error in verification or key lookup is a 401, with the reason only in the log.
      request.log?.warn({ reason: error instanceof AuthenticationError ? error.reason : 'VERIFIER_ERROR' }, 'token rejected');
      throw unauthorized();
    }
    const { agencyType } = request.principal;
    if (!policy) {
      request.log?.error({ route: request.routeOptions?.url }, 'route without an access policy: denied');
      throw new ProblemException(403, 'AGENCY_NOT_PERMITTED', 'Forbidden', 'This route is not open to any agency');
    }
    if (!policy.audience.includes(agencyType)) {
      throw new ProblemException(403, 'AGENCY_NOT_PERMITTED', 'Forbidden', `${agencyType} units may not use this route`);
    }
    return true;
  }
}
