import type { Projection, ProjectedEvent } from './projection';

/** Folds events the way the projector does: per document id, from nothing. */
export const projectAll = <D>(projection: Projection<D>, events: readonly ProjectedEvent[]): Map<string, D> => {
  const documents = new Map<string, D>();
  for (const event of events) {
    if (!projection.canHandle.includes(event.type)) continue;
    for (const id of projection.documentIds(event)) {
      const next = projection.evolve(documents.get(id) ?? null, event, id);
      if (next === null) documents.delete(id);
      else documents.set(id, next);
    }
  }
  return documents;
};
