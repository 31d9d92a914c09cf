import { type ProjectedEvent, type StatutoryClock, statutoryClocks } from '@tppo/read-models';
import type { EventLeafHeader } from './event-leaf';
import { type EvidenceCrypto, type EvidenceVerdict, verifyEvidence } from './verify-evidence';

/**
 * The statutory clocks of an evidence bundle, recomputed from the signed facts of its events' leaf
 * headers. The server states a bundle's clocks with this same function and the verifier recomputes
 * them with it, so a clock in a bundle that was edited (a due date moved, a breach dropped) does not
 * match. It trusts the bundle for nothing but its moment (`generatedAt`, the "as of" of overdue days).
 */
export const clocksOfHeaders = (headers: readonly EventLeafHeader[], asOf: string): StatutoryClock[] =>
  statutoryClocks(
    headers.map(
      (header): ProjectedEvent => ({
        eventId: header.eventId,
        type: header.type,
        data: Object.fromEntries(header.facts ?? []),
        streamId: header.streamId,
        revision: header.revision,
        position: 0n,
        occurredAt: header.occurredAt,
        recordedAt: header.recordedAt,
        // The officer is covered by the event's hash only; the clocks read the unit.
        actor: { userId: '', unitId: header.unitId, agencyType: header.agencyType },
        causationId: header.causationId,
      }),
    ),
    asOf,
  );

export type ClockFault = 'CLOCKS_MISSING' | 'CLOCKS_MISMATCH' | 'REPORT_MISMATCH';

export type ClocksVerdict =
  | { readonly ok: true; readonly clocks: StatutoryClock[]; readonly breaches: number }
  | { readonly ok: false; readonly fault: ClockFault; readonly detail: string; readonly clockId?: string };

/** Stable text of a JSON value, keys sorted, to compare a stated clock with a recomputed one. */
const stable = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

/** The first field where a stated clock differs from the recomputed one. */
const firstDifference = (stated: Record<string, unknown>, recomputed: Record<string, unknown>): string =>
  [...new Set([...Object.keys(stated), ...Object.keys(recomputed)])].sort().find((key) => stable(stated[key]) !== stable(recomputed[key])) ?? '?';

/**
 * Checks the clocks a bundle states against those recomputed from its events. Call it once
 * `verifyEvidence` has accepted the bundle: the headers it reads are then those of the signed log.
 */
export const verifyClocks = (bundle: unknown): ClocksVerdict => {
  const b = bundle as Record<string, unknown>;
  const stated = b['clocks'];
  const asOf = b['generatedAt'];
  if (!Array.isArray(stated) || typeof asOf !== 'string' || Number.isNaN(Date.parse(asOf))) return { ok: false, fault: 'CLOCKS_MISSING', detail: 'the bundle states no clocks, or no generatedAt' };
  const headers = (b['events'] as { header: EventLeafHeader }[]).map((entry) => entry.header);
  const recomputed = clocksOfHeaders(headers, asOf);
  const byId = new Map(recomputed.map((clock) => [clock.clockId, clock]));
  for (const clock of stated as Record<string, unknown>[]) {
    const id = typeof clock?.['clockId'] === 'string' ? clock['clockId'] : '?';
    const mine = byId.get(id);
    if (!mine) return { ok: false, fault: 'CLOCKS_MISMATCH', detail: `clock ${id} does not follow from the events`, clockId: id };
    if (stable(clock) !== stable(mine)) {
      return { ok: false, fault: 'CLOCKS_MISMATCH', detail: `clock ${id}: its ${firstDifference(clock, mine as unknown as Record<string, unknown>)} differs from what the events give`, clockId: id };
    }
    byId.delete(id);
  }
  const left = [...byId.keys()][0];
  if (left !== undefined) return { ok: false, fault: 'CLOCKS_MISMATCH', detail: `clock ${left} follows from the events but the bundle leaves it out`, clockId: left };
  return { ok: true, clocks: recomputed, breaches: recomputed.reduce((n, clock) => n + clock.breaches + (clock.overdue ? 1 : 0), 0) };
};

export type BundleVerdict =
  | (Extract<EvidenceVerdict, { ok: true }> & { readonly clocks: StatutoryClock[]; readonly breaches: number })
  | Extract<EvidenceVerdict, { ok: false }>
  | Extract<ClocksVerdict, { ok: false }>;

/**
 * The whole offline check of a bundle: `verifyEvidence` (signature, proofs, chain, consistency),
 * then the clocks recomputed from the signed facts. The CLI and the console both run this.
 */
export const verifyBundle = (bundle: unknown, verifierKey: string, crypto: EvidenceCrypto, keptCheckpoint?: string): BundleVerdict => {
  const verdict = verifyEvidence(bundle, verifierKey, crypto, keptCheckpoint);
  if (!verdict.ok) return verdict;
  const clocks = verifyClocks(bundle);
  return clocks.ok ? { ...verdict, clocks: clocks.clocks, breaches: clocks.breaches } : clocks;
};

/** The fields of a report's stage that restate a verified clock. */
const STAGE_FIELDS = ['kind', 'responsibleUnitId', 'status', 'ruleSet', 'legalBasis', 'startedAt', 'dueAt', 'stoppedAt', 'outcome', 'overdue', 'daysOverdue', 'startRecordedAt', 'stopRecordedAt'] as const;

/**
 * Checks an undue-delay report (`tppo-undue-delay-report/1`): the evidence bundle it carries, with
 * `verifyBundle`, then every stage it states against the clocks recomputed from that bundle, so
 * that no date, due date or day count of the printed report can differ from the signed events.
 */
export const verifyReport = (report: unknown, verifierKey: string, crypto: EvidenceCrypto, keptCheckpoint?: string): BundleVerdict => {
  const r = (typeof report === 'object' && report !== null ? report : {}) as Record<string, unknown>;
  const mismatch = (detail: string, clockId?: string): BundleVerdict => ({ ok: false, fault: 'REPORT_MISMATCH', detail, ...(clockId !== undefined ? { clockId } : {}) });
  const verdict = verifyBundle(r['evidence'], verifierKey, crypto, keptCheckpoint);
  if (!verdict.ok) return verdict;
  if (r['caseId'] !== verdict.caseId) return mismatch('the report names another case than its evidence');
  const stages = Array.isArray(r['stages']) ? (r['stages'] as Record<string, unknown>[]) : undefined;
  if (!stages || stages.length !== verdict.clocks.length) return mismatch(`the report states ${stages?.length ?? 'no'} stages; the evidence gives ${verdict.clocks.length} clocks`);
  const byId = new Map(verdict.clocks.map((clock) => [clock.clockId, clock as unknown as Record<string, unknown>]));
  for (const stage of stages) {
    const id = String(stage?.['clockId']);
    const clock = byId.get(id);
    if (!clock) return mismatch(`stage ${id} does not follow from the evidence`, id);
    const field = STAGE_FIELDS.find((name) => stable(stage[name]) !== stable(clock[name]));
    if (field !== undefined) return mismatch(`stage ${id}: its ${field} differs from what the signed events give`, id);
    byId.delete(id);
  }
  return verdict;
};

/** What a file to verify is: a report carries its bundle. */
export const isUndueDelayReport = (document: unknown): boolean =>
  typeof document === 'object' && document !== null && (document as Record<string, unknown>)['format'] === 'tppo-undue-delay-report/1';
