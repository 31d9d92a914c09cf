import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Principal, UnitRegistry } from '@tppo/access';
import { caseEventRegistry, caseStreamId, OVERSIGHT_AGENCY_TYPES } from '@tppo/case-domain';
import type { EventStore, StoredEvent } from '@tppo/eventsourcing';
import { clocksOfHeaders, nodeSha256, verifierKeyText } from '@tppo/transparency';
import type { AppConfig } from '../config/app-config';
import { GetCase } from '../cases/get-case.query';
import { historyDiscloses } from '../cases/history-disclosure';
import { ProblemException } from '../errors/problem';
import { APP_CONFIG, EVENT_STORE, UNIT_REGISTRY } from '../infrastructure/tokens';
import { caseInJurisdiction, type JurisdictionView } from '../read/oversight';
import type { EvidenceBundle } from './evidence.controller';
import { assembleEvidence } from './evidence-bundle';
import { TransparencyLog } from './transparency-log.service';
import { checkpointView } from './transparency.controller';

export const EVIDENCE_FORMAT = 'tppo-evidence/1';

/** Builds a case's evidence bundle for a caller's audience: the evidence route and the undue-delay report share it. */
@Injectable()
export class EvidenceService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly log: TransparencyLog,
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(UNIT_REGISTRY) private readonly units: UnitRegistry,
  ) {}

  async bundle(caseId: string, principal: Principal, since?: number): Promise<EvidenceBundle> {
    const oversight = (OVERSIGHT_AGENCY_TYPES as readonly string[]).includes(principal.agencyType);
    let stored: StoredEvent[];
    let jurisdiction: JurisdictionView | undefined;
    if (oversight) {
      stored = await this.events.readStream(caseStreamId(caseId));
      jurisdiction = caseInJurisdiction(principal, stored.map((e) => caseEventRegistry.upcast(e)), this.units).jurisdiction;
    } else {
      // The same 404 as GET /cases/{id} for a unit outside the case.
      await this.queries.execute(new GetCase(caseId, principal));
      stored = await this.events.readStream(caseStreamId(caseId));
    }
    const file = this.log.store();
    const leaves = new Map(file.leavesOfStream(caseStreamId(caseId)).map((leaf) => [leaf.eventId, leaf]));
    const newest = Math.max(-1, ...[...leaves.values()].map((leaf) => leaf.leafIndex));
    // The first checkpoint that holds the whole case, or with ?since the newest (it must reach the kept one).
    const candidate = since === undefined ? file.checkpointCovering(newest + 1) : file.latestCheckpoint();
    let checkpoint = stored.every((e) => leaves.has(e.eventId)) && candidate && candidate.size > newest && candidate.size >= (since ?? 0) ? candidate : undefined;
    if (!checkpoint) {
      // The newest events are not in a checkpoint yet: sign one now, and take the leaves again.
      checkpoint = await this.log.checkpointNow();
      for (const leaf of file.leavesOfStream(caseStreamId(caseId))) leaves.set(leaf.eventId, leaf);
    }
    if (since !== undefined && since > checkpoint.size) {
      throw new ProblemException(409, 'KEPT_CHECKPOINT_AHEAD', 'The kept checkpoint is ahead of the log', `The log's checkpoint holds ${checkpoint.size} events, fewer than the ${since} of the one kept: ask again later, or the log was rolled back`);
    }
    const bundle = assembleEvidence({
      caseId,
      stored,
      leafIndexOf: (eventId) => leaves.get(eventId)?.leafIndex,
      checkpoint,
      node: file.node,
      shows: oversight ? () => true : (event) => historyDiscloses(caseEventRegistry.upcast(event).type, principal.agencyType),
      since,
    });
    if (bundle.caseEvents === 0) throw new ProblemException(503, 'LOG_BEHIND', 'The log is catching up', 'The case has no event in the log yet; try again in a moment');
    const generatedAt = new Date().toISOString();
    return {
      format: EVIDENCE_FORMAT,
      caseId,
      generatedAt,
      audience: { agencyType: principal.agencyType, unitId: principal.unitId },
      ...(jurisdiction ? { jurisdiction } : {}),
      log: { origin: this.config.transparency.origin, verifierKey: verifierKeyText(nodeSha256, this.config.transparency.origin, this.log.publicKey()) },
      checkpoint: checkpointView(checkpoint),
      ...bundle,
      clocks: clocksOfHeaders(bundle.events.map((event) => event.header), generatedAt),
      howToVerify: 'npm run -s verify-evidence -- <this file> --key "<verifier key obtained apart from this bundle>" [--checkpoint <a checkpoint note kept earlier>]',
    };
  }
}
