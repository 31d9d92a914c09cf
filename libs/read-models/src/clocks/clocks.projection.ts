import { assertNever } from '@tppo/case-domain';
import { patched } from '../patched';
import type { Projection, ProjectedEvent } from '../projection';

export type ClockKind = 'SERVICE' | 'SPDP' | 'CASE_FILE_REVIEW' | 'RESUBMISSION' | 'RESTITUTION';

/**
 * One statutory clock of one case: who must act, by when, under which rule. Due dates
 * and legal bases come from the events, which fixed them when the stage began (so a clock started
 * under the 1981 KUHAP keeps its rule after the switch to Law 20/2025).
 */
export interface ClockDocument {
  readonly clockId: string;
  readonly caseId: string;
  readonly kind: ClockKind;
  /** Known before the clock starts, from an earlier event of the case (see `context`). */
  readonly responsibleUnitId: string;
  readonly status: 'WAITING' | 'RUNNING' | 'STOPPED';
  readonly legalBasis?: string;
  readonly startedAt?: string;
  readonly dueAt?: string;
  readonly stoppedAt?: string;
  /**
   * When the starting and the stopping acts were recorded. An act may be recorded days after it
   * happened (a late entry): the clock runs on the acts' own times, and these say how late they came in.
   */
  readonly startRecordedAt?: string;
  readonly stopRecordedAt?: string;
  /** MET: stopped in time; LATE: stopped after the due date; DEFAULTED: restitution not paid; CANCELLED: investigation terminated. */
  readonly outcome?: 'MET' | 'LATE' | 'DEFAULTED' | 'CANCELLED';
  /** How many times it started (a case file can be reviewed again after a P-19). */
  readonly rounds: number;
  /** Clocks that ended late or defaulted, over all rounds. */
  readonly breaches: number;
}

const CLOCK_EVENTS = [
  'ServiceRequested', 'ServiceDelivered',
  'InvestigationOpened', 'InvestigationNoticeSent', 'InvestigationTerminated',
  'CaseFileSubmitted', 'CaseFileReturned', 'CaseFileResubmitted', 'CaseFileDeclaredComplete',
  'IndictmentFiled', 'VerdictIssued', 'RestitutionPaid', 'RestitutionDefaulted',
] as const;
type ClockEventType = (typeof CLOCK_EVENTS)[number];

/**
 * The payload fields each clock event gives the clocks: none of them personal (times, due dates,
 * legal bases, unit and request ids, whether restitution was paid in full). The transparency log's
 * leaf carries them in clear, so that anyone holding an evidence bundle can recompute every clock
 * from signed facts without seeing the rest of the payload. `evolve` below reads nothing else: a
 * test folds a case from these facts alone and must get the same clocks.
 */
export const CLOCK_FACTS: Readonly<Record<ClockEventType, readonly string[]>> = {
  ServiceRequested: ['caseId', 'serviceRequestId', 'providerUnitId', 'requestedAt', 'dueBy', 'dueRule'],
  ServiceDelivered: ['caseId', 'serviceRequestId', 'deliveredAt'],
  InvestigationOpened: ['caseId', 'policeUnitId', 'openedAt', 'noticeDueBy', 'noticeRule'],
  InvestigationNoticeSent: ['caseId', 'sentAt'],
  InvestigationTerminated: ['caseId', 'terminatedAt'],
  CaseFileSubmitted: ['caseId', 'policeUnitId', 'prosecutorUnitId', 'submittedAt', 'reviewDueBy', 'reviewRule'],
  CaseFileReturned: ['caseId', 'returnedAt', 'resubmitDueBy', 'resubmitRule'],
  CaseFileResubmitted: ['caseId', 'resubmittedAt', 'reviewDueBy', 'reviewRule'],
  CaseFileDeclaredComplete: ['caseId', 'declaredAt'],
  IndictmentFiled: ['caseId'],
  VerdictIssued: ['caseId', 'notifiedAt', 'restitutionDueBy', 'restitutionRule'],
  RestitutionPaid: ['caseId', 'fullyPaid', 'recordedAt'],
  RestitutionDefaulted: ['caseId', 'recordedAt'],
};

