import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StoredEvent } from '@tppo/eventsourcing';

/** Unit ids are not personal data: a timeline shows who was asked to act, never about whom. */
const UNIT_FIELDS = ['fromUnitId', 'toUnitId', 'providerUnitId', 'prosecutorUnitId', 'courtUnitId', 'policeUnitId', 'shelterUnitId'] as const;

export class TimelineEntry {
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'Stable event type, e.g. ReferralSent' }) type!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() actingUnitId!: string;
  @ApiProperty() actingAgencyType!: string;
  @ApiProperty({ description: 'The lead unit after this event' }) leadUnitId!: string;
  @ApiPropertyOptional({ description: 'Other units the event names (recipients, providers, prosecutor, court)', type: 'object', additionalProperties: { type: 'string' } })
  units?: Record<string, string>;
}

/**
 * A case's events as a pseudonymous sequence: type, times, acting unit, the lead after each event
 * and the units it names. Nothing else of the payload (no person, reason or note) is read.
 */
export const timelineEntries = (events: readonly Pick<StoredEvent, 'revision' | 'type' | 'occurredAt' | 'recordedAt' | 'actor' | 'data'>[]): TimelineEntry[] => {
  let lead = String(events[0]?.data['leadUnitId'] ?? '');
  return events.map((e): TimelineEntry => {
    if (e.type === 'LeadHandoffAccepted' || e.type === 'CaseReopened') lead = String(e.data['toUnitId'] ?? e.data['leadUnitId'] ?? lead);
    const units = Object.fromEntries(UNIT_FIELDS.flatMap((f) => (typeof e.data[f] === 'string' ? [[f, e.data[f] as string]] : [])));
    return {
      revision: e.revision,
      type: e.type,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      actingUnitId: e.actor.unitId,
      actingAgencyType: e.actor.agencyType,
      leadUnitId: lead,
      ...(Object.keys(units).length > 0 ? { units } : {}),
    };
  });
};
