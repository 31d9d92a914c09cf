import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { ProblemException } from '../errors/problem';
import type { AuthenticatedRequest } from './principal';

/**
 * Rate limits per unit and user, not per address: a whole police station behind one NAT is many
 * people, while one stolen token is one. Runs after the AuthGuard, so the principal is known;
 * unauthenticated routes fall back to the address.
 */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as AuthenticatedRequest;
    return principal ? `unit:${principal.unitId}\nuser:${principal.userId}` : `ip:${ip}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    throw new ProblemException(429, 'RATE_LIMITED', 'Too many requests', 'Too many requests from this user; retry after the time in Retry-After', undefined, {
      'retry-after': String(limit.timeToBlockExpire),
    });
  }
}
