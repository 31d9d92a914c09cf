import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ExistingCaseState } from '@tppo/case-domain';

class VictimView {
  @ApiProperty() subjectRef!: string;
  @ApiProperty() isChild!: boolean;
  @ApiProperty({ type: String, isArray: true }) guardianRefs!: string[];
  @ApiPropertyOptional() activePlacementId?: string;
  @ApiPropertyOptional({ description: 'Present when the person\'s data was erased: their identity can no longer be read' }) erased?: boolean;
}
class SubjectView {
  @ApiProperty() subjectRef!: string;
  @ApiProperty({ enum: ['VICTIM', 'GUARDIAN', 'SUSPECT', 'WITNESS'] }) role!: string;
}
class ConsentView {
  @ApiProperty() consentId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty({ type: String, isArray: true }) recipientAgencyTypes!: string[];
  @ApiProperty({ type: String, isArray: true }) recipientUnitIds!: string[];
  @ApiProperty({ type: String, isArray: true }) purposes!: string[];
  @ApiPropertyOptional() expiresAt?: string;
  @ApiProperty() withdrawn!: boolean;
}
class ReferralView {
  @ApiProperty() referralId!: string;
  @ApiProperty() fromUnitId!: string;
  @ApiProperty() toUnitId!: string;
  @ApiProperty() toAgencyType!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined', 'completed', 'withdrawn'] }) status!: string;
}
class HandoffView {
  @ApiProperty() handoffId!: string;
  @ApiProperty() fromUnitId!: string;
  @ApiProperty() toUnitId!: string;
  @ApiProperty() toAgencyType!: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined'] }) status!: string;
}
class ServiceView {
  @ApiProperty() serviceRequestId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() fromUnitId!: string;
  @ApiProperty() providerUnitId!: string;
  @ApiProperty({ enum: ['requested', 'delivered'] }) status!: string;
}
class PlacementView {
  @ApiProperty() placementId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty() shelterUnitId!: string;
  @ApiProperty() active!: boolean;
}
class LpskRequestView {
  @ApiProperty() requestId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty() fromUnitId!: string;
  @ApiProperty() lpskUnitId!: string;
  @ApiProperty({ enum: ['pending', 'granted', 'refused'] }) status!: string;
}
class ErasureView {
  @ApiProperty() erasureId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty() legalGround!: string;
  @ApiProperty() requestedByUnitId!: string;
  @ApiProperty({ enum: ['pending', 'erased', 'refused'] }) status!: string;
}
class LegalHoldView {
  @ApiProperty() holdId!: string;
  @ApiProperty() placedByUnitId!: string;
  @ApiProperty() inForce!: boolean;
}
class InvestigationView {
  @ApiProperty({ enum: ['none', 'investigating', 'file_under_review', 'file_returned', 'file_complete', 'handed_over', 'indicted', 'verdict', 'terminated'] })
  stage!: string;
  @ApiPropertyOptional() policeUnitId?: string;
  @ApiPropertyOptional() prosecutorUnitId?: string;
  @ApiPropertyOptional() courtUnitId?: string;
  @ApiPropertyOptional() caseFileNumber?: string;
  @ApiPropertyOptional() noticeSent?: boolean;
  @ApiPropertyOptional({ enum: ['not_ordered', 'due', 'paid', 'defaulted'] }) restitutionStatus?: string;
  @ApiPropertyOptional() restitutionAmount?: number;
  @ApiPropertyOptional() restitutionPaid?: number;
}

/**
 * The current state of a case for a participating unit. Identities are never in it: they are
 * sealed, and opening them is a separate, audited read. Per-agency views come with the read models.
 */
