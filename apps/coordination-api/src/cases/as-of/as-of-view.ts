import { caseDecider, consentBinding, participates, shareGroundOf, type AgencyType, type CaseEvent, type ShareGround } from '@tppo/case-domain';
import { fold, type StoredEvent } from '@tppo/eventsourcing';
import { caseView } from '../case.view';
import { disclose, policyInForce, withholdUnconsented, type DisclosurePolicyVersion } from '../disclosure-policy';
import type { AsOfAnswer } from './as-of.dto';

/**
 * The events the store held at `at`: those recorded up to it. What a unit could see depended on what
 * had been recorded, not on when an act was declared to have happened: a withdrawal of consent
 * recorded on day 7 as having happened on day 5 did not hide anything on day 6.
 */
export const recordedBy = <E extends Pick<StoredEvent, 'recordedAt'>>(events: readonly E[], at: string): readonly E[] => {
  const after = events.findIndex((e) => Date.parse(e.recordedAt) > Date.parse(at));
  return after === -1 ? events : events.slice(0, after);
};

const asCaseEvent = (e: StoredEvent): CaseEvent => ({ type: e.type, data: e.data }) as CaseEvent;

type Parts = Pick<AsOfAnswer, 'participated' | 'policyVersion' | 'eventsUpTo' | 'consentBound' | 'withheldUnderConsent' | 'view'>;

/**
 * What `unit` could see of the case at `at`: the events recorded by then, folded by the domain's own
 * decider, turned into the case view, and disclosed by the policy version and the consents in force
 * then. `events` is the whole (upcast) stream; at least one of them was recorded by `at`.
 */
export const asOfView = (events: readonly StoredEvent[], at: string, unit: { readonly unitId: string; readonly agencyType: AgencyType }, policies: readonly DisclosurePolicyVersion[]): Parts => {
  const known = recordedBy(events, at);
  const last = known.at(-1);
  if (!last) throw new Error(`No event of the case was recorded by ${at}`);
  const policy = policyInForce(policies, at);
  // The first version is older than any case: a gap here is a broken list, not an answer.
  if (!policy) throw new Error(`No disclosure policy was in force at ${at}`);

  const state = fold(caseDecider, caseDecider.initialState(), known);
  const eventsUpTo = {
    count: known.length,
    revision: last.revision,
    lastRecordedAt: last.recordedAt,
    recordedLater: events.slice(known.length).filter((e) => Date.parse(e.occurredAt) <= Date.parse(at)).length,
  };
  const base = { policyVersion: policy.version, eventsUpTo };
  if (state.status === 'none' || !participates(state, unit.unitId)) return { ...base, participated: false, consentBound: false, withheldUnderConsent: [] };

  const shares = known.flatMap((e): ShareGround[] => {
    const share = shareGroundOf(asCaseEvent(e));
    return share ? [share] : [];
  });
  const binding = consentBinding(state, shares, unit, at);
  const view = withholdUnconsented(disclose(caseView(state, last.revision), unit.agencyType, policy.fields), binding);
  return { ...base, participated: true, consentBound: binding.bound, withheldUnderConsent: binding.bound ? [...binding.withheldSubjectRefs] : [], view };
};
