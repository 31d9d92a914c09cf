import { Controller, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Principal, UnitRegistry } from '@tppo/access';
import { caseEventRegistry, caseStreamId } from '@tppo/case-domain';
import type { EventStore } from '@tppo/eventsourcing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AccessLogStore, type AccessOutcome, recordAccess } from '../../access-audit/access-log.store';
import { OVERSIGHT } from '../../auth/access-policy';
import { ReadRoute } from '../../auth/read-route';
import { CurrentPrincipal } from '../../auth/principal';
import { Reports } from '../../auth/reports.decorator';
import { ProblemException } from '../../errors/problem';
import { ACCESS_LOG, EVENT_STORE, UNIT_REGISTRY } from '../../infrastructure/tokens';
import { caseInJurisdiction } from '../../read/oversight';
import { DISCLOSURE_POLICIES, type DisclosurePolicyVersion } from '../disclosure-policy';
import { CaseParams } from '../dto/params';
import { AS_OF_PURPOSE_PREFIX, AsOfAnswer, AsOfQuery } from './as-of.dto';
import { asOfView, recordedBy } from './as-of-view';

/**
 * "What could unit X see of case C on 3 March?", asked by an ombudsman, a court or an audit through
 * KemenPPPA or a task force (its region's cases): the case as it was recorded then, disclosed by the
 * policy version and the consents in force then. Every answer is in the case's access log first.
 */
@ApiTags('oversight')
@Reports()
@Controller('cases/:caseId/as-of')
export class AsOfController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
    @Inject(ACCESS_LOG) private readonly log: AccessLogStore,
    @Inject(DISCLOSURE_POLICIES) private readonly policies: readonly DisclosurePolicyVersion[],
  ) {}

  @ReadRoute({
    operationId: 'GetCaseAsOf',
    summary: 'What one unit could see of a case at a past instant, for a stated purpose (MINISTRY; TASK_FORCE for its region; recorded in the access log)',
    description:
      'The events recorded up to `at`, disclosed by the disclosure policy version and the consents in force at `at`. A unit that did not take part then ' +
      'gets `participated: false` and no view. 400 UNKNOWN_UNIT: `unit` is not in the registry; 400 AS_OF_IN_FUTURE: `at` is later than now; ' +
      '400 AS_OF_BEFORE_CASE: nothing of the case was recorded by `at`; 404: no such case in the caller’s jurisdiction.',
    type: AsOfAnswer,
    access: { audience: OVERSIGHT, scope: 'jurisdiction' },
    problems: [400, 401, 403, 404, 429, 503],
  })
  async asOf(
    @Param() { caseId }: CaseParams,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AsOfAnswer> {
    const now = new Date().toISOString();
    const at = new Date(query.at).toISOString();
    const record = (outcome: AccessOutcome): void =>
      recordAccess(this.log, {
        at: now, caseId,
        // Not one person's data: a whole view of the case.
        subjectRef: '(case)', role: null, purpose: `${AS_OF_PURPOSE_PREFIX}${query.purpose}`, outcome,
        userId: principal.userId, unitId: principal.unitId, agencyType: principal.agencyType, requestId: String(request.id),
        aboutUnitId: query.unit, asOf: at,
      });

    const events = (await this.store.readStream(caseStreamId(caseId))).map((e) => caseEventRegistry.upcast(e));
    const { jurisdiction } = this.inJurisdiction(principal, events, () => record('NOT_FOUND'));
    const unit = this.units.get(query.unit);
    if (!unit) throw new ProblemException(400, 'UNKNOWN_UNIT', 'Bad request', `No unit of the registry has the id ${query.unit}`);
    if (Date.parse(at) > Date.parse(now)) throw new ProblemException(400, 'AS_OF_IN_FUTURE', 'Bad request', `${at} is later than now (${now})`);
    if (recordedBy(events, at).length === 0) throw new ProblemException(400, 'AS_OF_BEFORE_CASE', 'Bad request', `Nothing of the case was recorded by ${at}`);

    const parts = asOfView(events, at, { unitId: unit.id, agencyType: unit.agencyType }, this.policies);
    record('GRANTED');
    void reply.header('cache-control', 'no-store');
    return { caseId, at, unitId: unit.id, agencyType: unit.agencyType, purpose: query.purpose, ...parts, jurisdiction };
  }

  /** As on the timeline: the same 404 as a case that does not exist, and the attempt is in the log all the same. */
  private inJurisdiction(principal: Principal, events: Parameters<typeof caseInJurisdiction>[1], onNotFound: () => void): ReturnType<typeof caseInJurisdiction> {
    try {
      return caseInJurisdiction(principal, events, this.units);
    } catch (error) {
      onNotFound();
      throw error;
    }
  }
}
