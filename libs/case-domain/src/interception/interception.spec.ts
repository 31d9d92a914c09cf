import { eventIdFor } from '@tppo/eventsourcing';
import { caseEventRegistry } from '../case.registry';
import { interceptionDecider, interceptionStreamId, type InterceptionState, type ReportDepartureInterception } from './interception.decider';
import { sampleInterception } from './interception.fixtures';
import { NOW } from '../testing/case-commands.fixtures';
import { policeNunukan, taskForceKaltara } from '../testing/units';

const { decide, evolve, initialState } = interceptionDecider;
const after = (command: ReportDepartureInterception): InterceptionState =>
  decide(command, initialState()).reduce(
    (s, e, i) => evolve(s, e, { eventId: eventIdFor(command.metadata.commandId, i), revision: i, actor: command.metadata.actor, commandId: command.metadata.commandId, occurredAt: NOW }),
    initialState(),
  );
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('departure interceptions', () => {
  it('has its own stream per report', () => expect(interceptionStreamId('int-nnk-2026-031')).toBe('interception-int-nnk-2026-031'));

  it('records counts by sex and age band, never names', () => {
    const events = decide(sampleInterception(), initialState());
    expect(events).toEqual([
      {
        type: 'DepartureIntercepted',
        data: {
          reportId: 'int-nnk-2026-031',
          interceptedOn: '2026-02-09',
          placeName: 'Pelabuhan Tunon Taka',
          regionCode: '65.03',
          routeKind: 'SEAPORT',
          destinationCountry: 'MY',
          counts: [
            { sex: 'FEMALE', ageBand: '18-24', count: 6 },
            { sex: 'MALE', ageBand: '25-34', count: 4 },
            { sex: 'FEMALE', ageBand: '12-17', count: 1 },
          ],
          total: 11,
          agenciesInvolved: ['IMMIGRATION', 'POLICE', 'MIGRANT_PROTECTION'],
          linkedCaseIds: [],
          reportedByUnitId: 'imigrasi-nunukan',
          reportedByAgencyType: 'IMMIGRATION',
          reportedAt: NOW,
        },
      },
    ]);
    expect(() => caseEventRegistry.validate('DepartureIntercepted', events[0]!.data)).not.toThrow();
  });

  it('the task force and police may report', () => {
    expect(decide(sampleInterception({ by: taskForceKaltara }), initialState())).toHaveLength(1);
    expect(decide(sampleInterception({ by: policeNunukan }), initialState())).toHaveLength(1);
  });

  it('is idempotent on retry', () => expect(decide(sampleInterception(), after(sampleInterception()))).toEqual([]));
  it('a resend of the same report with a new command id changes nothing', () =>
    expect(decide(sampleInterception({ commandId: 'intercept-2' }), after(sampleInterception()))).toEqual([]));
  it('a report id is not reused for other content', () =>
    expect(codeOf(() => decide(sampleInterception({ commandId: 'intercept-2', placeName: 'Sebatik' }), after(sampleInterception())))).toBe('ID_REUSED'));
  it('names each sex and age band once', () =>
    expect(
      codeOf(() =>
        decide(sampleInterception({ counts: [{ sex: 'MALE', ageBand: '25-34', count: 1 }, { sex: 'MALE', ageBand: '25-34', count: 2 }] }), initialState()),
      ),
    ).toBe('MALFORMED_COMMAND'));
  it('counts someone', () => expect(codeOf(() => decide(sampleInterception({ counts: [] }), initialState()))).toBe('MALFORMED_COMMAND'));
  it('refuses an unknown route kind', () =>
    expect(codeOf(() => decide(sampleInterception({ routeKind: 'RIVER' as never }), initialState()))).toBe('MALFORMED_COMMAND'));
});
