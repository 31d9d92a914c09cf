import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ClockMark } from '@tppo/read-models';

const DAY_MS = 86_400_000;

/** Whole days from `now` to `dueAt` (both ms since the epoch), negative once it has passed. */
export const daysLeft = (dueAt: number, now: number): number => Math.floor((dueAt - now) / DAY_MS);

/** A statutory clock as a worklist shows it at `now`: running or stopped, in time or not. */
export class ClockDto {
  @ApiProperty() startedAt!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ description: 'The statute (and any configured day count) the clock follows' }) rule!: string;
  @ApiPropertyOptional() stoppedAt?: string;
  @ApiProperty({ enum: ['RUNNING', 'STOPPED'] }) status!: 'RUNNING' | 'STOPPED';
  @ApiProperty({ description: 'Running past its due date now, or stopped after it' }) breached!: boolean;
  @ApiPropertyOptional({ description: 'Whole days to the due date while running (negative when overdue)' }) daysLeft?: number;
}

export const clockAt = (mark: ClockMark, now: Date): ClockDto => {
  const due = Date.parse(mark.dueAt);
  if (mark.stoppedAt !== undefined) return { ...mark, status: 'STOPPED', breached: Date.parse(mark.stoppedAt) > due };
  return { ...mark, status: 'RUNNING', breached: now.getTime() > due, daysLeft: daysLeft(due, now.getTime()) };
};
