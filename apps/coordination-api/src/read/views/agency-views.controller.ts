import { Controller, Inject, Query, Res, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Principal } from '@tppo/access';
import { consentInForce } from '@tppo/case-domain';
import type { AgencySections, CaseFile, ClockMark, ConsentEntry } from '@tppo/read-models';
import type { FindOptions, ReadStore } from '@tppo/read-store';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../auth/principal';
import { ReadRoute } from '../../auth/read-route';
import { EnumField } from '../../cases/dto/fields';
import { CLOCK, type Clock, READ_STORE } from '../../infrastructure/tokens';
import { PageQuery } from '../page.query';
import {
  CarePage,
  type CareItem,
  INVESTIGATION_STAGES,
  LpskPage,
  type LpskItem,
  PolicePage,
  type PoliceItem,
  ProsecutionPage,
  type ProsecutionItem,
  type RestitutionDto,
  ServicesDuePage,
  type ServiceDueItem,
} from './agency-views.dto';
import { clockAt } from './clock-view';
import { discloseItem, VIEW_DISCLOSURE, type ViewName } from './view-disclosure';

export class WorklistQuery extends PageQuery {
  @EnumField(['open', 'closed'], { optional: true, description: 'Default open' }) status?: string;
}

export class PoliceWorklistQuery extends WorklistQuery {
  @EnumField(INVESTIGATION_STAGES, { optional: true }) stage?: string;
}

/** A unit's open cases are few; "services due" looks through at most this many. */
const SCAN_MAX = 1000;

/** The domain's rule, over the worklist's entry. */
const inForce = (consent: ConsentEntry, now: Date): boolean =>
  consentInForce({ withdrawn: consent.withdrawnAt !== undefined, expiresAt: consent.expiresAt }, now.toISOString());

const header = (file: CaseFile) => ({ caseId: file.caseId, regionCode: file.regionCode, leadUnitId: file.leadUnitId, status: file.status, revision: file.revision });

const restitutionOf = (s: AgencySections, now: Date): RestitutionDto => {
  const verdict = s.caseFile?.verdict;
  return {
    assessments: s.restitutionAssessments.map((a) => ({ ...a })),
    assessedTotal: s.restitutionAssessments.reduce((sum, a) => sum + a.amount, 0),
    missingFromDemand: s.caseFile?.indictment?.restitutionClaimed !== true,
    ...(verdict?.restitutionAmount !== undefined ? { orderedAmount: verdict.restitutionAmount } : {}),
    ...(verdict?.restitution
      ? { paid: verdict.restitution.paid, defaulted: verdict.restitution.defaulted, clock: clockAt(clockPart(verdict.restitution), now) }
      : {}),
  };
};

const clockPart = ({ startedAt, dueAt, rule, stoppedAt }: ClockMark): ClockMark => ({ startedAt, dueAt, rule, ...(stoppedAt !== undefined ? { stoppedAt } : {}) });

/** A worklist: for the agency types its view serves, of the caller's own cases. */
const Worklist = (path: string, { view, ...operation }: { view: ViewName; operationId: string; summary: string; type: Type<unknown> }): MethodDecorator =>
  ReadRoute({ path, ...operation, access: { audience: VIEW_DISCLOSURE[view].audience, scope: 'caller' }, problems: [400, 401, 403, 429, 503] });

/**
 * Each agency's worklist, from the case-file projection:
 * only cases the calling unit takes part in *and* holds the role the list is about, only for the
 * agency types the view's disclosure policy serves, only the fields it lists.
 */
