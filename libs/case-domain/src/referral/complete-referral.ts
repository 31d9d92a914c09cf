import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { referralOf, requireAddressee } from './referral-of';

export const completeReferral = ({ data, metadata }: CaseCommandOf<'CompleteReferral'>, state: OpenCaseState): CaseEvent[] => {
  const referral = referralOf(state, data.referralId);
  requireAddressee(referral, metadata.actor.unitId);
  if (referral.status === 'completed') return [];
  if (referral.status !== 'accepted') fail('REFERRAL_NOT_ACCEPTED', `Referral ${data.referralId} is ${referral.status}`);
  return [caseEvent('ReferralCompleted', { caseId: data.caseId, referralId: data.referralId, outcome: data.outcome, completedAt: actedAt(metadata) })];
};
