import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Principal, UnitRegistry } from '@tppo/access';
import { caseDecider, caseEventRegistry, caseStreamId, isErased, oneOf, optional, participates, type CaseState, type SubjectRole } from '@tppo/case-domain';
import { loadStream, type EventStore, type StoredEvent } from '@tppo/eventsourcing';
import { PersonalDataProtector } from '@tppo/protected-data';
import { whereaboutsOf } from '@tppo/read-models';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, CASE_PARTICIPANTS } from '../auth/access-policy';
import { CurrentPrincipal } from '../auth/principal';
import { Reports } from '../auth/reports.decorator';
import { dtoOf } from '../cases/dto/body';
import { SubjectParams } from '../cases/dto/params';
import { ProblemException } from '../errors/problem';
import { ApiProblems } from '../errors/problem.dto';
import { ACCESS_LOG, EVENT_STORE, UNIT_REGISTRY } from '../infrastructure/tokens';
import { jurisdictionGrounds } from '../read/oversight';
import { type AccessLogStore, type AccessOutcome, type AccessRecord, recordAccess } from './access-log.store';
import { EXPORT_PURPOSE_PREFIX, fieldsNaming, type IdentityAccess, SUBJECT_ACCESS_PURPOSES, SUBJECT_REF_FIELDS, type SubjectAccessExport, type SubjectEvent, subjectAccessHtml, type UnitRef } from './subject-access-document';

/**
 * Besides the lead unit, only the ministry exports, and only the people whose identity follows
 * consent: a witness's or a suspect's follows criminal procedure (Law 21/2007 art. 44), for the lead.
 */
const MINISTRY_EXPORTS: readonly SubjectRole[] = ['VICTIM', 'GUARDIAN'];

export class SubjectAccessQuery extends dtoOf(
  'SubjectAccessQuery',
  { purpose: oneOf(SUBJECT_ACCESS_PURPOSES), format: optional(oneOf(['json', 'html'])) },
  {
    purpose: { description: 'Who asked for the copy; recorded in the access log' },
    format: { description: 'json (the default) or html, a printable document in Bahasa Indonesia and English' },
  },
) {}

class UnitRefView implements UnitRef {
  @ApiProperty() unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() agencyType!: string;
}

class SubjectEventView implements SubjectEvent {
  @ApiProperty() eventId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: UnitRefView, description: 'The unit that recorded it' }) by!: UnitRefView;
  @ApiProperty({ type: String, isArray: true, enum: SUBJECT_REF_FIELDS, description: 'The fields of the event that hold the ref' }) namedAs!: string[];
}

class IdentityAccessView implements IdentityAccess {
  @ApiProperty() at!: string;
  @ApiProperty({ type: UnitRefView }) by!: UnitRefView;
  @ApiProperty({ description: `The stated purpose; an export reads ${EXPORT_PURPOSE_PREFIX}<purpose>` }) purpose!: string;
  @ApiProperty({ enum: ['GRANTED', 'DENIED', 'ERASED', 'NOT_FOUND'] }) outcome!: string;
}

class SubjectAccessExportView implements SubjectAccessExport {
  @ApiProperty() caseId!: string;
  @ApiProperty() subjectRef!: string;
  @ApiProperty({ enum: ['VICTIM', 'GUARDIAN', 'WITNESS', 'SUSPECT'] }) role!: string;
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ enum: SUBJECT_ACCESS_PURPOSES }) purpose!: string;
  @ApiProperty({ type: UnitRefView }) exportedBy!: UnitRefView;
  @ApiProperty({ description: 'The identity as recorded (name, identity number, contact …)', type: 'object', additionalProperties: true }) identity!: Record<string, unknown>;
  @ApiProperty({ type: SubjectEventView, isArray: true, description: 'The events of the case that name the person, oldest first' }) events!: SubjectEventView[];
  @ApiProperty({ type: IdentityAccessView, isArray: true, description: "Every attempt to read the person's identity, this export included, oldest first" }) identityAccess!: IdentityAccessView[];
}

/** The printable page carries its own styles and nothing else: no script, no outside resource. */
const DOCUMENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

const LOG_PAGE = 500;

/**
 * A subject access request (Law 27/2022): everything the case holds about one person, for the lead
 * unit or the ministry to hand to them. The export is an identity read: it is in the access log,
 * whatever its outcome, before anything is answered.
 */
