import { caseEvent, type CaseEvent } from '../case.events';
import type { CaseRecord, Consent } from '../case.state';
import type { AgencyType } from '../agency-types';
import type { LegalBasis, SharingPurpose } from '../vocabulary';
import type { SharingBasis } from './sharing-fields';
import { fail } from './guards';
import type { SHARE_KINDS } from '../referral/referral.events';

/** Not withdrawn and not expired at `now`; any record of a consent that says both (the state's or a read model's) will do. */
export const consentInForce = (consent: Pick<Consent, 'withdrawn' | 'expiresAt'>, now: string): boolean =>
  !consent.withdrawn && (consent.expiresAt === undefined || Date.parse(consent.expiresAt) > Date.parse(now));

export interface Recipient {
  readonly unitId: string;
  readonly agencyType: AgencyType;
}

/** A consent of this subject, in force at `now`, naming the recipient (by agency type or unit) and the purpose. */
export const consentCovering = (c: CaseRecord, subjectRef: string, to: Recipient, purpose: SharingPurpose, now: string): Consent | undefined =>
  [...c.consents.values()].find(
    (k) =>
      k.subjectRef === subjectRef &&
      consentInForce(k, now) &&
      k.purposes.includes(purpose) &&
      (k.recipientAgencyTypes.includes(to.agencyType) || k.recipientUnitIds.includes(to.unitId)),
  );

export interface Share {
  readonly caseId: string;
  readonly shareKind: (typeof SHARE_KINDS)[number];
  readonly shareId: string;
  readonly to: Recipient;
  readonly purpose: SharingPurpose;
  readonly legalBasis?: LegalBasis;
  readonly justification?: string;
  readonly now: string;
}

export interface SharingDecision {
  readonly basis: { sharingBasis: SharingBasis; consentIds: string[]; legalBasis?: LegalBasis };
  /** ConsentOverrideRecorded when the share rests on a legal basis instead of consent. */
  readonly override: CaseEvent[];
}

/**
 * Sharing a case shares every victim on it, so each registered victim needs a consent covering the
 * recipient and purpose (for a child, given by the guardian: checked when the consent was recorded).
 * Without it, only a legal basis allows the share, and the override is recorded for the audit.
 */
export const decideSharing = (c: CaseRecord, share: Share): SharingDecision => {
  const victims = [...c.victims.keys()];
  if (victims.length === 0) return { basis: { sharingBasis: 'NO_VICTIM_DATA', consentIds: [] }, override: [] };
  const covering = victims.map((ref) => consentCovering(c, ref, share.to, share.purpose, share.now));
  const consentIds = covering.flatMap((k) => (k ? [k.consentId] : []));
  if (consentIds.length === victims.length) return { basis: { sharingBasis: 'CONSENT', consentIds }, override: [] };
  if (share.legalBasis === undefined || share.justification === undefined) {
    const uncovered = victims.filter((_, i) => !covering[i]);
    return fail(
      'CONSENT_REQUIRED',
      `No consent in force covers sharing with ${share.to.agencyType} ${share.to.unitId} for ${share.purpose} (subjects ${uncovered.join(', ')}); give a legal basis or record consent`,
    );
  }
  return {
    basis: { sharingBasis: 'LEGAL_BASIS', consentIds: [], legalBasis: share.legalBasis },
    override: [
      caseEvent('ConsentOverrideRecorded', {
        caseId: share.caseId,
        shareKind: share.shareKind,
        shareId: share.shareId,
        recipientUnitId: share.to.unitId,
        recipientAgencyType: share.to.agencyType,
        purpose: share.purpose,
        legalBasis: share.legalBasis,
        justification: share.justification,
        recordedAt: share.now,
      }),
    ],
  };
};
