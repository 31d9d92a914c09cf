import { eventIdFor, type EventRecord, GENESIS_HASH, sealEvents } from '@tppo/eventsourcing';
import type { CaseCommand } from '../case.commands';
import { caseDecider, caseStreamId } from '../case.decider';
import * as c from './case-commands.fixtures';
import { kejariNunukan, policeNunukan, rsudNunukan, uptdNunukan } from './units';

/** A case from arrival to the prosecutor's review: 12 events, the mix the read side and subscribers see most. */
export const walkToReview = (caseId: string, now: string): CaseCommand[] => {
  const at = { now };
  return [
    c.openCase(policeNunukan, { caseId }, at),
    c.registerVictim(policeNunukan, { caseId, birthDate: '2000-01-01' }, at),
    c.assessRisk(policeNunukan, { caseId }, at),
    c.recordConsent(policeNunukan, { caseId }, at),
    c.sendReferral({ by: policeNunukan, to: uptdNunukan, caseId, dueBy: new Date(Date.parse(now) + 86_400_000).toISOString() }, at),
    c.acceptReferral(uptdNunukan, { caseId }, at),
    c.requestService({ by: uptdNunukan, provider: rsudNunukan, caseId }, at),
    c.recordServiceDelivered(rsudNunukan, { caseId }, at),
    c.openInvestigation(policeNunukan, { caseId }, at),
    c.sendInvestigationNotice(policeNunukan, { caseId }, at),
    c.submitCaseFile(policeNunukan, { caseId }, at),
    c.returnCaseFile(kejariNunukan, { caseId }, at),
  ];
};

/** The events a walk writes, decided and sealed in memory exactly as handleCommand would (for benchmarks and load tests). */
export const sealedWalk = (caseId: string, now: string): EventRecord[] => {
  let state = caseDecider.initialState();
  const plain: Omit<EventRecord, 'prevHash' | 'hash'>[] = [];
  for (const command of walkToReview(caseId, now)) {
    caseDecider.decide(command, state).forEach((event, i) => {
      const revision = plain.length;
      const eventId = eventIdFor(`${caseId}/${command.metadata.commandId}`, i);
      state = caseDecider.evolve(state, event, { eventId, revision, actor: command.metadata.actor, commandId: command.metadata.commandId, occurredAt: now });
      plain.push({
        eventId,
        streamId: caseStreamId(caseId),
        revision,
        type: event.type,
        schemaVersion: 1,
        data: JSON.parse(JSON.stringify(event.data)),
        occurredAt: now,
        recordedAt: now,
        actor: command.metadata.actor,
        correlationId: command.metadata.commandId,
        causationId: command.metadata.commandId,
      });
    });
  }
  return sealEvents(GENESIS_HASH, plain);
};
