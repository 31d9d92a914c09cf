import type { Actor } from '@tppo/eventsourcing';

/**
 * The retention job's actor. It is no unit, has no agency type and takes part in no case: it may
 * issue `EraseSubjectForRetention` and nothing else, and no agency type may issue that command.
 */
export const RETENTION_ACTOR: Actor = { userId: 'system:retention', unitId: 'system:retention', agencyType: 'SYSTEM' };

export const isRetentionActor = (actor: Pick<Actor, 'unitId' | 'agencyType'>): boolean =>
  actor.unitId === RETENTION_ACTOR.unitId && actor.agencyType === RETENTION_ACTOR.agencyType;
