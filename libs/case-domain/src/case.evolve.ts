import type { EventContext } from '@tppo/eventsourcing';
import type { CaseEvent, CaseEventType } from './case.events';
import type { CaseRecord, CaseState, ExistingCaseState } from './case.state';
import { closureEvolvers } from './closure/closure.evolve';
import { handoffEvolvers } from './handoff/handoff.evolve';
import { intakeEvolvers } from './intake/intake.evolve';
import { privacyEvolvers } from './privacy/privacy.evolve';
import { justiceEvolvers } from './justice/justice.evolve';
import { referralEvolvers } from './referral/referral.evolve';
import { servicesEvolvers } from './services/services.evolve';
import { put, type Evolvers } from './shared/evolvers';

const opened = (event: Extract<CaseEvent, { type: 'CaseOpened' }>): ExistingCaseState => ({
  status: 'open',
  caseId: event.data.caseId,
  openedAt: event.data.openedAt,
  openedByUnitId: event.data.openedByUnitId,
  leadUnitId: event.data.leadUnitId,
  leadAgencyType: event.data.leadAgencyType,
  victims: new Map(),
  subjects: new Map(),
  consents: new Map(),
  referrals: new Map(),
  handoffs: new Map(),
  services: new Map(),
  placements: new Map(),
  lpskRequests: new Map(),
  erasures: new Map(),
  legalHolds: new Map(),
  investigation: { stage: 'none' },
  events: new Map(),
  handledCommands: new Set(),
});

/** Every event type and the seam that folds it; a type missing here does not build. */
const EVOLVERS: Evolvers<CaseEventType> = {
  ...intakeEvolvers,
  ...referralEvolvers,
  ...handoffEvolvers,
  ...servicesEvolvers,
  ...justiceEvolvers,
  ...closureEvolvers,
  ...privacyEvolvers,
};

/** Folds one event into the case; pure, copy-on-write (a state is never changed after it was returned). */
const apply = (s: ExistingCaseState, event: CaseEvent): ExistingCaseState => {
  const evolve = EVOLVERS[event.type] as (s: ExistingCaseState, event: CaseEvent) => ExistingCaseState;
  if (evolve === undefined) throw new Error(`No seam folds events of type ${event.type}`);
  return evolve(s, event);
};

export const evolveCase = (state: CaseState, event: CaseEvent, context: EventContext): CaseState => {
  if (state.status === 'none') {
    if (event.type !== 'CaseOpened') throw new Error(`A case stream must begin with CaseOpened, not ${event.type} (event ${context.eventId})`);
    return remember(opened(event), event, context);
  }
  return remember(apply(state, event), event, context);
};

/** Who recorded which event (for corrections) and which commands are done (for retries). */
const remember = (s: ExistingCaseState, event: CaseEvent, context: EventContext): ExistingCaseState => {
  const subjectRef = 'subjectRef' in event.data ? event.data.subjectRef : undefined;
  const record: Pick<CaseRecord, 'events' | 'handledCommands'> = {
    events: put(s.events, context.eventId, { type: event.type, unitId: context.actor.unitId, ...(subjectRef !== undefined ? { subjectRef } : {}) }),
    handledCommands: context.commandId === null ? s.handledCommands : new Set(s.handledCommands).add(context.commandId),
  };
  return { ...s, ...record };
};