@ApiTags('personal data')
@ApiBearerAuth('bearer')
@Reports()
@Controller('cases/:caseId/subjects/:subjectRef')
export class SubjectAccessController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCESS_LOG) private readonly log: AccessLogStore,
    private readonly protector: PersonalDataProtector,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
  ) {}

  @Get('access-export')
  @Access({ audience: [...CASE_PARTICIPANTS, 'MINISTRY'], scope: 'case-audience' })
  @ApiOperation({
    operationId: 'ExportSubjectData',
    summary: 'Everything the case holds about one person: identity, the events naming them, the reads of their identity (lead unit or MINISTRY; recorded in the access log)',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiExtraModels(SubjectAccessExportView)
  @ApiOkResponse({
    description: 'The export as JSON, or with format=html a self-contained printable page',
    content: { 'application/json': { schema: { $ref: getSchemaPath(SubjectAccessExportView) } }, 'text/html': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 404, 410, 429, 503)
  async export(
    @Param() { caseId, subjectRef }: SubjectParams,
    @Query() { purpose, format }: SubjectAccessQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubjectAccessExportView | string> {
    const exportedAt = new Date().toISOString();
    const record = (outcome: AccessOutcome, role: string | null): void => {
      const entry: AccessRecord = {
        at: exportedAt, caseId, subjectRef, role, purpose: `${EXPORT_PURPOSE_PREFIX}${purpose}`, outcome,
        userId: principal.userId, unitId: principal.unitId, agencyType: principal.agencyType, requestId: String(request.id),
      };
      recordAccess(this.log, entry);
    };
    // One read for both: the state decides access, the events are what the person is told about.
    const { state, events } = await loadStream(this.store, caseDecider, caseStreamId(caseId), caseEventRegistry);
    const subject = state.status === 'none' ? undefined : state.subjects.get(subjectRef);
    if (state.status === 'none' || !this.reaches(state, events, principal) || !subject) {
      record('NOT_FOUND', null);
      throw new ProblemException(404, 'NOT_FOUND', 'Not found', 'No such case or person');
    }
    const leads = state.leadUnitId === principal.unitId;
    // The lead reads every identity of its case without a consent, as on the identity route.
    if (!leads && !(principal.agencyType === 'MINISTRY' && MINISTRY_EXPORTS.includes(subject.role))) {
      record('DENIED', subject.role);
      throw new ProblemException(403, 'NOT_LEAD_UNIT', 'Forbidden', `Only the lead unit${MINISTRY_EXPORTS.includes(subject.role) ? ' or the ministry' : ''} exports the data of this ${subject.role.toLowerCase()}`);
    }
    // As on the identity route: the case's SubjectErased comes first, its key may outlive it by a crash.
    const identity = isErased(state, subjectRef) ? undefined : await this.protector.open(subject.identity);
    if (typeof identity !== 'object' || identity === null || Array.isArray(identity) || 'erased' in identity) {
      record('ERASED', subject.role);
      throw new ProblemException(410, 'SUBJECT_ERASED', 'Gone', 'This person’s data was erased');
    }
    record('GRANTED', subject.role);
    const doc: SubjectAccessExport = {
      caseId, subjectRef, role: subject.role, exportedAt, purpose, exportedBy: this.unitRef(principal.unitId, principal.agencyType),
      identity: identity as Record<string, unknown>,
      events: this.eventsNaming(events, subjectRef),
      identityAccess: this.accessTo(caseId, subjectRef),
    };
    void reply.header('cache-control', 'no-store');
    if (format !== 'html') return doc as SubjectAccessExportView;
    void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', DOCUMENT_POLICY);
    return subjectAccessHtml(doc);
  }

  /** A participant for its own case; the ministry for any case of its jurisdiction (the nation). */
  private reaches(state: Exclude<CaseState, { readonly status: 'none' }>, events: readonly StoredEvent[], principal: Principal): boolean {
    if (principal.agencyType !== 'MINISTRY') return participates(state, principal.unitId);
    const where = whereaboutsOf(events);
    return where !== undefined && jurisdictionGrounds(principal.regionCode, where, (unitId) => this.units.get(unitId)?.regionCode).length > 0;
  }

  private eventsNaming(events: readonly StoredEvent[], subjectRef: string): SubjectEvent[] {
    return events.flatMap((e) => {
      const namedAs = fieldsNaming(e.data, subjectRef);
      if (namedAs.length === 0) return [];
      return [{ eventId: e.eventId, revision: e.revision, type: e.type, occurredAt: e.occurredAt, recordedAt: e.recordedAt, by: this.unitRef(e.actor.unitId, e.actor.agencyType), namedAs }];
    });
  }

  /** Every attempt on this person's identity, from the case's log; the officer's user id stays in the log. */
  private accessTo(caseId: string, subjectRef: string): IdentityAccess[] {
    const found: IdentityAccess[] = [];
    for (let offset = 0; ; offset += LOG_PAGE) {
      const page = this.log.ofCase(caseId, LOG_PAGE, offset);
      for (const r of page) if (r.subjectRef === subjectRef) found.push({ at: r.at, by: this.unitRef(r.unitId, r.agencyType), purpose: r.purpose, outcome: r.outcome });
      if (page.length < LOG_PAGE) return found;
    }
  }

  private unitRef(unitId: string, agencyType: string): UnitRef {
    return { unitId, unitName: this.units.get(unitId)?.name ?? unitId, agencyType };
  }
}
