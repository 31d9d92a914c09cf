import { MalformedMessageError, type CommandMetadata } from '@tppo/eventsourcing';
import { isAgencyType } from '../agency-types';
import { isRetentionActor } from './system-actors';
import { isIsoDateTime, problemsOf, unsealedFields, type Refinement, type Spec } from './fields';
import { CaseRuleViolation } from '../case-rule-violation';

const metadataProblems = (metadata: unknown): string[] => {
  if (typeof metadata !== 'object' || metadata === null) return ['metadata must be an object'];
  const m = metadata as Partial<Record<keyof CommandMetadata, unknown>>;
  const problems: string[] = [];
  if (typeof m.commandId !== 'string' || m.commandId.length === 0) problems.push('metadata.commandId is required');
  if (!isIsoDateTime(m.now)) problems.push('metadata.now must be an ISO-8601 date-time with offset');
  if (m.occurredAt !== undefined && !isIsoDateTime(m.occurredAt)) problems.push('metadata.occurredAt must be an ISO-8601 date-time with offset');
  const actor = m.actor as Record<string, unknown> | undefined;
  if (typeof actor !== 'object' || actor === null) problems.push('metadata.actor is required');
  else {
    if (typeof actor['userId'] !== 'string' || actor['userId'].length === 0) problems.push('metadata.actor.userId is required');
    if (typeof actor['unitId'] !== 'string' || actor['unitId'].length === 0) problems.push('metadata.actor.unitId is required');
    if (!isAgencyType(actor['agencyType']) && !isRetentionActor(actor as { unitId: string; agencyType: string })) problems.push('metadata.actor.agencyType must be an agency type');
  }
  return problems;
};

/**
 * The whole command is checked before any rule runs, so nothing is decided on a partial payload:
 * an unknown type or a malformed field is a MalformedMessageError; a plaintext identity where
 * ciphertext belongs is a rule violation (IDENTITY_NOT_SEALED), never written anywhere.
 */
export const validateCommand = <C>(
  command: unknown,
  specs: Readonly<Record<string, Spec>>,
  refinements: Readonly<Record<string, Refinement<never> | undefined>>,
): C => {
  const c = command as { type?: unknown; data?: unknown; metadata?: unknown } | null;
  const type = c?.type;
  if (typeof type !== 'string' || !Object.hasOwn(specs, type)) {
    throw new MalformedMessageError('UNKNOWN_COMMAND', `Unknown command type ${JSON.stringify(type)}`);
  }
  const spec = specs[type] as Spec;
  const problems = [...metadataProblems(c?.metadata), ...problemsOf(c?.data, spec)];
  if (problems.length === 0) problems.push(...(refinements[type] as Refinement<unknown> | undefined)?.(c?.data) ?? []);
  if (problems.length > 0) throw new MalformedMessageError('MALFORMED_COMMAND', `${type} is malformed: ${problems.join('; ')}`, problems);

  const unsealed = unsealedFields(c?.data as Record<string, unknown>, spec);
  if (unsealed.length > 0) {
    throw new CaseRuleViolation('IDENTITY_NOT_SEALED', `${type}: ${unsealed.join(', ')} must arrive sealed by the protected-data service`);
  }
  return command as C;
};