/** A clock fact: a payload field's name and its value (the clocks read only strings and booleans). */
export type ClockFact = readonly [name: string, value: string | boolean];

/** The clock facts of an event, in `CLOCK_FACTS` order (absent fields left out); null for an event no clock reads. */
export const clockFactsOf = (type: string, data: Readonly<Record<string, unknown>>): ClockFact[] | null => {
  const names = (CLOCK_FACTS as Readonly<Record<string, readonly string[] | undefined>>)[type];
  if (names === undefined) return null;
  const facts: ClockFact[] = [];
  for (const name of names) {
    const value = data[name];
    if (typeof value === 'string' || typeof value === 'boolean') facts.push([name, value]);
  }
  return facts;
};

const s = (event: ProjectedEvent, name: string): string => String(event.data[name]);
const caseOf = (event: ProjectedEvent) => s(event, 'caseId');
const idOf = (event: ProjectedEvent, kind: ClockKind, instance?: string) => `${caseOf(event)}/${kind}${instance ? `/${instance}` : ''}`;

const waiting = (event: ProjectedEvent, kind: ClockKind, responsibleUnitId: string, instance?: string): ClockDocument => ({
  clockId: idOf(event, kind, instance),
  caseId: caseOf(event),
  kind,
  responsibleUnitId,
  status: 'WAITING',
  rounds: 0,
  breaches: 0,
});

const start = (clock: ClockDocument, event: ProjectedEvent, startedAt: string, dueAt: string, legalBasis: string): ClockDocument =>
  // A redelivered start event must not open a second round.
  clock.status === 'RUNNING' && clock.startedAt === startedAt
    ? clock
    : {
        clockId: clock.clockId,
        caseId: clock.caseId,
        kind: clock.kind,
        responsibleUnitId: clock.responsibleUnitId,
        status: 'RUNNING',
        legalBasis,
        startedAt,
        startRecordedAt: event.recordedAt,
        dueAt,
        rounds: clock.rounds + 1,
        breaches: clock.breaches,
      };

/** Met or late by the act's own time (`stoppedAt`), however long after it was recorded. */
const stop = (clock: ClockDocument | null, event: ProjectedEvent, stoppedAt: string, outcome?: 'DEFAULTED' | 'CANCELLED'): ClockDocument | null => {
  if (!clock || clock.status !== 'RUNNING') return clock;
  const late = clock.dueAt !== undefined && Date.parse(stoppedAt) > Date.parse(clock.dueAt);
  const result = outcome ?? (late ? 'LATE' : 'MET');
  return patched(clock, { status: 'STOPPED', stoppedAt, stopRecordedAt: event.recordedAt, outcome: result, breaches: clock.breaches + (result === 'LATE' || result === 'DEFAULTED' ? 1 : 0) });
};

/** Which clock documents an event touches; some only bring context (the unit that will be responsible). */
const documentIds = (event: ProjectedEvent): string[] => {
  const type = event.type as ClockEventType;
  switch (type) {
    case 'ServiceRequested':
    case 'ServiceDelivered':
      return [idOf(event, 'SERVICE', s(event, 'serviceRequestId'))];
    case 'InvestigationOpened':
    case 'InvestigationNoticeSent':
      return [idOf(event, 'SPDP')];
    case 'InvestigationTerminated':
      return [idOf(event, 'SPDP'), idOf(event, 'CASE_FILE_REVIEW'), idOf(event, 'RESUBMISSION')];
    case 'CaseFileSubmitted':
      return [idOf(event, 'CASE_FILE_REVIEW'), idOf(event, 'RESUBMISSION')];
    case 'CaseFileReturned':
      return [idOf(event, 'CASE_FILE_REVIEW'), idOf(event, 'RESUBMISSION')];
    case 'CaseFileResubmitted':
      return [idOf(event, 'RESUBMISSION'), idOf(event, 'CASE_FILE_REVIEW')];
    case 'CaseFileDeclaredComplete':
      return [idOf(event, 'CASE_FILE_REVIEW')];
    case 'IndictmentFiled':
    case 'VerdictIssued':
    case 'RestitutionPaid':
    case 'RestitutionDefaulted':
      return [idOf(event, 'RESTITUTION')];
    default:
      return assertNever(type);
  }
};

