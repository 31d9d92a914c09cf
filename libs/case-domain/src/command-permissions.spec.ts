import { AGENCY_TYPES, OVERSIGHT_AGENCY_TYPES } from './agency-types';
import { CASE_COMMAND_TYPES } from './case.commands';
import { COMMAND_PERMISSIONS } from './command-permissions';
import { INTERCEPTION_COMMANDS } from './interception/interception.commands';
import { interceptionDecider } from './interception/interception.decider';
import { given } from './testing/given-when-then';
import { SUCCESS_SCENARIOS } from './testing/case-histories.fixtures';
import { UNIT_OF_TYPE } from './testing/units';
import { sampleInterception } from './interception/interception.fixtures';
import type { CaseCommand } from './case.commands';

const by = (command: CaseCommand, agencyType: (typeof AGENCY_TYPES)[number]): CaseCommand =>
  ({ ...command, metadata: { ...command.metadata, actor: UNIT_OF_TYPE[agencyType] } }) as CaseCommand;

describe('the command permission table', () => {
  it('covers every case and interception command, and nothing else', () => {
    expect(Object.keys(COMMAND_PERMISSIONS).sort()).toEqual([...CASE_COMMAND_TYPES, ...Object.keys(INTERCEPTION_COMMANDS)].sort());
  });

  it('lets the ministry and the task force issue no case command but the ministry\'s answer to an erasure request: they oversee', () => {
    const byOversight = CASE_COMMAND_TYPES.flatMap((type) => OVERSIGHT_AGENCY_TYPES.filter((o) => COMMAND_PERMISSIONS[type].includes(o)).map((o) => `${type} by ${o}`));
    expect(byOversight).toEqual(['ApproveSubjectErasure by MINISTRY', 'RefuseSubjectErasure by MINISTRY']);
  });

  const refusals = CASE_COMMAND_TYPES.flatMap((type) =>
    AGENCY_TYPES.filter((agency) => !COMMAND_PERMISSIONS[type].includes(agency)).map((agency) => [type, agency] as const),
  );
  it.each(refusals)('%s by %s is refused with AGENCY_NOT_PERMITTED', (type, agency) => {
    const { given: history, when } = SUCCESS_SCENARIOS[type];
    given(...history).when(by(when, agency)).thenThrows('AGENCY_NOT_PERMITTED');
  });

  const interceptionRefusals = AGENCY_TYPES.filter((agency) => !COMMAND_PERMISSIONS.ReportDepartureInterception.includes(agency));
  it.each(interceptionRefusals)('ReportDepartureInterception by %s is refused with AGENCY_NOT_PERMITTED', (agency) => {
    const command = sampleInterception({ by: UNIT_OF_TYPE[agency] });
    expect(() => interceptionDecider.decide(command, interceptionDecider.initialState())).toThrow(
      expect.objectContaining({ code: 'AGENCY_NOT_PERMITTED' }),
    );
  });
});
