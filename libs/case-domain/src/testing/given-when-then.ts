import { actedAt, eventIdFor, MalformedMessageError, type Actor, type EventContext } from '@tppo/eventsourcing';
import type { CaseCommand } from '../case.commands';
import type { CaseEvent } from '../case.events';
import type { CaseState } from '../case.state';
import { caseDecider } from '../case.decider';
import { caseEventRegistry } from '../case.registry';
import { CaseRuleViolation } from '../case-rule-violation';
import { NOW } from './case-commands.fixtures';

/** An event given directly, with who recorded it. */
export interface GivenEvent {
  readonly event: CaseEvent;
  readonly by: Actor;
  readonly eventId?: string;
  readonly commandId?: string;
  readonly at?: string;
}
/** History is events, or commands whose events are folded in (the decider itself writes the history). */
export type Step = GivenEvent | CaseCommand;

const isCommand = (step: Step): step is CaseCommand => 'metadata' in step;

export const recorded = (event: CaseEvent, by: Actor, extra: Omit<GivenEvent, 'event' | 'by'> = {}): GivenEvent => ({ event, by, ...extra });

/** Folds the history; event ids of decided commands are those handleCommand would give them. */
export const fold = (steps: readonly Step[]): CaseState => {
  let state = caseDecider.initialState();
  let revision = 0;
  let n = 0;
  const apply = (event: CaseEvent, context: Omit<EventContext, 'revision'>): void => {
    state = caseDecider.evolve(state, event, { ...context, revision });
    revision += 1;
  };
  for (const step of steps) {
    if (isCommand(step)) {
      const events = caseDecider.decide(step, state);
      if (events.length === 0) throw new Error(`Given ${step.type} (${step.metadata.commandId}) decided nothing: fix the test history`);
      const { commandId, actor } = step.metadata;
      events.forEach((event, i) => apply(event, { eventId: eventIdFor(commandId, i), actor, commandId, occurredAt: actedAt(step.metadata) }));
    } else {
      n += 1;
      apply(step.event, { eventId: step.eventId ?? `given-${n}`, actor: step.by, commandId: step.commandId ?? `given-${n}`, occurredAt: step.at ?? NOW });
    }
  }
  return state;
};

/** Every emitted event must be valid for the registry and plain JSON (no undefined, no Date). */
const expectWritable = (events: readonly CaseEvent[]): void => {
  for (const event of events) {
    caseEventRegistry.validate(event.type, event.data as never);
    expect(JSON.parse(JSON.stringify(event.data))).toStrictEqual(event.data);
  }
};

export const codeOf = (error: unknown): string | undefined =>
  error instanceof CaseRuleViolation || error instanceof MalformedMessageError ? error.code : undefined;

export const decideOrCode = (command: CaseCommand, state: CaseState): readonly CaseEvent[] | string => {
  try {
    return caseDecider.decide(command, state);
  } catch (error) {
    const code = codeOf(error);
    if (code === undefined) throw error;
    return code;
  }
};

export const given = (...steps: Step[]) => {
  const state = fold(steps);
  return {
    state,
    when: (command: CaseCommand) => ({
      /** The events decided, compared with `toEqual` (asymmetric matchers welcome). */
      then: (expected: readonly unknown[]): void => {
        const events = caseDecider.decide(command, state);
        expectWritable(events);
        expect(events).toEqual(expected);
      },
      /** Only the event types, for tests about which facts are recorded. */
      thenEmits: (types: readonly string[]): void => {
        const events = caseDecider.decide(command, state);
        expectWritable(events);
        expect(events.map((e) => e.type)).toEqual(types);
      },
      /** The decided events themselves, for assertions of another kind. */
      decided: (): readonly CaseEvent[] => {
        const events = caseDecider.decide(command, state);
        expectWritable(events);
        return events;
      },
      thenThrows: (code: string): void => {
        expect(decideOrCode(command, state)).toBe(code);
      },
      thenNothing: (): void => {
        expect(caseDecider.decide(command, state)).toEqual([]);
      },
      /** Decides, folds the events as handleCommand would, and decides the same command again: nothing new. */
      thenRetryChangesNothing: (): void => {
        const first = caseDecider.decide(command, state);
        expect(first.length).toBeGreaterThan(0);
        expectWritable(first);
        expect(caseDecider.decide(command, fold([...steps, command]))).toEqual([]);
      },
    }),
  };
};
