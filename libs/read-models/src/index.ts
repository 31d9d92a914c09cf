export * from './projection';
export * from './inbox/inbox.projection';
export * from './clocks/clocks.projection';
export * from './clocks/statutory-clocks';
export * from './fold';
export * from './statistics/case-statistics.projection';
export * from './statistics/tabulate';
export * from './cases/case-file.projection';
export * from './oversight/jurisdiction';

import { inboxProjection } from './inbox/inbox.projection';
import { clocksProjection } from './clocks/clocks.projection';
import { caseFileProjection } from './cases/case-file.projection';
import { caseStatisticsProjection, interceptionStatisticsProjection } from './statistics/case-statistics.projection';
import type { Projection } from './projection';

/** Every projection the read side maintains; the projector and the rebuild tool take them from here. */
export const PROJECTIONS: readonly Projection<unknown>[] = [inboxProjection, clocksProjection, caseStatisticsProjection, interceptionStatisticsProjection, caseFileProjection];
export * from './cases/agency-sections';
