import { actedAt, MalformedMessageError } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent, type CaseEventType } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { CaseRuleViolation } from '../case-rule-violation';
import { problemsOf, unsealedFields } from '../shared/fields';
import { fail } from '../shared/guards';
import { isChildBand } from '../intake/age';
import { CORRECTABLE_FIELDS, correctionTypeOf, isCorrectable } from './correctable-events';
import type { AgeBand } from '../vocabulary';

/**
 * The original stays; the correction names it and carries only the changed fields. Only the unit
 * that recorded a fact may correct it, so nobody rewrites another agency's record.
 */
export const correctEvent = ({ data, metadata }: CaseCommandOf<'CorrectEvent'>, state: OpenCaseState): CaseEvent[] => {
  const original = state.events.get(data.eventId) ?? fail('EVENT_NOT_FOUND', `No event ${data.eventId} on case ${state.caseId}`);
  if (!isCorrectable(original.type)) return fail('EVENT_NOT_CORRECTABLE', `${original.type} cannot be corrected; record the next decision instead`);
  if (original.unitId !== metadata.actor.unitId) fail('NOT_ORIGINAL_ISSUER', `Event ${data.eventId} was recorded by ${original.unitId}`);

  const fields = CORRECTABLE_FIELDS[original.type];
  const problems = problemsOf(data.corrected, fields);
  if (problems.length > 0) throw new MalformedMessageError('MALFORMED_COMMAND', `CorrectEvent is malformed: ${problems.join('; ')}`, problems);
  const unsealed = unsealedFields(data.corrected, fields);
  if (unsealed.length > 0) throw new CaseRuleViolation('IDENTITY_NOT_SEALED', `CorrectEvent: ${unsealed.join(', ')} must arrive sealed`);

  const band = data.corrected['ageBand'] as AgeBand | undefined;
  const corrected = original.type === 'VictimRegistered' && band !== undefined ? { ...data.corrected, isChild: isChildBand(band) } : data.corrected;
  return [
    caseEvent(correctionTypeOf(original.type) as CaseEventType, {
      caseId: data.caseId,
      correctsEventId: data.eventId,
      corrected,
      reason: data.reason,
      correctedAt: actedAt(metadata),
    } as never) as CaseEvent,
  ];
};
