import { investigationStageAfter, STAGE_MOVES } from './investigation-stage';

describe('the investigation stage machine', () => {
  it('walks a case from the opening to the verdict, one event at a time', () => {
    const walk = ['InvestigationOpened', 'CaseFileSubmitted', 'CaseFileReturned', 'CaseFileResubmitted', 'CaseFileDeclaredComplete', 'SuspectAndEvidenceHandedOver', 'IndictmentFiled', 'VerdictIssued'];
    const stages = walk.reduce<string[]>((seen, type) => [...seen, investigationStageAfter(seen.at(-1) as 'none', type)], ['none']);
    expect(stages).toEqual(['none', 'investigating', 'file_under_review', 'file_returned', 'file_under_review', 'file_complete', 'handed_over', 'indicted', 'verdict']);
  });

  it('leaves the stage as it is for an event that does not fit it, or does not move the process', () => {
    expect(investigationStageAfter('investigating', 'VerdictIssued')).toBe('investigating');
    expect(investigationStageAfter('none', 'InvestigationTerminated')).toBe('none');
    expect(investigationStageAfter('file_complete', 'HearingHeld')).toBe('file_complete');
    expect(investigationStageAfter('file_complete', 'toString')).toBe('file_complete');
  });

  it('stops any open investigation (SP3) and lets a new one start afresh', () => {
    for (const stage of STAGE_MOVES.InvestigationTerminated.from) expect(investigationStageAfter(stage, 'InvestigationTerminated')).toBe('terminated');
    expect(investigationStageAfter('terminated', 'InvestigationOpened')).toBe('investigating');
  });
});
