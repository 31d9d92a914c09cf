import type { Actor } from '@tppo/eventsourcing';
import type { CaseCommand } from '../case.commands';
import { caseDecider } from '../case.decider';
import type { CaseRecord, CaseState } from '../case.state';
import * as c from '../testing/case-commands.fixtures';
import { NOW } from '../testing/case-commands.fixtures';
import { dinsosNunukan, policeNunukan, uptdNunukan } from '../testing/units';
import { consentBinding, shareGroundOf, type ShareGround } from './consent-binding';

/** The case and the share grounds its events recorded, after the commands. */
const history = (...commands: CaseCommand[]): { state: CaseRecord; shares: ShareGround[] } => {
  let state: CaseState = caseDecider.initialState();
  const shares: ShareGround[] = [];
  let revision = 0;
  for (const command of commands) {
    for (const event of caseDecider.decide(command, state)) {
      const share = shareGroundOf(event);
      if (share) shares.push(share);
      const { commandId, actor } = command.metadata;
      state = caseDecider.evolve(state, event, { eventId: `e-${revision}`, revision, actor, commandId, occurredAt: NOW });
      revision += 1;
    }
  }
  if (state.status === 'none') throw new Error('the history opens no case');
  return { state, shares };
};

const bindingOf = ({ state, shares }: ReturnType<typeof history>, unit: Actor, at = NOW) =>
  consentBinding(state, shares, { unitId: unit.unitId, agencyType: unit.agencyType as never }, at);

const LATER = '2026-02-11T01:00:00.000Z';
const opened = [c.openCase(uptdNunukan), c.registerVictim(uptdNunukan), c.recordConsent(uptdNunukan)];
const toDinsos = c.sendReferral({ by: uptdNunukan, to: dinsosNunukan, purpose: 'CASE_MANAGEMENT' });
const dinsosOnConsent = [...opened, toDinsos, c.acceptReferral(dinsosNunukan)];
const override = { legalBasis: 'CRIMINAL_INVESTIGATION', justification: 'Recruiter still active at Tunon Taka port' } as const;

describe('the consent-bound rule: a unit on the case by a consent sees the victims only while the consent covers it', () => {
  it('does not bind the unit that opened and leads the case', () => {
    expect(bindingOf(history(...dinsosOnConsent, c.withdrawConsent(uptdNunukan)), uptdNunukan)).toEqual({ bound: false });
  });

  it('shows the victim to a unit referred under her consent while it is in force, and withholds her once it is withdrawn', () => {
    expect(bindingOf(history(...dinsosOnConsent), dinsosNunukan)).toEqual({ bound: true, withheldSubjectRefs: [] });
    expect(bindingOf(history(...dinsosOnConsent, c.withdrawConsent(uptdNunukan)), dinsosNunukan)).toEqual({ bound: true, withheldSubjectRefs: ['victim-1'] });
  });

  it('withholds the victim once her consent has expired at the moment asked about', () => {
    const expiring = [c.openCase(uptdNunukan), c.registerVictim(uptdNunukan), c.recordConsent(uptdNunukan, { expiresAt: '2026-02-10T12:00:00.000Z' }), toDinsos, c.acceptReferral(dinsosNunukan)];
    expect(bindingOf(history(...expiring), dinsosNunukan, NOW)).toEqual({ bound: true, withheldSubjectRefs: [] });
    expect(bindingOf(history(...expiring), dinsosNunukan, LATER)).toEqual({ bound: true, withheldSubjectRefs: ['victim-1'] });
  });

  it('does not bind a unit reached on a legal basis, with or without a consent', () => {
    const withoutConsent = [c.openCase(uptdNunukan), c.registerVictim(uptdNunukan), c.sendReferral({ by: uptdNunukan, to: policeNunukan, ...override }), c.acceptReferral(policeNunukan)];
    expect(bindingOf(history(...withoutConsent), policeNunukan)).toEqual({ bound: false });
  });

  it('keeps a unit bound when it refers the case on: what it sends is no ground of its own', () => {
    const onward = [...dinsosOnConsent, c.sendReferral({ by: dinsosNunukan, to: policeNunukan, referralId: 'ref-2', purpose: 'INVESTIGATION' }), c.withdrawConsent(uptdNunukan)];
    expect(bindingOf(history(...onward), dinsosNunukan)).toEqual({ bound: true, withheldSubjectRefs: ['victim-1'] });
  });

  it('withholds a guardian with the child whose consent no longer covers the unit', () => {
    const child = [
      c.openCase(uptdNunukan),
      c.registerVictim(uptdNunukan, { birthDate: '2012-05-01' }),
      c.appointGuardian(uptdNunukan),
      c.recordConsent(uptdNunukan, { givenBy: 'GUARDIAN', guardianRef: 'guardian-1' }),
      toDinsos,
      c.acceptReferral(dinsosNunukan),
      c.withdrawConsent(uptdNunukan),
    ];
    expect(bindingOf(history(...child), dinsosNunukan)).toEqual({ bound: true, withheldSubjectRefs: ['victim-1', 'guardian-1'] });
  });

  it('binds a unit referred before any victim was registered: the victims registered since reach it on their consent', () => {
    const early = [c.openCase(uptdNunukan), toDinsos, c.acceptReferral(dinsosNunukan), c.registerVictim(uptdNunukan)];
    expect(bindingOf(history(...early), dinsosNunukan)).toEqual({ bound: true, withheldSubjectRefs: ['victim-1'] });
    expect(bindingOf(history(...early, c.recordConsent(uptdNunukan)), dinsosNunukan)).toEqual({ bound: true, withheldSubjectRefs: [] });
  });

  it('frees a unit that becomes the lead', () => {
    const handedOver = [...opened, c.proposeLeadHandoff({ by: uptdNunukan, to: dinsosNunukan }), c.acceptLeadHandoff(dinsosNunukan), c.withdrawConsent(uptdNunukan)];
    expect(bindingOf(history(...handedOver), dinsosNunukan)).toEqual({ bound: false });
  });
});