/** Read from the id only by the three events that need it: splitting it for every event showed in a rebuild's profile. */
const kindOf = (clockId: string): ClockKind => clockId.split('/')[1] as ClockKind;

export const clocksProjection: Projection<ClockDocument> = {
  name: 'clocks',
  // 2: the times at which the starting and stopping acts were recorded (late entries).
  version: 2,
  canHandle: CLOCK_EVENTS,
  documentIds,
  evolve: (clock, event, documentId) => {
    const type = event.type as ClockEventType;
    switch (type) {
      case 'ServiceRequested':
        return start(clock ?? waiting(event, 'SERVICE', s(event, 'providerUnitId'), s(event, 'serviceRequestId')), event, s(event, 'requestedAt'), s(event, 'dueBy'), s(event, 'dueRule'));
      case 'ServiceDelivered':
        return stop(clock, event, s(event, 'deliveredAt'));
      case 'InvestigationOpened':
        return start(clock ?? waiting(event, 'SPDP', s(event, 'policeUnitId')), event, s(event, 'openedAt'), s(event, 'noticeDueBy'), s(event, 'noticeRule'));
      case 'InvestigationNoticeSent':
        return stop(clock, event, s(event, 'sentAt'));
      case 'InvestigationTerminated':
        return stop(clock, event, s(event, 'terminatedAt'), 'CANCELLED');
      case 'CaseFileSubmitted':
        // Starts the prosecutor's review; tells the resubmission clock which police unit it will bind.
        return kindOf(documentId) === 'RESUBMISSION'
          ? (clock ?? waiting(event, 'RESUBMISSION', s(event, 'policeUnitId')))
          : start(clock ?? waiting(event, 'CASE_FILE_REVIEW', s(event, 'prosecutorUnitId')), event, s(event, 'submittedAt'), s(event, 'reviewDueBy'), s(event, 'reviewRule'));
      case 'CaseFileReturned':
        // P-19 stops the review and starts the police's resubmission clock.
        return kindOf(documentId) === 'RESUBMISSION'
          ? clock && start(clock, event, s(event, 'returnedAt'), s(event, 'resubmitDueBy'), s(event, 'resubmitRule'))
          : stop(clock, event, s(event, 'returnedAt'));
      case 'CaseFileResubmitted':
        return kindOf(documentId) === 'CASE_FILE_REVIEW'
          ? clock && start(clock, event, s(event, 'resubmittedAt'), s(event, 'reviewDueBy'), s(event, 'reviewRule'))
          : stop(clock, event, s(event, 'resubmittedAt'));
      case 'CaseFileDeclaredComplete':
        return stop(clock, event, s(event, 'declaredAt'));
      case 'IndictmentFiled':
        // The prosecutor who indicts executes the verdict, restitution included.
        return clock ?? waiting(event, 'RESTITUTION', event.actor.unitId);
      case 'VerdictIssued':
        if (!clock || event.data['restitutionDueBy'] === undefined) return clock;
        return start(clock, event, s(event, 'notifiedAt'), s(event, 'restitutionDueBy'), s(event, 'restitutionRule'));
      case 'RestitutionPaid':
        return event.data['fullyPaid'] === true ? stop(clock, event, s(event, 'recordedAt')) : clock;
      case 'RestitutionDefaulted':
        return stop(clock, event, s(event, 'recordedAt'), 'DEFAULTED');
      default:
        return assertNever(type);
    }
  },
};

/** Running past its due date at `now`: the stopping event has not arrived in time. */
export const isOverdue = (clock: ClockDocument, now: string): boolean =>
  clock.status === 'RUNNING' && clock.dueAt !== undefined && Date.parse(now) > Date.parse(clock.dueAt);
