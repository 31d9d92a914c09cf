import { CASE_COMMAND_SPECS, CASE_COMMAND_TYPES, type CaseCommand } from './case.commands';
import { decideOrCode, given } from './testing/given-when-then';
import { SUCCESS_SCENARIOS, withVictim } from './testing/case-histories.fixtures';
import { command, NOW } from './testing/case-commands.fixtures';
import { uptdNunukan } from './testing/units';
import { caseDecider } from './case.decider';
import { MalformedMessageError } from '@tppo/eventsourcing';

const withData = (c: CaseCommand, data: Record<string, unknown>): CaseCommand => ({ ...c, data }) as CaseCommand;
const malformed = (c: CaseCommand) => expect(decideOrCode(c, caseDecider.initialState())).toBe('MALFORMED_COMMAND');

describe('command validation (before any rule)', () => {
  const required = CASE_COMMAND_TYPES.flatMap((type) =>
    Object.entries(CASE_COMMAND_SPECS[type])
      .filter(([, field]) => !field.optional)
      .map(([key]) => [type, key] as const),
  );
  it.each(required)('%s without %s is MALFORMED_COMMAND', (type, key) => {
    const { when } = SUCCESS_SCENARIOS[type];
    const { [key]: _dropped, ...rest } = when.data as Record<string, unknown>;
    malformed(withData(when, rest));
  });

  it.each(CASE_COMMAND_TYPES)('%s with an unknown field is MALFORMED_COMMAND (no mass assignment)', (type) => {
    const { when } = SUCCESS_SCENARIOS[type];
    malformed(withData(when, { ...(when.data as object), isAdmin: true }));
  });

  it('names every problem at once', () => {
    const c = withData(command('SendReferral', uptdNunukan), { caseId: 'c', urgency: 'SOMEDAY', dueBy: 'next week', referralId: '' });
    try {
      caseDecider.decide(c, caseDecider.initialState());
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedMessageError);
      expect((error as MalformedMessageError).details).toEqual(
        expect.arrayContaining([expect.stringMatching(/^referralId/), expect.stringMatching(/^urgency/), expect.stringMatching(/^dueBy/), 'toUnitId is required']),
      );
    }
  });

  it('refuses a wrong enum value', () => malformed(command('OpenCase', uptdNunukan, { source: 'RUMOUR' as never })));
  it('refuses a date-time that is not ISO-8601', () => malformed(command('SendReferral', uptdNunukan, { dueBy: '17/02/2026' })));
  it('refuses a calendar date that does not exist', () => malformed(command('RecordRepatriation', uptdNunukan, { arrivedOn: '2026-02-30' })));
  it('refuses an empty reason', () => malformed(command('CloseCase', uptdNunukan, { reason: '   ' })));
  it('refuses duplicates in a list', () => malformed(command('OpenCase', uptdNunukan, { exploitationTypes: ['FORCED_LABOUR', 'FORCED_LABOUR'] })));
  it('refuses a legal basis without a justification', () =>
    malformed(command('SendReferral', uptdNunukan, { legalBasis: 'CRIMINAL_INVESTIGATION' })));
  it('refuses a command whose data is not an object', () => malformed(withData(command('OpenCase', uptdNunukan), null as never)));

  it.each([
    ['no command id', { commandId: '' }],
    ['no actor', { actor: undefined }],
    ['an unknown agency type', { actor: { userId: 'u', unitId: 'x', agencyType: 'MILITARY' } }],
    ['a clock reading that is not ISO-8601', { now: 'yesterday' }],
  ])('refuses metadata with %s', (_, patch) => {
    const c = command('OpenCase', uptdNunukan);
    malformed({ ...c, metadata: { ...c.metadata, ...patch } } as CaseCommand);
  });

  it('refuses an unknown command type with UNKNOWN_COMMAND', () =>
    expect(decideOrCode({ type: 'DeleteCase', data: {}, metadata: { commandId: 'x', actor: uptdNunukan, now: NOW } } as never, caseDecider.initialState())).toBe(
      'UNKNOWN_COMMAND',
    ));

  it.each([
    ['RegisterVictim', 'identity'],
    ['AppointGuardian', 'identity'],
    ['IdentifySuspect', 'identity'],
    ['RegisterWitness', 'identity'],
  ] as const)('%s with a plaintext %s is IDENTITY_NOT_SEALED', (type, field) => {
    const { given: history, when } = SUCCESS_SCENARIOS[type];
    given(...history)
      .when(withData(when, { ...(when.data as object), [field]: 'Siti Aminah, Desa Oesao RT 02' }))
      .thenThrows('IDENTITY_NOT_SEALED');
  });

  it('checks malformed data before the case state (nothing partial is decided)', () =>
    given(...withVictim).when(command('DetermineVictimStatus', uptdNunukan, { status: 'MAYBE' as never })).thenThrows('MALFORMED_COMMAND'));
});
