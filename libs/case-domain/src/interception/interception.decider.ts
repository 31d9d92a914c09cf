import type { Command, Decider, DomainEvent } from '@tppo/eventsourcing';
import type { DataOf } from '../shared/fields';
import { validateCommand } from '../shared/command-validation';
import { withoutUndefined } from '../case.events';
import { requirePermission } from '../command-permissions';
import { CaseRuleViolation } from '../case-rule-violation';
import { actingUnit } from '../shared/actor';
import { assertNever } from '../shared/assert-never';
import { INTERCEPTION_COMMANDS, INTERCEPTION_REFINEMENTS } from './interception.commands';
import { type INTERCEPTION_EVENTS } from './interception.events';

export type ReportDepartureInterception = Command<'ReportDepartureInterception', DataOf<typeof INTERCEPTION_COMMANDS.ReportDepartureInterception>>;
export type InterceptionCommand = ReportDepartureInterception;
export type DepartureIntercepted = DomainEvent<'DepartureIntercepted', DataOf<typeof INTERCEPTION_EVENTS.DepartureIntercepted>>;
export type InterceptionEvent = DepartureIntercepted;

export type InterceptionState =
  | { readonly status: 'none' }
  | { readonly status: 'reported'; readonly reportId: string; readonly commandId: string | null; readonly fingerprint: string };

export const interceptionStreamId = (reportId: string): string => `interception-${reportId}`;

/** What the report says, without who sent it or when: a resend of the same report is a retry. */
const fingerprintOf = (data: ReportDepartureInterception['data']): string =>
  JSON.stringify([data.interceptedOn, data.placeName, data.regionCode, data.routeKind, data.destinationCountry, data.counts, data.agenciesInvolved, data.linkedCaseIds]);

/**
 * One stream per interception report: a report is written once and never edited, so its
 * decider is small. It may link cases but opens none; opening a case is the case decider's job.
 */
export const interceptionDecider: Decider<InterceptionCommand, InterceptionEvent, InterceptionState> = {
  initialState: () => ({ status: 'none' }),
  decide: (input, state) => {
    const command = validateCommand<InterceptionCommand>(input, INTERCEPTION_COMMANDS, INTERCEPTION_REFINEMENTS);
    const { data, metadata } = command;
    requirePermission(command.type, metadata.actor.agencyType);
    if (state.status === 'reported') {
      if (state.commandId === metadata.commandId || state.fingerprint === fingerprintOf(data)) return [];
      throw new CaseRuleViolation('ID_REUSED', `Interception report ${state.reportId} was already filed with other content`);
    }
    const unit = actingUnit(metadata);
    return [
      {
        type: 'DepartureIntercepted',
        data: withoutUndefined({
          ...data,
          counts: data.counts.map((c) => ({ ...c })),
          agenciesInvolved: [...data.agenciesInvolved],
          linkedCaseIds: [...data.linkedCaseIds],
          total: data.counts.reduce((sum, c) => sum + c.count, 0),
          reportedByUnitId: unit.unitId,
          reportedByAgencyType: unit.agencyType,
          reportedAt: metadata.now,
        }),
      },
    ];
  },
  evolve: (state, event, context) => {
    switch (event.type) {
      case 'DepartureIntercepted': {
        const { reportedByUnitId: _u, reportedByAgencyType: _a, reportedAt: _r, total: _t, ...data } = event.data;
        return { status: 'reported', reportId: event.data.reportId, commandId: context.commandId, fingerprint: fingerprintOf(data) };
      }
      default:
        return assertNever(event.type);
    }
  },
};
