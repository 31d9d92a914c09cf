/**
 * The case timeline as swimlanes, as plain data: one lane per unit (grouped by agency type), the
 * lead as a band that moves between lanes at each accepted handoff, referrals and handoffs as
 * arrows between lanes, each clock as a bar from its start to its due date. Pure, so it is
 * tested without a browser; `swimlaneOption` turns it into an ECharts option.
 */
export interface Entry {
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actingUnitId: string;
  readonly actingAgencyType: string;
  readonly leadUnitId: string;
  readonly units?: Readonly<Record<string, string>>;
  /** Set by the API when the act was entered well after it happened (main's occurredAt work). */
  readonly late?: boolean;
}
export interface ClockLike {
  readonly kind: string;
  readonly responsibleUnitId: string;
  readonly status: string;
  readonly startedAt?: string;
  readonly dueAt?: string;
  readonly stoppedAt?: string;
  readonly outcome?: string;
  readonly breaches: number;
  readonly overdue: boolean;
}
export interface Lane {
  readonly unitId: string;
  readonly name: string;
  readonly agencyType: string;
}
export interface Mark {
  readonly lane: number;
  readonly time: number;
  readonly entry: Entry;
  readonly late: boolean;
}
export interface LeadSegment {
  readonly lane: number;
  readonly unitId: string;
  readonly from: number;
  readonly to: number;
}
export interface Arrow {
  readonly from: number;
  readonly to: number;
  readonly time: number;
  readonly kind: 'REFERRAL' | 'LEAD_HANDOFF';
  readonly revision: number;
}
export interface ClockBar {
  readonly lane: number;
  readonly kind: string;
  readonly start: number;
  readonly due: number;
  /** Where the bar ends: stopped, or now while running. */
  readonly end: number;
  readonly breached: boolean;
}
export interface Swimlanes {
  readonly lanes: readonly Lane[];
  readonly marks: readonly Mark[];
  readonly lead: readonly LeadSegment[];
  readonly arrows: readonly Arrow[];
  readonly clocks: readonly ClockBar[];
  readonly start: number;
  readonly end: number;
}

/** Lanes follow the path of a case: intake and investigation, protection, prosecution, oversight. */
const AGENCY_ORDER = ['POLICE', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'HEALTH', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS', 'IMMIGRATION', 'NGO', 'LEGAL_AID', 'LPSK', 'PROSECUTOR', 'COURT', 'TASK_FORCE', 'MINISTRY'];
/** An entry recorded more than this after it happened is marked late (until the API says so itself). */
const LATE_MS = 60 * 60 * 1000;
const ARROWS: Readonly<Record<string, Arrow['kind']>> = { ReferralSent: 'REFERRAL', LeadHandoffProposed: 'LEAD_HANDOFF' };

export const buildSwimlanes = (entries: readonly Entry[], clocks: readonly ClockLike[], unitInfo: (id: string) => { name: string; agencyType: string } | undefined, now: number): Swimlanes => {
  const seen = new Map<string, Lane>();
  const add = (unitId: string, fallbackType = '') => {
    if (!unitId || seen.has(unitId)) return;
    const info = unitInfo(unitId);
    seen.set(unitId, { unitId, name: info?.name ?? unitId, agencyType: info?.agencyType ?? fallbackType });
  };
  for (const e of entries) {
    add(e.actingUnitId, e.actingAgencyType);
    add(e.leadUnitId);
    for (const u of Object.values(e.units ?? {})) add(u);
  }
  for (const k of clocks) add(k.responsibleUnitId);
  const rank = (type: string) => {
    const i = AGENCY_ORDER.indexOf(type);
    return i < 0 ? AGENCY_ORDER.length : i;
  };
  const lanes = [...seen.values()].sort((a, b) => rank(a.agencyType) - rank(b.agencyType) || a.name.localeCompare(b.name));
  const laneOf = new Map(lanes.map((l, i) => [l.unitId, i]));

  const marks = entries.map((entry): Mark => ({
    lane: laneOf.get(entry.actingUnitId) ?? 0,
    time: Date.parse(entry.occurredAt),
    entry,
    late: entry.late ?? Date.parse(entry.recordedAt) - Date.parse(entry.occurredAt) > LATE_MS,
  }));
  const times = marks.map((m) => m.time);
  const clockTimes = clocks.flatMap((k) => [k.startedAt, k.dueAt, k.stoppedAt].filter((x): x is string => !!x).map(Date.parse));
  const start = Math.min(...times, ...clockTimes, now);
  const caseEnd = Math.max(...times, ...clockTimes, now);

  const lead: LeadSegment[] = [];
  for (const m of [...marks].sort((a, b) => a.time - b.time)) {
    const last = lead[lead.length - 1];
    if (last && last.unitId === m.entry.leadUnitId) continue;
    if (last) lead[lead.length - 1] = { ...last, to: m.time };
    lead.push({ lane: laneOf.get(m.entry.leadUnitId) ?? 0, unitId: m.entry.leadUnitId, from: m.time, to: caseEnd });
  }

  const arrows = marks.flatMap((m): Arrow[] => {
    const kind = ARROWS[m.entry.type];
    const to = m.entry.units?.['toUnitId'];
    return kind && to !== undefined && laneOf.has(to) ? [{ from: m.lane, to: laneOf.get(to)!, time: m.time, kind, revision: m.entry.revision }] : [];
  });

  const bars = clocks.flatMap((k): ClockBar[] => {
    if (!k.startedAt || !k.dueAt) return [];
    const due = Date.parse(k.dueAt);
    const end = k.stoppedAt ? Date.parse(k.stoppedAt) : now;
    return [{ lane: laneOf.get(k.responsibleUnitId) ?? 0, kind: k.kind, start: Date.parse(k.startedAt), due, end, breached: k.breaches > 0 || k.overdue || k.outcome === 'LATE' || k.outcome === 'DEFAULTED' }];
  });
  return { lanes, marks, lead, arrows, clocks: bars, start, end: caseEnd };
};