@ApiTags('worklists')
@Controller('worklists')
export class AgencyViewsController {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Worklist('police', { view: 'police', operationId: 'GetPoliceWorklist', summary: 'Investigations of the calling police unit: SPDP, case-file and P-19 clocks, victims needed as witnesses', type: PolicePage })
  async police(@Query() query: PoliceWorklistQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<PolicePage> {
    const files = await this.files(principal, reply, query, { where: { policeUnitId: principal.unitId, ...(query.stage ? { investigationStage: query.stage } : {}) } });
    const now = this.clock.now();
    const items = files.map((file): PoliceItem => {
      const s = file.sections;
      const inv = s.investigation!;
      const consented = (subjectRef: string) =>
        s.consents.some(
          (c) => c.subjectRef === subjectRef && inForce(c, now) && c.dataCategories.includes('CONTACT') && (c.recipientAgencyTypes.includes('POLICE') || c.recipientUnitIds.includes(principal.unitId)),
        );
      return {
        ...header(file),
        investigation: { ...inv, spdp: clockAt(inv.spdp, now) },
        ...(s.caseFile
          ? {
              caseFile: {
                caseFileNumber: s.caseFile.caseFileNumber,
                prosecutorUnitId: s.caseFile.prosecutorUnitId,
                returns: s.caseFile.returns,
                review: clockAt(s.caseFile.review, now),
                ...(s.caseFile.resubmission ? { resubmission: clockAt(s.caseFile.resubmission, now) } : {}),
              },
            }
          : {}),
        witnesses: s.witnesses.map((w) => ({ ...w, contactConsented: w.role === 'WITNESS' || consented(w.subjectRef) })),
      };
    });
    return { items: items.map((item) => discloseItem('police', item) as PoliceItem), limit: query.limit ?? 50, offset: query.offset ?? 0 };
  }

  @Worklist('care', { view: 'care', operationId: 'GetCareWorklist', summary: 'Victims in the calling unit’s care: consents in force, services and their 7-day clocks, shelter placements', type: CarePage })
  async care(@Query() query: WorklistQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<CarePage> {
    const files = await this.files(principal, reply, query, { contains: { careUnitIds: principal.unitId } });
    const now = this.clock.now();
    const items = files.map((file) => discloseItem('care', this.careItem(file, now)) as CareItem);
    return { items, limit: query.limit ?? 50, offset: query.offset ?? 0 };
  }

  @Worklist('care/services-due', { view: 'care', operationId: 'GetServicesDue', summary: 'Services the calling unit provides that are not yet delivered, soonest due first', type: ServicesDuePage })
  async servicesDue(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ServicesDuePage> {
    const files = await this.files(principal, reply, { limit: SCAN_MAX, offset: 0 }, { contains: { careUnitIds: principal.unitId } });
    const now = this.clock.now();
    const items: ServiceDueItem[] = files
      .flatMap((file) => file.sections.services.filter((x) => x.providerUnitId === principal.unitId && x.clock.stoppedAt === undefined).map((x) => ({ caseId: file.caseId, ...x, clock: clockAt(x.clock, now) })))
      .sort((a, b) => a.clock.dueAt.localeCompare(b.clock.dueAt));
    return { items };
  }

  @Worklist('prosecution', { view: 'prosecution', operationId: 'GetProsecutionWorklist', summary: 'Case files the calling prosecutor unit received: days left to review, restitution not yet in the demand', type: ProsecutionPage })
  async prosecution(@Query() query: WorklistQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProsecutionPage> {
    const files = await this.files(principal, reply, query, { where: { prosecutorUnitId: principal.unitId } });
    const now = this.clock.now();
    const items = files.map((file): ProsecutionItem => {
      const s = file.sections;
      const { verdict: _verdict, resubmission: _resubmission, prosecutorUnitId: _me, ...caseFile } = s.caseFile!;
      return {
        ...header(file),
        caseFile: { ...caseFile, stage: s.investigation?.stage ?? 'file_under_review', review: clockAt(caseFile.review, now) },
        restitution: restitutionOf(s, now),
      };
    });
    return { items: items.map((item) => discloseItem('prosecution', item) as ProsecutionItem), limit: query.limit ?? 50, offset: query.offset ?? 0 };
  }

  @Worklist('lpsk', { view: 'lpsk', operationId: 'GetLpskWorklist', summary: 'Protection requests to the calling LPSK unit and the restitution of their cases', type: LpskPage })
  async lpsk(@Query() query: WorklistQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<LpskPage> {
    const files = await this.files(principal, reply, query, { contains: { lpskUnitIds: principal.unitId } });
    const now = this.clock.now();
    const items = files.map(
      (file): LpskItem => ({
        ...header(file),
        protectionRequests: file.sections.lpskRequests
          .filter((r) => r.lpskUnitId === principal.unitId)
          .map(({ decidedMeasures, ...r }) => ({ ...r, measures: [...r.measures], ...(decidedMeasures ? { decidedMeasures: [...decidedMeasures] } : {}) })),
        restitution: restitutionOf(file.sections, now),
      }),
    );
    return { items: items.map((item) => discloseItem('lpsk', item) as LpskItem), limit: query.limit ?? 50, offset: query.offset ?? 0 };
  }

  private careItem(file: CaseFile, now: Date): CareItem {
    const s = file.sections;
    return {
      ...header(file),
      victims: s.victims.map((v) => ({ ...v })),
      consentsInForce: s.consents
        .filter((c) => inForce(c, now))
        .map(({ withdrawnAt: _w, ...c }) => ({ ...c, recipientAgencyTypes: [...c.recipientAgencyTypes], recipientUnitIds: [...c.recipientUnitIds], purposes: [...c.purposes], dataCategories: [...c.dataCategories] })),
      services: s.services.map((x) => ({ ...x, clock: clockAt(x.clock, now) })),
      placements: s.placements.filter((p) => p.endedAt === undefined).map(({ endedAt: _e, ...p }) => p),
    };
  }

  /** The case files of the caller's role (the AuthGuard checked the view's audience); participation is required on top. */
  private async files(principal: Principal, reply: FastifyReply, page: PageQuery & { status?: string }, role: Pick<FindOptions, 'where' | 'contains'>): Promise<CaseFile[]> {
    void reply.header('cache-control', 'no-store');
    return this.reads.find<CaseFile>('case-file', {
      where: { status: page.status ?? 'open', ...role.where },
      contains: { participants: principal.unitId, ...role.contains },
      orderBy: 'lastEventAt',
      limit: page.limit ?? 50,
      offset: page.offset ?? 0,
    });
  }
}
