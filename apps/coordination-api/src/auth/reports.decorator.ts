import { SetMetadata } from '@nestjs/common';

export const REPORTS = 'tppo:reports';

/**
 * Marks expensive or sensitive reads (statistics, identities, access logs): they get the stricter
 * `reports` rate limit (RATE_LIMIT_REPORTS_PER_MINUTE) on top of the default one.
 */
export const Reports = (): ClassDecorator & MethodDecorator => SetMetadata(REPORTS, true);
