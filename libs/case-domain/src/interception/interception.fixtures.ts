import type { Actor } from '@tppo/eventsourcing';
import type { ReportDepartureInterception } from './interception.decider';
import { imigrasiNunukan } from '../testing/units';
import { NOW } from '../testing/case-commands.fixtures';

/** Nunukan's Tunon Taka seaport: eleven people stopped boarding for Tawau without papers. */
export const sampleInterception = (
  { by = imigrasiNunukan, commandId = 'intercept-1', ...data }: { by?: Actor; commandId?: string } & Partial<ReportDepartureInterception['data']> = {},
): ReportDepartureInterception => ({
  type: 'ReportDepartureInterception',
  data: {
    reportId: 'int-nnk-2026-031',
    interceptedOn: '2026-02-09',
    placeName: 'Pelabuhan Tunon Taka',
    regionCode: '65.03',
    routeKind: 'SEAPORT',
    destinationCountry: 'MY',
    counts: [
      { sex: 'FEMALE', ageBand: '18-24', count: 6 },
      { sex: 'MALE', ageBand: '25-34', count: 4 },
      { sex: 'FEMALE', ageBand: '12-17', count: 1 },
    ],
    agenciesInvolved: ['IMMIGRATION', 'POLICE', 'MIGRANT_PROTECTION'],
    linkedCaseIds: [],
    ...data,
  },
  metadata: { commandId, actor: by, now: NOW },
});
