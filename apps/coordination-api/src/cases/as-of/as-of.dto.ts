import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { id, isoDateTime } from '@tppo/case-domain';
import { JurisdictionView } from '../../read/oversight';
import { CaseView } from '../case.view';
import { DomainField } from '../dto/body';
import { EnumField } from '../dto/fields';

/** Why an oversight body asks what a unit could see: recorded in the access log with the answer. */
export const OVERSIGHT_PURPOSES = ['OMBUDSMAN_INQUIRY', 'COURT_ORDER', 'DATA_PROTECTION_COMPLAINT', 'AUDIT'] as const;
export type OversightPurpose = (typeof OVERSIGHT_PURPOSES)[number];

/** The access log's purpose of an as-of view: the kind of read, then the stated purpose. */
export const AS_OF_PURPOSE_PREFIX = 'AS_OF_VIEW:';

export class AsOfQuery {
  @DomainField(isoDateTime, { description: 'The instant asked about: the events recorded up to it count, and the rules and consents in force then', example: '2026-03-03T09:00:00+08:00' })
  at!: string;

  @DomainField(id, { description: 'The unit whose view is asked about (a unit of the registry)', example: 'uptd-ppa-nunukan' })
  unit!: string;

  @EnumField(OVERSIGHT_PURPOSES, { description: 'Why it is asked: recorded in the access log' })
  purpose!: OversightPurpose;
}

class EventsUpTo {
  @ApiProperty({ description: 'How many events of the case were recorded by then' }) count!: number;
  @ApiProperty({ description: 'The revision of the last of them' }) revision!: number;
  @ApiProperty({ description: 'When the last of them was recorded' }) lastRecordedAt!: string;
  @ApiProperty({ description: 'Events recorded after the instant that declare an act at or before it (late entries): the unit could not see them then' })
  recordedLater!: number;
}

/** What one unit could see of a case at one instant, for an ombudsman, a court or an audit. */
export class AsOfAnswer {
  @ApiProperty() caseId!: string;
  @ApiProperty({ description: 'The instant asked about, in UTC' }) at!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() agencyType!: string;
  @ApiProperty({ enum: OVERSIGHT_PURPOSES }) purpose!: string;
  @ApiProperty({ description: 'Whether the unit took part in the case at that instant; when it did not, there is no view' }) participated!: boolean;
  @ApiProperty({ description: 'The version of the disclosure policy in force at that instant' }) policyVersion!: number;
  @ApiProperty({ type: EventsUpTo }) eventsUpTo!: EventsUpTo;
  @ApiProperty({ description: 'Whether what the unit sees of the victims hung on their consent at that instant (it was on the case only by a share resting on consent)' })
  consentBound!: boolean;
  @ApiProperty({ type: String, isArray: true, description: 'The people (pseudonymous refs) whose entries were withheld because no consent in force covered the unit' })
  withheldUnderConsent!: string[];
  @ApiPropertyOptional({ type: CaseView, description: 'The case view as the unit would have received it then; absent when it did not take part' }) view?: Partial<CaseView>;
  @ApiProperty({ type: JurisdictionView, description: 'Why the caller sees this case' }) jurisdiction!: JurisdictionView;
}
