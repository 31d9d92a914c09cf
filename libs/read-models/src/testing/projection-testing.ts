import { caseDecider, type CaseCommand } from '@tppo/case-domain';
import { actedAt, eventIdFor } from '@tppo/eventsourcing';
import type { ProjectedEvent } from '../projection';

/**
 * Runs commands through the case decider in memory and hands back the events as the projector would
 * see them, so projection tests use the events the domain really writes.
 */
export const eventsOf = (commands: readonly CaseCommand[]): ProjectedEvent[] => {
  let state = caseDecider.initialState();
  const events: ProjectedEvent[] = [];
  for (const command of commands) {
    const decided = caseDecider.decide(command, state);
    if (decided.length === 0) throw new Error(`${command.type} decided nothing: fix the test history`);
    for (const [index, event] of decided.entries()) {
      const revision = events.length;
      // The ids handleCommand gives, so a correction can name an earlier event as the API would.
      const eventId = eventIdFor(command.metadata.commandId, index);
      state = caseDecider.evolve(state, event, { eventId, revision, actor: command.metadata.actor, commandId: command.metadata.commandId, occurredAt: actedAt(command.metadata) });
      events.push({
        eventId,
        causationId: command.metadata.commandId,
        type: event.type,
        data: JSON.parse(JSON.stringify(event.data)) as ProjectedEvent['data'],
        streamId: `case-${String(event.data['caseId'])}`,
        revision,
        position: BigInt(revision + 1),
        occurredAt: actedAt(command.metadata),
        recordedAt: command.metadata.now,
        actor: command.metadata.actor,
      });
    }
  }
  return events;
};

export { projectAll } from '../fold';
