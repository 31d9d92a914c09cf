import { assertNever, leadAfter } from '@tppo/case-domain';
import { asCaseEvent } from '../case-event';
import type { Projection } from '../projection';

/**
 * One row per case for the ministry's statistics: where, when, what kind, and its victims by
 * pseudonymous ref (refs, not a counter, so a redelivered event counts nobody twice).
 */
export interface CaseStatisticsRow {
  readonly caseId: string;
  readonly regionCode: string;
  readonly province: string;
  readonly year: string;
  readonly exploitationTypes: readonly string[];
  readonly modusCodes: readonly string[];
  readonly leadAgencyType: string;
  readonly victimRefs: readonly string[];
  readonly childRefs: readonly string[];
  /** Each victim's region of origin, where recorded, by ref: statistics can count people by where they come from. */
  readonly victimOrigins: Readonly<Record<string, string>>;
  /** The distinct regions and provinces in victimOrigins, so that the store finds a region's people by an array field. */
  readonly originRegionCodes: readonly string[];
  readonly originProvinces: readonly string[];
}

const EVENTS = ['CaseOpened', 'VictimRegistered', 'LeadHandoffAccepted'] as const;
type StatisticsEvent = (typeof EVENTS)[number];

const add = (refs: readonly string[], ref: string): readonly string[] => (refs.includes(ref) ? refs : [...refs, ref]);

const withOrigins = (victimOrigins: Readonly<Record<string, string>>): Pick<CaseStatisticsRow, 'victimOrigins' | 'originRegionCodes' | 'originProvinces'> => {
  const origins = Object.values(victimOrigins);
  return { victimOrigins, originRegionCodes: [...new Set(origins)].sort(), originProvinces: [...new Set(origins.map((o) => o.slice(0, 2)))].sort() };
};

export const caseStatisticsProjection: Projection<CaseStatisticsRow> = {
  name: 'case-statistics',
  // 2: victims' regions of origin. 3: their distinct regions and provinces, for the store's filters.
  version: 3,
  canHandle: EVENTS,
  documentIds: (event) => [String(event.data['caseId'])],
  evolve: (row, event) => {
    const type = event.type as StatisticsEvent;
    // Whose agency leads after the event, by the domain's rule (undefined: the event does not move the lead).
    const lead = leadAfter(undefined, asCaseEvent(event));
    switch (type) {
      case 'CaseOpened': {
        if (row) return row;
        const regionCode = String(event.data['regionCode']);
        return {
          caseId: String(event.data['caseId']),
          regionCode,
          province: regionCode.slice(0, 2),
          year: String(event.data['openedAt']).slice(0, 4),
          exploitationTypes: event.data['exploitationTypes'] as string[],
          modusCodes: event.data['modusCodes'] as string[],
          leadAgencyType: lead?.leadAgencyType ?? '',
          victimRefs: [],
          childRefs: [],
          ...withOrigins({}),
        };
      }
      case 'VictimRegistered': {
        if (!row) return row;
        const ref = String(event.data['subjectRef']);
        const origin = event.data['originRegionCode'];
        return {
          ...row,
          victimRefs: add(row.victimRefs, ref),
          childRefs: event.data['isChild'] === true ? add(row.childRefs, ref) : row.childRefs,
          ...(typeof origin === 'string' ? withOrigins({ ...row.victimOrigins, [ref]: origin }) : {}),
        };
      }
      case 'LeadHandoffAccepted':
        return row && { ...row, leadAgencyType: lead?.leadAgencyType ?? row.leadAgencyType };
      default:
        return assertNever(type);
    }
  },
};

/** One departure interception report, counts only. */
export interface InterceptionRow {
  readonly reportId: string;
  readonly regionCode: string;
  readonly province: string;
  readonly year: string;
  readonly routeKind: string;
  readonly destinationCountry: string;
  readonly people: number;
}

export const interceptionStatisticsProjection: Projection<InterceptionRow> = {
  name: 'interception-statistics',
  version: 1,
  canHandle: ['DepartureIntercepted'],
  documentIds: (event) => [String(event.data['reportId'])],
  evolve: (row, event) =>
    row ?? {
      reportId: String(event.data['reportId']),
      regionCode: String(event.data['regionCode']),
      province: String(event.data['regionCode']).slice(0, 2),
      year: String(event.data['interceptedOn']).slice(0, 4),
      routeKind: String(event.data['routeKind']),
      destinationCountry: String(event.data['destinationCountry']),
      people: Number(event.data['total']),
    },
};
