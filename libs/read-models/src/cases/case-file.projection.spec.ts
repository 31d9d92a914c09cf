import { caseDecider, participantsOf, type CaseCommand, type CaseEvent, type CaseState } from '@tppo/case-domain';
import * as c from '../../../case-domain/src/testing/case-commands.fixtures';
import * as h from '../../../case-domain/src/testing/case-histories.fixtures';
import { dinsosNunukan, kejariNunukan, lpsk, policeNunukan, rsudNunukan, uptdNunukan } from '../../../case-domain/src/testing/units';
import type { ProjectedEvent } from '../projection';
import { eventsOf, projectAll } from '../testing/projection-testing';
import { caseFileProjection, type CaseFile } from './case-file.projection';

const history = [
  c.openCase(policeNunukan),
  c.registerVictim(policeNunukan, { birthDate: '2010-04-01' }),
  c.sendReferral({ by: policeNunukan, to: uptdNunukan, legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Unaccompanied child' }),
  c.sendReferral({ by: policeNunukan, to: dinsosNunukan, referralId: 'ref-2', purpose: 'SHELTER', legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Unaccompanied child' }),
];

const fold = (events: readonly ProjectedEvent[]): CaseState =>
  events.reduce(
    (state, e) => caseDecider.evolve(state, { type: e.type, data: e.data } as CaseEvent, { eventId: e.eventId, revision: e.revision, actor: e.actor, commandId: e.causationId, occurredAt: e.occurredAt }),
    caseDecider.initialState(),
  );

/** What the case file must agree with the domain on, compared after every event of a history. */
const summaryOf = (file: CaseFile) => ({
  status: file.status,
  leadUnitId: file.leadUnitId,
  leadAgencyType: file.leadAgencyType,
  participants: [...file.participants].sort(),
  victims: file.victims,
  children: file.children,
  investigationStage: file.investigationStage,
  pendingReferralsTo: [...file.pendingReferralsTo].sort(),
  activeShelterPlacements: file.activeShelterPlacements,
  erasedVictims: file.sections.victims.filter((v) => v.erased).map((v) => v.subjectRef),
});
const domainSummaryOf = (state: CaseState) => {
  if (state.status === 'none') throw new Error('no case');
  return {
    status: state.status,
    leadUnitId: state.leadUnitId,
    leadAgencyType: state.leadAgencyType,
    participants: participantsOf(state).sort(),
    victims: state.victims.size,
    children: [...state.victims.values()].filter((v) => v.isChild).length,
    investigationStage: state.investigation.stage,
    pendingReferralsTo: [...state.referrals.values()].filter((r) => r.status === 'pending').map((r) => r.toUnitId).sort(),
    activeShelterPlacements: [...state.placements.values()].filter((p) => p.active).length,
    erasedVictims: [...state.erasures.values()].filter((e) => e.status === 'erased' && state.victims.has(e.subjectRef)).map((e) => e.subjectRef),
  };
};

const isCommand = (step: unknown): step is CaseCommand => typeof step === 'object' && step !== null && 'metadata' in step;

/** Every command's scenario, and longer walks: SP3 and a new investigation, closure and reopening, withdrawals. */
const HISTORIES = [
  ...Object.values(h.SUCCESS_SCENARIOS)
    .map((s) => [...s.given, s.when])
    .filter((steps) => steps.every(isCommand)),
  [...h.withVerdict, c.recordRestitutionPayment(kejariNunukan)],
  [...h.withVerdict, c.recordRestitutionDefault(kejariNunukan)],
  [...h.investigating, c.sendInvestigationNotice(policeNunukan), c.terminateInvestigation(policeNunukan), c.openInvestigation(policeNunukan)],
  [...h.returned, c.resubmitCaseFile(policeNunukan), c.declareCaseFileComplete(kejariNunukan), c.handOverSuspectAndEvidence(policeNunukan)],
  [...h.serviceRequested, c.recordServiceDelivered(rsudNunukan), c.startShelterPlacement(uptdNunukan), c.endShelterPlacement(uptdNunukan)],
  [...h.handoffProposed, c.acceptLeadHandoff(dinsosNunukan), c.closeCase(dinsosNunukan), c.reopenCase(dinsosNunukan)],
  [...h.lpskRequested, c.decideLpskProtection(lpsk)],
  [...history, c.withdrawReferral(policeNunukan, { referralId: 'ref-2' }), c.acceptReferral(uptdNunukan)],
  [...h.withChild, c.correctEvent(uptdNunukan, { eventId: h.eventIdOf(h.withChild[1]), corrected: { ageBand: '25-34' } })],
] as unknown as readonly (readonly CaseCommand[])[];

describe('the case file: a summary per case, listed by the units taking part', () => {
  it(`agrees with the domain on participation, lead and status after every event of ${HISTORIES.length} histories`, () => {
    expect(HISTORIES.length).toBeGreaterThan(45);
    for (const steps of HISTORIES) {
      const events = eventsOf(steps);
      for (let n = 1; n <= events.length; n += 1) {
        const prefix = events.slice(0, n);
        const file = [...projectAll(caseFileProjection, prefix).values()][0]!;
        const label = `${steps.map((s) => s.type).join(' > ')} @ ${prefix.at(-1)!.type}`;
        expect([label, summaryOf(file)]).toEqual([label, domainSummaryOf(fold(prefix))]);
      }
    }
  });

  it('lists who takes part and drops a unit whose referral was withdrawn', () => {
    const file = [...projectAll(caseFileProjection, eventsOf(history)).values()][0]!;
    expect(file).toMatchObject({ caseId: c.CASE_ID, status: 'open', regionCode: '65.03', victims: 1, children: 1, leadUnitId: 'polres-nunukan', pendingReferralsTo: ['uptd-ppa-nunukan', 'dinsos-nunukan'] });
    expect([...file.participants].sort()).toEqual(['dinsos-nunukan', 'polres-nunukan', 'uptd-ppa-nunukan']);
    const withdrawn = [...projectAll(caseFileProjection, eventsOf([...history, c.withdrawReferral(policeNunukan, { referralId: 'ref-2' })])).values()][0]!;
    expect([...withdrawn.participants].sort()).toEqual(['polres-nunukan', 'uptd-ppa-nunukan']);
  });

  it('ignores a redelivered event', () => {
    const events = eventsOf(history);
    expect(projectAll(caseFileProjection, [...events, events[1]!, events[2]!])).toEqual(projectAll(caseFileProjection, events));
  });

  it('survives a trip through JSON (the read store keeps documents as JSON)', () => {
    const events = eventsOf([...h.withVerdict] as CaseCommand[]);
    const whole = [...projectAll(caseFileProjection, events).values()][0]!;
    // Continue from a document read back from the store, as after a restart.
    const head = [...projectAll(caseFileProjection, events.slice(0, 8)).values()][0]!;
    let file: CaseFile | null = JSON.parse(JSON.stringify(head)) as CaseFile;
    for (const e of events.slice(8)) file = caseFileProjection.evolve(file, e, c.CASE_ID);
    expect(file).toEqual(whole);
  });
});
