import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { leadAfter, type CaseEvent, type Lead } from '@tppo/case-domain';
import type { StoredEvent } from '@tppo/eventsourcing';
import { LateEntryDto, lateEntryOf } from './views/late-entry';

/** Unit ids are not personal data: a timeline shows who was asked to act, never about whom. */
const UNIT_FIELDS = ['fromUnitId', 'toUnitId', 'providerUnitId', 'prosecutorUnitId', 'courtUnitId', 'policeUnitId', 'shelterUnitId'] as const;

export class TimelineEntry {
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'Stable event type, e.g. ReferralSent' }) type!: string;
  @ApiProperty({ description: 'When the act happened, as the acting unit declared it (or when it was recorded)' }) occurredAt!: string;
  @ApiProperty({ description: 'When the server recorded it; the log is in this order' }) recordedAt!: string;
  @ApiPropertyOptional({ type: LateEntryDto, description: 'Recorded more than LATE_ENTRY_HOURS after the act: a late entry' }) lateEntry?: LateEntryDto;
  @ApiProperty() actingUnitId!: string;
  @ApiProperty() actingAgencyType!: string;
  @ApiProperty({ description: 'The lead unit after this event' }) leadUnitId!: string;
  @ApiPropertyOptional({ description: 'Other units the event names (recipients, providers, prosecutor, court)', type: 'object', additionalProperties: { type: 'string' } })
  units?: Record<string, string>;
}

/**
 * A case's events as a pseudonymous sequence: type, times, acting unit, the lead after each event
 * and the units it names, and late entries (recorded more than `lateEntryHours` after the act).
 * Nothing else of the payload (no person, reason or note) is read.
 */
export const timelineEntries = (
  events: readonly Pick<StoredEvent, 'revision' | 'type' | 'occurredAt' | 'recordedAt' | 'actor' | 'data'>[],
  lateEntryHours: number,
): TimelineEntry[] => {
  // Upcast by the registry: typed case events, whose lead moves by the domain's rule.
  let lead: Lead | undefined;
  return events.map((e): TimelineEntry => {
    lead = leadAfter(lead, e as unknown as CaseEvent);
    const units = Object.fromEntries(UNIT_FIELDS.flatMap((f) => (typeof e.data[f] === 'string' ? [[f, e.data[f] as string]] : [])));
    const lateEntry = lateEntryOf(e.occurredAt, e.recordedAt, lateEntryHours);
    return {
      revision: e.revision,
      type: e.type,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      ...(lateEntry ? { lateEntry } : {}),
      actingUnitId: e.actor.unitId,
      actingAgencyType: e.actor.agencyType,
      leadUnitId: lead?.leadUnitId ?? '',
      ...(Object.keys(units).length > 0 ? { units } : {}),
    };
  });
};
