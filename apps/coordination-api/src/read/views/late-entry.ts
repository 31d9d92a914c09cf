import { ApiProperty } from '@nestjs/swagger';
import { lateEntryDays } from '@tppo/case-domain';

/** An act recorded well after it happened (LATE_ENTRY_HOURS): when it came in, and how many days later. */
export class LateEntryDto {
  @ApiProperty({ description: 'When the act was recorded' }) recordedAt!: string;
  @ApiProperty({ description: 'Whole days between the act and its recording' }) daysLater!: number;
}

export const lateEntryOf = (occurredAt: string | undefined, recordedAt: string | undefined, thresholdHours: number): LateEntryDto | undefined => {
  if (occurredAt === undefined || recordedAt === undefined) return undefined;
  const daysLater = lateEntryDays(occurredAt, recordedAt, thresholdHours);
  return daysLater === undefined ? undefined : { recordedAt, daysLater };
};
