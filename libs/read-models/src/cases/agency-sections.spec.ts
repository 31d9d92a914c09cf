import type { CaseCommand } from '@tppo/case-domain';
import * as c from '../../../case-domain/src/testing/case-commands.fixtures';
import * as h from '../../../case-domain/src/testing/case-histories.fixtures';
import { kejariNunukan, lpsk, policeNunukan, rsudNunukan, uptdNunukan } from '../../../case-domain/src/testing/units';
import { eventsOf, projectAll } from '../testing/projection-testing';
import { caseFileProjection, type CaseFile } from './case-file.projection';

const fileOf = (steps: readonly unknown[]): CaseFile => {
  const files = projectAll(caseFileProjection, eventsOf(steps as CaseCommand[]));
  expect(files.size).toBe(1);
  return [...files.values()][0]!;
};

describe('agency sections of the case file', () => {
  it('gives the police their investigation, its SPDP clock and the victims they need as witnesses', () => {
    const file = fileOf([...h.investigating, c.sendInvestigationNotice(policeNunukan), c.registerWitness(policeNunukan)]);
    expect(file.policeUnitId).toBe('polres-nunukan');
    expect(file.sections.investigation).toMatchObject({ policeUnitId: 'polres-nunukan', stage: 'investigating', prosecutorUnitId: 'kejari-nunukan' });
    expect(file.sections.investigation!.spdp).toEqual({ startedAt: c.NOW, dueAt: '2026-02-17T01:00:00.000Z', rule: expect.stringMatching(/KUHAP/), stoppedAt: c.NOW });
    expect(file.sections.witnesses.map((w) => w.role)).toEqual(['VICTIM', 'WITNESS']);
    expect(JSON.stringify(file.sections)).not.toMatch(/"identity"/);
  });

  it('follows the case file through P-19, resubmission and P-21 for the prosecutor', () => {
    const file = fileOf([...h.returned, c.resubmitCaseFile(policeNunukan), c.declareCaseFileComplete(kejariNunukan)]);
    expect(file.prosecutorUnitId).toBe('kejari-nunukan');
    const cf = file.sections.caseFile!;
    expect(cf).toMatchObject({ caseFileNumber: expect.any(String), policeUnitId: 'polres-nunukan', returns: 1, completeAt: c.NOW });
    expect(cf.review.stoppedAt).toBe(c.NOW);
    expect(cf.resubmission).toMatchObject({ startedAt: c.NOW, stoppedAt: c.NOW });
    expect(file.sections.investigation!.stage).toBe('file_complete');
  });

  it('shows a demand without restitution although LPSK assessed it', () => {
    const file = fileOf([...h.handedOver, c.requestLpskProtection(uptdNunukan), c.assessRestitution(lpsk), c.fileIndictment(kejariNunukan, { restitutionClaimed: false, restitutionAmount: undefined })]);
    expect(file.sections.restitutionAssessments).toEqual([{ subjectRef: 'victim-1', amount: expect.any(Number), assessedAt: expect.any(String), assessedByUnitId: lpsk.unitId }]);
    expect(file.sections.caseFile!.indictment).toMatchObject({ restitutionClaimed: false });
    expect(file.sections.caseFile!.indictment!.restitutionAmount).toBeUndefined();
  });

  it('runs the restitution clock from the verdict notice', () => {
    const file = fileOf([...h.withVerdict]);
    const verdict = file.sections.caseFile!.verdict!;
    expect(verdict.restitutionOrdered).toBe(true);
    expect(verdict.restitution).toMatchObject({ paid: 0, defaulted: false, dueAt: expect.any(String) });
    expect(verdict.restitution!.stoppedAt).toBeUndefined();
    const paid = fileOf([...h.withVerdict, c.recordRestitutionPayment(kejariNunukan)]);
    expect(paid.sections.caseFile!.verdict!.restitution!.stoppedAt).toBe(c.NOW);
  });

  it('puts victims, consents, services and placements in the care of the units that hold them', () => {
    const file = fileOf([...h.serviceRequested, c.startShelterPlacement(uptdNunukan), c.withdrawConsent(uptdNunukan)]);
    expect([...file.careUnitIds].sort()).toEqual(['rsud-nunukan', 'uptd-ppa-nunukan']);
    expect(file.sections.services).toEqual([
      expect.objectContaining({ providerUnitId: rsudNunukan.unitId, clock: expect.objectContaining({ dueAt: '2026-02-17T01:00:00.000Z', rule: expect.stringMatching(/52\(2\)/) }) }),
    ]);
    expect(file.sections.placements).toEqual([expect.objectContaining({ shelterUnitId: expect.any(String), startedAt: c.NOW })]);
    expect(file.sections.consents).toEqual([expect.objectContaining({ consentId: 'consent-1', withdrawnAt: c.NOW })]);
    expect(file.sections.victims).toEqual([expect.objectContaining({ subjectRef: 'victim-1', isChild: false })]);
  });

  it('lists protection requests for the LPSK unit asked, with its decision', () => {
    const file = fileOf([...h.lpskRequested, c.decideLpskProtection(lpsk)]);
    expect(file.lpskUnitIds).toEqual([lpsk.unitId]);
    expect(file.sections.lpskRequests).toEqual([expect.objectContaining({ lpskUnitId: lpsk.unitId, decision: expect.any(String), decidedAt: c.NOW })]);
  });

  it('applies a correction of the child flag to the victim it names', () => {
    const file = fileOf([...h.withVictim, c.correctEvent(uptdNunukan, { eventId: h.victimRegisteredEventId, corrected: { ageBand: '12-17' } })]);
    expect(file.sections.victims[0]).toMatchObject({ isChild: true, ageBand: '12-17' });
    expect(file.sections.witnesses[0]).toMatchObject({ isChild: true });
    expect(file.children).toBe(1);
  });

  it('ignores redelivered events', () => {
    const events = eventsOf([...h.returned, c.resubmitCaseFile(policeNunukan), c.requestService({ by: uptdNunukan, provider: rsudNunukan })] as CaseCommand[]);
    const again = [...events, ...events.slice(3)];
    expect(projectAll(caseFileProjection, again)).toEqual(projectAll(caseFileProjection, events));
  });
});
