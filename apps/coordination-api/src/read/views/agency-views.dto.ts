import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClockDto } from './clock-view';

const STAGES = ['investigating', 'file_under_review', 'file_returned', 'file_complete', 'handed_over', 'indicted', 'verdict', 'terminated'] as const;
export const INVESTIGATION_STAGES = STAGES;

class CaseHeader {
  @ApiProperty() caseId!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty() leadUnitId!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ description: 'The case revision this item reflects' }) revision!: number;
}

export class InvestigationDto {
  @ApiProperty() policeUnitId!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty() warrantNumber!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: ClockDto, description: 'SPDP: notice of the investigation to the prosecutor' }) spdp!: ClockDto;
  @ApiPropertyOptional() prosecutorUnitId?: string;
  @ApiProperty() suspects!: number;
  @ApiPropertyOptional() terminatedAt?: string;
}

export class PoliceCaseFileDto {
  @ApiProperty() caseFileNumber!: string;
  @ApiProperty() prosecutorUnitId!: string;
  @ApiProperty({ description: 'P-19 returns so far' }) returns!: number;
  @ApiProperty({ type: ClockDto, description: 'The prosecutor’s review' }) review!: ClockDto;
  @ApiPropertyOptional({ type: ClockDto, description: 'The police’s resubmission after the last P-19' }) resubmission?: ClockDto;
}

export class WitnessDto {
  @ApiProperty() subjectRef!: string;
  @ApiProperty({ enum: ['VICTIM', 'WITNESS'] }) role!: string;
  @ApiProperty() isChild!: boolean;
  @ApiProperty() registeredAt!: string;
  @ApiProperty({ description: 'A consent in force lets the police contact this victim (witnesses the police registered: always)' }) contactConsented!: boolean;
}

export class PoliceItem extends CaseHeader {
  @ApiProperty({ type: InvestigationDto }) investigation!: InvestigationDto;
  @ApiPropertyOptional({ type: PoliceCaseFileDto }) caseFile?: PoliceCaseFileDto;
  @ApiProperty({ type: WitnessDto, isArray: true }) witnesses!: WitnessDto[];
}

export class VictimDto {
  @ApiProperty() subjectRef!: string;
  @ApiProperty() isChild!: boolean;
  @ApiProperty() ageBand!: string;
  @ApiProperty() sex!: string;
  @ApiProperty() nationality!: string;
  @ApiPropertyOptional() status?: string;
  @ApiPropertyOptional() riskLevel?: string;
  @ApiPropertyOptional() repatriatedOn?: string;
  @ApiPropertyOptional() reintegratedOn?: string;
}

export class ConsentDto {
  @ApiProperty() consentId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty({ type: String, isArray: true }) recipientAgencyTypes!: string[];
  @ApiProperty({ type: String, isArray: true }) recipientUnitIds!: string[];
  @ApiProperty({ type: String, isArray: true }) purposes!: string[];
  @ApiProperty({ type: String, isArray: true }) dataCategories!: string[];
  @ApiProperty() recordedAt!: string;
  @ApiPropertyOptional() expiresAt?: string;
}

export class ServiceDto {
  @ApiProperty() serviceRequestId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() fromUnitId!: string;
  @ApiProperty() providerUnitId!: string;
  @ApiProperty({ type: ClockDto, description: 'The 7-day clock of Law 21/2007 art. 52(2)' }) clock!: ClockDto;
}

export class PlacementDto {
  @ApiProperty() placementId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty() shelterUnitId!: string;
  @ApiProperty() shelterKind!: string;
  @ApiProperty() startedAt!: string;
}

export class CareItem extends CaseHeader {
  @ApiProperty({ type: VictimDto, isArray: true }) victims!: VictimDto[];
  @ApiProperty({ type: ConsentDto, isArray: true, description: 'Not withdrawn and not expired' }) consentsInForce!: ConsentDto[];
  @ApiProperty({ type: ServiceDto, isArray: true }) services!: ServiceDto[];
  @ApiProperty({ type: PlacementDto, isArray: true, description: 'Active shelter placements' }) placements!: PlacementDto[];
}

export class ServiceDueItem extends ServiceDto {
  @ApiProperty() caseId!: string;
}

export class IndictmentDto {
  @ApiProperty() indictmentNumber!: string;
  @ApiProperty() courtUnitId!: string;
  @ApiProperty() filedAt!: string;
  @ApiProperty() restitutionClaimed!: boolean;
  @ApiPropertyOptional() restitutionAmount?: number;
}

export class ProsecutionCaseFileDto {
  @ApiProperty() caseFileNumber!: string;
  @ApiProperty() policeUnitId!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty() returns!: number;
  @ApiProperty({ type: ClockDto, description: 'The review of the file (deemed complete when it runs out)' }) review!: ClockDto;
  @ApiPropertyOptional() completeAt?: string;
  @ApiPropertyOptional() handedOverAt?: string;
  @ApiPropertyOptional({ type: IndictmentDto }) indictment?: IndictmentDto;
}

export class AssessmentDto {
  @ApiProperty() subjectRef!: string;
  @ApiProperty() amount!: number;
  @ApiProperty() assessedAt!: string;
  @ApiProperty() assessedByUnitId!: string;
}

export class RestitutionDto {
  @ApiProperty({ type: AssessmentDto, isArray: true, description: 'LPSK assessments (latest per victim)' }) assessments!: AssessmentDto[];
  @ApiProperty() assessedTotal!: number;
  @ApiProperty({ description: 'No indictment claims restitution yet (none filed, or filed without it)' }) missingFromDemand!: boolean;
  @ApiPropertyOptional({ description: 'Ordered by the court' }) orderedAmount?: number;
  @ApiPropertyOptional() paid?: number;
  @ApiPropertyOptional({ type: ClockDto, description: '14 days from the verdict notice' }) clock?: ClockDto;
  @ApiPropertyOptional() defaulted?: boolean;
}

export class ProsecutionItem extends CaseHeader {
  @ApiProperty({ type: ProsecutionCaseFileDto }) caseFile!: ProsecutionCaseFileDto;
  @ApiProperty({ type: RestitutionDto }) restitution!: RestitutionDto;
}

export class ProtectionRequestDto {
  @ApiProperty() requestId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty() fromUnitId!: string;
  @ApiProperty() lpskUnitId!: string;
  @ApiProperty({ type: String, isArray: true }) measures!: string[];
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional() decision?: string;
  @ApiPropertyOptional({ type: String, isArray: true }) decidedMeasures?: string[];
  @ApiPropertyOptional() decidedAt?: string;
}

export class LpskItem extends CaseHeader {
  @ApiProperty({ type: ProtectionRequestDto, isArray: true, description: 'Requests addressed to the calling LPSK unit' }) protectionRequests!: ProtectionRequestDto[];
  @ApiProperty({ type: RestitutionDto }) restitution!: RestitutionDto;
}

export class PolicePage {
  @ApiProperty({ type: PoliceItem, isArray: true }) items!: PoliceItem[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
export class CarePage {
  @ApiProperty({ type: CareItem, isArray: true }) items!: CareItem[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
export class ServicesDuePage {
  @ApiProperty({ type: ServiceDueItem, isArray: true }) items!: ServiceDueItem[];
}
export class ProsecutionPage {
  @ApiProperty({ type: ProsecutionItem, isArray: true }) items!: ProsecutionItem[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
export class LpskPage {
  @ApiProperty({ type: LpskItem, isArray: true }) items!: LpskItem[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
