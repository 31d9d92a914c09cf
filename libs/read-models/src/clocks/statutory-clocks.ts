import { type ClockRuleSet, clockRuleSet } from '@tppo/case-domain';
import { projectAll } from '../fold';
import type { ProjectedEvent } from '../projection';
import { type ClockDocument, clocksProjection, isOverdue } from './clocks.projection';

const DAY_MS = 86_400_000;

/**
 * A case's statutory clock as a report states it at a given moment: the clock as folded from the
 * events, the rule set it followed, and how many days it ran (or has run) past its due date.
 */
export interface StatutoryClock extends ClockDocument {
  /** The criminal-procedure rule set the stage began under, or Law 21/2007 for victim services and restitution. */
  readonly ruleSet?: ClockRuleSet;
  /** Running past its due date at the report's moment. */
  readonly overdue: boolean;
  /** Whole days (rounded up) past the due date: when stopped late, to the stop; while running, to the report's moment; else 0. */
  readonly daysOverdue: number;
}

/** Days past `dueAt` at `end`, rounded up (one hour late is a day late); 0 if not past. */
const daysPast = (dueAt: string, end: string): number => Math.max(0, Math.ceil((Date.parse(end) - Date.parse(dueAt)) / DAY_MS));

/**
 * The clocks of one case's events, in the order they were first touched, as at `asOf`. Pure: the
 * server builds an evidence bundle's clocks with it, and the offline verifier recomputes them with
 * it from the bundle's signed facts, so the two agree exactly or the bundle was changed.
 */
export const statutoryClocks = (events: readonly ProjectedEvent[], asOf: string): StatutoryClock[] =>
  [...projectAll(clocksProjection, events).values()].map((clock) => {
    const overdue = isOverdue(clock, asOf);
    const end = clock.stoppedAt ?? (clock.status === 'RUNNING' ? asOf : undefined);
    return {
      ...clock,
      ...(clock.startedAt !== undefined ? { ruleSet: clockRuleSet(clock.kind, clock.startedAt) } : {}),
      overdue,
      daysOverdue: clock.dueAt !== undefined && end !== undefined && clock.outcome !== 'CANCELLED' ? daysPast(clock.dueAt, end) : 0,
    };
  });