export class CaseView {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ description: 'Also the ETag' }) revision!: number;
  @ApiProperty() openedByUnitId!: string;
  @ApiProperty() leadUnitId!: string;
  @ApiProperty() leadAgencyType!: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional() policeReportNumber?: string;
  @ApiProperty({ type: VictimView, isArray: true }) victims!: VictimView[];
  @ApiPropertyOptional({ type: SubjectView, isArray: true, description: 'Only for agency types the disclosure policy grants' }) subjects?: SubjectView[];
  @ApiProperty({ type: ConsentView, isArray: true }) consents!: ConsentView[];
  @ApiProperty({ type: ReferralView, isArray: true }) referrals!: ReferralView[];
  @ApiProperty({ type: HandoffView, isArray: true }) leadHandoffs!: HandoffView[];
  @ApiPropertyOptional({ type: ServiceView, isArray: true, description: 'Only for agency types the disclosure policy grants' }) serviceRequests?: ServiceView[];
  @ApiPropertyOptional({ type: PlacementView, isArray: true, description: 'Only for agency types the disclosure policy grants' }) shelterPlacements?: PlacementView[];
  @ApiPropertyOptional({ type: LpskRequestView, isArray: true, description: 'Only for agency types the disclosure policy grants' }) lpskRequests?: LpskRequestView[];
  @ApiPropertyOptional({ type: InvestigationView, description: 'Only for agency types the disclosure policy grants' }) investigation?: InvestigationView;
  @ApiProperty({ type: ErasureView, isArray: true, description: 'Requests to erase a person\'s data, and their decisions' }) erasures!: ErasureView[];
  @ApiProperty({ type: LegalHoldView, isArray: true, description: 'Legal holds: while one is in force no person\'s data is erased' }) legalHolds!: LegalHoldView[];
}

const investigationView = (inv: ExistingCaseState['investigation']): InvestigationView => {
  const { stage } = inv;
  if (stage === 'none') return { stage };
  const restitution = stage === 'verdict' ? inv.restitution : undefined;
  return {
    stage,
    policeUnitId: inv.policeUnitId,
    noticeSent: inv.noticeSent,
    ...(inv.prosecutorUnitId ? { prosecutorUnitId: inv.prosecutorUnitId } : {}),
    ...('courtUnitId' in inv ? { courtUnitId: inv.courtUnitId } : {}),
    ...('caseFileNumber' in inv ? { caseFileNumber: inv.caseFileNumber } : {}),
    ...(restitution
      ? {
          restitutionStatus: restitution.status,
          ...('amount' in restitution ? { restitutionAmount: restitution.amount } : {}),
          ...('paid' in restitution ? { restitutionPaid: restitution.paid } : {}),
        }
      : {}),
  };
};

const erasedRefs = (state: ExistingCaseState): ReadonlySet<string> => new Set([...state.erasures.values()].filter((e) => e.status === 'erased').map((e) => e.subjectRef));

export const caseView = (state: ExistingCaseState, revision: number): CaseView => viewOf(state, revision, erasedRefs(state));

const viewOf = (state: ExistingCaseState, revision: number, erased: ReadonlySet<string>): CaseView => ({
  caseId: state.caseId,
  status: state.status,
  revision,
  openedByUnitId: state.openedByUnitId,
  leadUnitId: state.leadUnitId,
  leadAgencyType: state.leadAgencyType,
  ...(state.status === 'closed' ? { closedAt: state.closedAt } : {}),
  ...(state.policeReportNumber ? { policeReportNumber: state.policeReportNumber } : {}),
  victims: [...state.victims.values()].map(({ subjectRef, isChild, guardianRefs, activePlacementId }) => ({
    subjectRef,
    isChild,
    guardianRefs: [...guardianRefs],
    ...(activePlacementId ? { activePlacementId } : {}),
    ...(erased.has(subjectRef) ? { erased: true } : {}),
  })),
  subjects: [...state.subjects.entries()].map(([subjectRef, { role }]) => ({ subjectRef, role })),
  consents: [...state.consents.values()].map((c) => ({
    ...c,
    recipientAgencyTypes: [...c.recipientAgencyTypes],
    recipientUnitIds: [...c.recipientUnitIds],
    purposes: [...c.purposes],
  })),
  referrals: [...state.referrals.values()].map((r) => ({ ...r })),
  leadHandoffs: [...state.handoffs.values()].map((h) => ({ ...h })),
  serviceRequests: [...state.services.values()].map((s) => ({ ...s })),
  shelterPlacements: [...state.placements.values()].map((p) => ({ ...p })),
  lpskRequests: [...state.lpskRequests.values()].map((r) => ({ ...r })),
  investigation: investigationView(state.investigation),
  erasures: [...state.erasures.values()].map((e) => ({ ...e })),
  legalHolds: [...state.legalHolds.values()].map((h) => ({ ...h })),
});

