import type { AgencyType } from './agency-types';

/**
 * The verified caller. The agency type and region come from the unit registry, never from the
 * token, so a token cannot claim more than its unit has.
 */
export interface Principal {
  /** The token's `sub`. */
  readonly userId: string;
  /** The token's `unit` claim, known to the registry. */
  readonly unitId: string;
  readonly agencyType: AgencyType;
  readonly roles: readonly string[];
  /** The unit's jurisdiction (Kemendagri code; `00` for national bodies). */
  readonly regionCode: string;
}
