import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@tppo/access';
import { caseDecider, caseEventRegistry, caseStreamId, participates } from '@tppo/case-domain';
import { loadStream, type EventStore } from '@tppo/eventsourcing';
import { ProblemException } from '../errors/problem';
import { EVENT_STORE } from '../infrastructure/tokens';
import { caseView, type CaseView } from './case.view';

export class GetCase extends Query<CaseView> {
  constructor(
    readonly caseId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** A unit outside the case gets the same 404 as for a case that does not exist. */
@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ caseId, principal }: GetCase): Promise<CaseView> {
    const { state, revision } = await loadStream(this.store, caseDecider, caseStreamId(caseId), caseEventRegistry);
    if (state.status === 'none' || !participates(state, principal.unitId)) {
      throw new ProblemException(404, 'NOT_FOUND', 'Not found', 'No such case');
    }
    return caseView(state, revision);
  }
}
