import type { CaseEvent } from '@tppo/case-domain';
import type { ProjectedEvent } from './projection';

/**
 * A case stream's event as the domain's type, so that a read model asks the domain's own rules
 * (who leads, who takes part) instead of restating them. Sound because the projector upcasts every
 * event to its current schema first, and only the decider writes to a case stream.
 */
export const asCaseEvent = (event: Pick<ProjectedEvent, 'type' | 'data'>): CaseEvent => event as unknown as CaseEvent;
