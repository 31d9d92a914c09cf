import { applyDecorators, SetMetadata } from '@nestjs/common';
import { AGENCY_TYPES, type AgencyType, CASE_PARTICIPANT_AGENCY_TYPES, OVERSIGHT_AGENCY_TYPES } from '@tppo/case-domain';
import { ApiProblems } from '../errors/problem.dto';

export const ACCESS_POLICY = 'tppo:access-policy';

/**
 * What decides access beyond the agency type, checked by the route itself because it needs the case:
 * - `participant`: the calling unit takes part in the case (404 otherwise, as if it did not exist);
 * - `jurisdiction`: the case's region lies in the caller's (oversight; 404 otherwise);
 * - `case-audience`: both of the above, each for its own: a participant for its case, an oversight body for the cases of its jurisdiction;
 * - `caller`: nothing more; the route answers only with the caller's own data or creates something.
 */
export type AccessScope = 'participant' | 'jurisdiction' | 'case-audience' | 'caller';

/** Who may call a route: deny by default. Every route declares one or is @Public(). */
export interface AccessPolicy {
  /** The agency types that may call it; the AuthGuard answers 403 to any other before anything is read. */
  readonly audience: readonly AgencyType[];
  readonly scope: AccessScope;
}

/** Declares a route's policy; the AuthGuard denies a route that has none (deny by default). Documents its 403. */
export const Access = (policy: AccessPolicy): ClassDecorator & MethodDecorator =>
  policy.audience.length === AGENCY_TYPES.length ? SetMetadata(ACCESS_POLICY, policy) : applyDecorators(SetMetadata(ACCESS_POLICY, policy), ApiProblems(403));

export const CASE_PARTICIPANTS: readonly AgencyType[] = CASE_PARTICIPANT_AGENCY_TYPES;
export const OVERSIGHT: readonly AgencyType[] = OVERSIGHT_AGENCY_TYPES;
