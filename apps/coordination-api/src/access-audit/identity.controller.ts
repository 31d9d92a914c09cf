import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal, UnitRegistry } from '@tppo/access';
import { type AgencyType, caseDecider, caseEventRegistry, caseStreamId, consentCovering, isErased, participates, SHARING_PURPOSES, type CaseState, type SharingPurpose } from '@tppo/case-domain';
import { loadSnapshot, type EventStore, type StreamCache } from '@tppo/eventsourcing';
import { PersonalDataProtector } from '@tppo/protected-data';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, CASE_PARTICIPANTS, OVERSIGHT } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { Reports } from '../auth/reports.decorator';
import { EnumField } from '../cases/dto/fields';
import { CaseParams, SubjectParams } from '../cases/dto/params';
import { ProblemException } from '../errors/problem';
import { ApiProblems } from '../errors/problem.dto';
import { ACCESS_LOG, EVENT_STORE, STREAM_CACHE, UNIT_REGISTRY } from '../infrastructure/tokens';
import { caseInJurisdiction, JurisdictionView } from '../read/oversight';
import { PageQuery } from '../read/page.query';
import { type AccessLogStore, type AccessOutcome, type AccessRecord, recordAccess } from './access-log.store';
import { IDENTITY_DISCLOSURE } from './identity-disclosure';

export class PurposeQuery {
  @EnumField(SHARING_PURPOSES, { description: 'Why the identity is read: recorded in the access log, and checked against the consent' }) purpose!: string;
}

class IdentityView {
  @ApiProperty() subjectRef!: string;
  @ApiProperty({ enum: ['VICTIM', 'GUARDIAN', 'WITNESS', 'SUSPECT'] }) role!: string;
  @ApiProperty({ description: 'The identity as recorded (name, identity number, contact …)', type: 'object', additionalProperties: true }) identity!: Record<string, unknown>;
}

class AccessRecordView {
  @ApiProperty() at!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) role!: string | null;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: ['GRANTED', 'DENIED', 'ERASED', 'NOT_FOUND'] }) outcome!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() agencyType!: string;
  @ApiProperty() requestId!: string;
  @ApiPropertyOptional({ description: 'An as-of view: the unit whose view was asked about' }) aboutUnitId?: string;
  @ApiPropertyOptional({ description: 'An as-of view: the instant asked about' }) asOf?: string;
}

class AccessLogPage {
  @ApiProperty({ type: AccessRecordView, isArray: true }) items!: AccessRecordView[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: JurisdictionView, description: 'Why the caller sees this case' }) jurisdiction!: JurisdictionView;
}

/**
 * Protected personal data is read here and only here, one subject at a time, with a stated purpose;
 * every attempt, granted or not, is in the access log before anything is answered.
 * The ministry and a task force (its region) list the access to a case.
 */
@ApiTags('personal data')
@ApiBearerAuth('bearer')
@Reports()
@Controller('cases/:caseId')
export class IdentityController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STREAM_CACHE) private readonly cache: StreamCache<unknown>,
    @Inject(ACCESS_LOG) private readonly log: AccessLogStore,
    private readonly protector: PersonalDataProtector,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
  ) {}

  @Get('subjects/:subjectRef/identity')
  @Access({ audience: CASE_PARTICIPANTS, scope: 'participant' })
  @ApiOperation({ operationId: 'GetSubjectIdentity', summary: 'The identity of one person in the case, for a stated purpose (recorded in the access log)' })
  @ApiOkResponse({ type: IdentityView })
  @ApiProblems(400, 401, 403, 404, 410, 429, 503)
  async identity(
    @Param() { caseId, subjectRef }: SubjectParams,
    @Query() { purpose }: PurposeQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IdentityView> {
    const now = new Date().toISOString();
    const record = (outcome: AccessOutcome, role: string | null): void => {
      const entry: AccessRecord = { at: now, caseId, subjectRef, role, purpose, outcome, userId: principal.userId, unitId: principal.unitId, agencyType: principal.agencyType, requestId: String(request.id) };
      recordAccess(this.log, entry);
    };
    const { state } = await loadSnapshot(this.store, caseDecider, caseStreamId(caseId), caseEventRegistry, this.cache as StreamCache<CaseState>);
    const subject = state.status === 'none' ? undefined : state.subjects.get(subjectRef);
    if (state.status === 'none' || !participates(state, principal.unitId) || !subject) {
      record('NOT_FOUND', null);
      throw new ProblemException(404, 'NOT_FOUND', 'Not found', 'No such case or person');
    }
    const policy = IDENTITY_DISCLOSURE[subject.role];
    const leads = state.leadUnitId === principal.unitId;
    const typeAllowed = (policy.agencyTypes as readonly string[]).includes(principal.agencyType);
    // A guardian's identity rides on the consent of the child they act for.
    const consentSubject = subject.role === 'GUARDIAN' ? ([...state.victims.values()].find((v) => v.guardianRefs.includes(subjectRef))?.subjectRef ?? subjectRef) : subjectRef;
    const consented =
      !policy.consent || leads || consentCovering(state, consentSubject, { unitId: principal.unitId, agencyType: principal.agencyType as AgencyType }, purpose as SharingPurpose, now) !== undefined;
    if (!(typeAllowed || leads) || !consented) {
      record('DENIED', subject.role);
      throw new ProblemException(403, 'IDENTITY_NOT_DISCLOSED', 'Forbidden', `The identity of this ${subject.role.toLowerCase()} is not disclosed to ${principal.agencyType} for ${purpose}`);
    }
    // The case says so first: its key may outlive the SubjectErased event by a crash (see KeyShredder).
    const identity = isErased(state, subjectRef) ? undefined : await this.protector.open(subject.identity);
    if (typeof identity !== 'object' || identity === null || Array.isArray(identity) || 'erased' in identity) {
      record('ERASED', subject.role);
      throw new ProblemException(410, 'SUBJECT_ERASED', 'Gone', 'This person’s data was erased');
    }
    record('GRANTED', subject.role);
    void reply.header('cache-control', 'no-store');
    return { subjectRef, role: subject.role, identity: identity as Record<string, unknown> };
  }

  @Get('access-log')
  @Access({ audience: OVERSIGHT, scope: 'jurisdiction' })
  @ApiOperation({ operationId: 'GetCaseAccessLog', summary: 'Every read of protected personal data in a case (MINISTRY; TASK_FORCE for its region)' })
  @ApiOkResponse({ type: AccessLogPage })
  @ApiProblems(400, 401, 403, 404, 429, 503)
  async accessLog(@Param() { caseId }: CaseParams, @Query() page: PageQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessLogPage> {
    // The whole stream: a task force may see the case through its lead unit or a victim's origin.
    const events = (await this.store.readStream(caseStreamId(caseId))).map((e) => caseEventRegistry.upcast(e));
    const { jurisdiction } = caseInJurisdiction(principal, events, this.units);
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    void reply.header('cache-control', 'no-store');
    return { items: this.log.ofCase(caseId, limit, offset), limit, offset, jurisdiction };
  }
}
