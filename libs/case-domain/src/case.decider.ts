import type { Decider } from '@tppo/eventsourcing';
import type { CaseCommand } from './case.commands';
import type { CaseEvent } from './case.events';
import { initialCaseState, type CaseState } from './case.state';
import { admitToCase, decideCase } from './case.decide';
import { evolveCase } from './case.evolve';

export const caseStreamId = (caseId: string): string => `case-${caseId}`;

/** The whole case lifecycle as one decider (Chassaing): pure decide and evolve, no clock, no I/O. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: initialCaseState,
  decide: decideCase,
  evolve: evolveCase,
  admit: admitToCase,
};
