import type { CommandMetadata } from '@tppo/eventsourcing';
import { fail } from './guards';

/** How far a declared time of an act may lie from the server's clock. */
export interface OccurredAtBounds {
  /** An act declared more than this many days before it is recorded is refused. */
  readonly maxDaysBack: number;
  /** The acting unit's clock may run ahead of the server's by this much. */
  readonly clockSkewSeconds: number;
}

export const DEFAULT_OCCURRED_AT_BOUNDS: OccurredAtBounds = { maxDaysBack: 30, clockSkewSeconds: 300 };

/** An entry recorded this long after its act is a late entry (the timeline and the clocks say so). */
export const DEFAULT_LATE_ENTRY_HOURS = 24;

const DAY_MS = 86_400_000;

/**
 * A declared time says when the acting unit did what the command records; only that unit declares
 * it, since the command is its own act (no field names the time of another unit's act). It may not
 * lie in the future beyond the clock skew, before the case was opened, nor further back than the
 * bound: older facts are no longer a late entry but a record to reconstruct, with its own review.
 */
export const checkOccurredAt = (metadata: CommandMetadata, caseOpenedAt: string | undefined): void => {
  const declared = metadata.occurredAt;
  if (declared === undefined) return;
  const bounds: OccurredAtBounds = { ...DEFAULT_OCCURRED_AT_BOUNDS, ...metadata.occurredAtBounds };
  const at = Date.parse(declared);
  const now = Date.parse(metadata.now);
  if (at > now + bounds.clockSkewSeconds * 1000) fail('OCCURRED_AT_IN_FUTURE', `occurredAt ${declared} is after now`);
  if (at < now - bounds.maxDaysBack * DAY_MS) fail('OCCURRED_AT_TOO_FAR_BACK', `occurredAt ${declared} is more than ${bounds.maxDaysBack} days ago`);
  if (caseOpenedAt !== undefined && at < Date.parse(caseOpenedAt)) fail('OCCURRED_AT_BEFORE_CASE_OPENED', `occurredAt ${declared} is before the case was opened`);
};

/**
 * Whole days between an act and its recording when that is more than `thresholdHours`: a late entry.
 * Undefined for an entry made in time. Days are counted down (recorded 47 hours later: 1 day).
 */
export const lateEntryDays = (occurredAt: string, recordedAt: string, thresholdHours: number = DEFAULT_LATE_ENTRY_HOURS): number | undefined => {
  const gap = Date.parse(recordedAt) - Date.parse(occurredAt);
  return gap > thresholdHours * 3_600_000 ? Math.floor(gap / DAY_MS) : undefined;
};
