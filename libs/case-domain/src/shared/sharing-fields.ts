import { id, listOf, oneOf, optional } from './fields';
import { LEGAL_BASES } from '../vocabulary';

/**
 * How a share with another unit was justified, recorded on the event that shares: the consents relied
 * on, or the legal basis (then a ConsentOverrideRecorded sits next to it in the audit).
 * NO_VICTIM_DATA: no victim is registered yet, so the share carries no victim's personal data.
 * OWN_UNIT: nothing leaves the unit (a service the requesting unit provides itself).
 */
export const SHARING_BASES = ['CONSENT', 'LEGAL_BASIS', 'NO_VICTIM_DATA', 'OWN_UNIT'] as const;
export type SharingBasis = (typeof SHARING_BASES)[number];

export const sharingBasisFields = {
  sharingBasis: oneOf(SHARING_BASES),
  consentIds: listOf(id),
  legalBasis: optional(oneOf(LEGAL_BASES)),
};
