import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@tppo/access';
import { caseDecider, caseEventRegistry, caseStreamId, participates, type CaseState } from '@tppo/case-domain';
import { loadSnapshot, type EventStore, type StreamCache } from '@tppo/eventsourcing';
import { ProblemException } from '../errors/problem';
import { EVENT_STORE, STREAM_CACHE } from '../infrastructure/tokens';
import { caseView, type CaseView } from './case.view';
import { DISCLOSURE_POLICIES, disclose, policyInForceNow, type DisclosurePolicyVersion } from './disclosure-policy';

export class GetCase extends Query<Partial<CaseView>> {
  constructor(
    readonly caseId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** A unit outside the case gets the same 404 as for a case that does not exist. Disclosed by the policy in force now. */
@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STREAM_CACHE) private readonly cache: StreamCache<unknown>,
    @Inject(DISCLOSURE_POLICIES) private readonly policies: readonly DisclosurePolicyVersion[],
  ) {}

  async execute({ caseId, principal }: GetCase): Promise<Partial<CaseView>> {
    // Reads only what the store has beyond the cached snapshot: as fresh as a full read.
    const { state, revision } = await loadSnapshot(this.store, caseDecider, caseStreamId(caseId), caseEventRegistry, this.cache as StreamCache<CaseState>);
    if (state.status === 'none' || !participates(state, principal.unitId)) {
      throw new ProblemException(404, 'NOT_FOUND', 'Not found', 'No such case');
    }
    return disclose(caseView(state, revision), principal.agencyType, policyInForceNow(this.policies).fields);
  }
}
