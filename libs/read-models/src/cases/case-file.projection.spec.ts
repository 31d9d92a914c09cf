import { caseDecider, participantsOf, type CaseState } from '@tppo/case-domain';
import * as c from '../../../case-domain/src/testing/case-commands.fixtures';
import { dinsosNunukan, policeNunukan, uptdNunukan } from '../../../case-domain/src/testing/units';
import { eventsOf, projectAll } from '../testing/projection-testing';
import { caseFileProjection } from './case-file.projection';
import { decodeState, encodeState } from './state-codec';

const history = [
  c.openCase(policeNunukan),
  c.registerVictim(policeNunukan, { birthDate: '2010-04-01' }),
  c.sendReferral({ by: policeNunukan, to: uptdNunukan, legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Unaccompanied child' }),
  c.sendReferral({ by: policeNunukan, to: dinsosNunukan, referralId: 'ref-2', purpose: 'SHELTER', legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Unaccompanied child' }),
];

describe('the case file: the domain’s own state, listed by the units taking part', () => {
  it('lists who takes part exactly as the domain decides it, and drops a unit whose referral was withdrawn', () => {
    const file = [...projectAll(caseFileProjection, eventsOf(history)).values()][0]!;
    expect(file).toMatchObject({ caseId: c.CASE_ID, status: 'open', regionCode: '65.03', victims: 1, children: 1, leadUnitId: 'polres-nunukan', pendingReferralsTo: ['uptd-ppa-nunukan', 'dinsos-nunukan'] });
    expect([...file.participants].sort()).toEqual(['dinsos-nunukan', 'polres-nunukan', 'uptd-ppa-nunukan']);
    const withdrawn = [...projectAll(caseFileProjection, eventsOf([...history, c.withdrawReferral(policeNunukan, { referralId: 'ref-2' })])).values()][0]!;
    expect([...withdrawn.participants].sort()).toEqual(['polres-nunukan', 'uptd-ppa-nunukan']);
    // The stored state is the domain's: decoding it gives what the decider folds.
    const state = decodeState(withdrawn.state) as CaseState;
    expect(state.status === 'open' && participantsOf(state).sort()).toEqual(['polres-nunukan', 'uptd-ppa-nunukan']);
  });

  it('ignores a redelivered event', () => {
    const events = eventsOf(history);
    expect(projectAll(caseFileProjection, [...events, events[1]!, events[2]!])).toEqual(projectAll(caseFileProjection, events));
  });

  it('encodes Maps and Sets and gives them back', () => {
    let state = caseDecider.initialState();
    for (const e of eventsOf(history)) state = caseDecider.evolve(state, { type: e.type, data: e.data } as never, { eventId: e.eventId, revision: e.revision, actor: e.actor, commandId: e.causationId, occurredAt: e.occurredAt });
    expect(decodeState(JSON.parse(JSON.stringify(encodeState(state))))).toEqual(state);
  });
});
