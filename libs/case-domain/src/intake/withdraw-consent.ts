import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { consentInForce } from '../shared/consent';
import { fail } from '../shared/guards';

/** Withdrawal stops future sharing at once; what was shared before stays in the audit. */
export const withdrawConsent = ({ data, metadata }: CaseCommandOf<'WithdrawConsent'>, state: OpenCaseState): CaseEvent[] => {
  const consent = state.consents.get(data.consentId);
  if (consent?.withdrawn) return [];
  if (!consent || !consentInForce(consent, actedAt(metadata))) {
    return fail('CONSENT_NOT_IN_FORCE', `Consent ${data.consentId} is not in force on case ${state.caseId}`);
  }
  return [
    caseEvent('ConsentWithdrawn', {
      caseId: data.caseId,
      consentId: data.consentId,
      subjectRef: consent.subjectRef,
      reason: data.reason,
      withdrawnAt: actedAt(metadata),
    }),
  ];
};
