import type { Investigation, OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

type Stage = Investigation['stage'];
export type InvestigationAt<S extends Stage> = Extract<Investigation, { stage: S }>;

/** Stages in which the investigator still works the file (before P-21, not stopped by SP3). */
export const INVESTIGATING_STAGES = ['investigating', 'file_under_review', 'file_returned'] as const satisfies readonly Stage[];

export const isAt = <S extends Stage>(inv: Investigation, stages: readonly S[]): inv is InvestigationAt<S> => (stages as readonly Stage[]).includes(inv.stage);

export const requireInvestigating = (state: OpenCaseState): InvestigationAt<(typeof INVESTIGATING_STAGES)[number]> => {
  const inv = state.investigation;
  if (isAt(inv, INVESTIGATING_STAGES)) return inv;
  if (inv.stage === 'none' || inv.stage === 'terminated') return fail('INVESTIGATION_NOT_OPEN', `No investigation is open on case ${state.caseId}`);
  return fail('CASE_FILE_ALREADY_COMPLETE', `The case file of ${state.caseId} was declared complete (P-21)`);
};

/** The prosecutor unit holding the case file is the only one that may rule on it. */
export const requireFileHolder = (inv: { readonly prosecutorUnitId: string }, unitId: string): void => {
  if (inv.prosecutorUnitId !== unitId) fail('NOT_FILE_HOLDER', `The case file is held by ${inv.prosecutorUnitId}`);
};

export type InvestigationStage = Stage;

const OPEN_STAGES = ['investigating', 'file_under_review', 'file_returned', 'file_complete', 'handed_over', 'indicted', 'verdict', 'terminated'] as const satisfies readonly Stage[];

/**
 * How the criminal process moves: each event from the stages it fits to the next one. An event that
 * does not fit the stage leaves it as it is. A new investigation after an SP3 starts afresh.
 */
export const STAGE_MOVES = {
  InvestigationOpened: { from: ['none', ...OPEN_STAGES], to: 'investigating' },
  CaseFileSubmitted: { from: ['investigating'], to: 'file_under_review' },
  CaseFileReturned: { from: ['file_under_review'], to: 'file_returned' },
  CaseFileResubmitted: { from: ['file_returned'], to: 'file_under_review' },
  CaseFileDeclaredComplete: { from: ['file_under_review'], to: 'file_complete' },
  SuspectAndEvidenceHandedOver: { from: ['file_complete'], to: 'handed_over' },
  IndictmentFiled: { from: ['handed_over'], to: 'indicted' },
  VerdictIssued: { from: ['indicted'], to: 'verdict' },
  InvestigationTerminated: { from: OPEN_STAGES, to: 'terminated' },
} as const satisfies Record<string, { readonly from: readonly Stage[]; readonly to: Stage }>;

type StageMove = (typeof STAGE_MOVES)[keyof typeof STAGE_MOVES];

/** The stage after an event of `eventType` (any event type: those that do not move the process leave it). */
export const investigationStageAfter = <S extends Stage>(stage: S, eventType: string): S | StageMove['to'] => {
  const move: StageMove | undefined = Object.hasOwn(STAGE_MOVES, eventType) ? STAGE_MOVES[eventType as keyof typeof STAGE_MOVES] : undefined;
  return move && (move.from as readonly Stage[]).includes(stage) ? move.to : stage;
};
