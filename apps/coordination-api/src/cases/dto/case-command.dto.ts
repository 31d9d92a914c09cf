import { DateTimeField } from './fields';

/** What every case command's body may carry besides its own fields. */
export class CaseCommandDto {
  @DateTimeField({
    optional: true,
    description:
      'When the act really happened, when it is recorded later (a late entry). At most OCCURRED_AT_MAX_DAYS_BACK days back (30), ' +
      'not before the case was opened, not in the future beyond the clock skew. Absent: now. Clocks start and stop on it.',
    example: '2026-02-15T09:00:00+08:00',
  })
  occurredAt?: string;
}
