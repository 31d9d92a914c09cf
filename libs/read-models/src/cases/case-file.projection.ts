import { CASE_EVENT_SPECS, caseDecider, participantsOf, type CaseEvent, type CaseState } from '@tppo/case-domain';
import type { JsonValue } from '@tppo/eventsourcing';
import type { Projection } from '../projection';
import { type AgencySections, careUnitsOf, EMPTY_SECTIONS, evolveSections } from './agency-sections';
import { decodeState, encodeState } from './state-codec';

/**
 * One document per case: a summary each participating unit can list, who takes part (for the
 * query "my cases"), and the domain's folded state it is computed from.
 */
export interface CaseFile {
  readonly caseId: string;
  readonly status: 'open' | 'closed';
  readonly regionCode: string;
  readonly openedAt: string;
  readonly leadUnitId: string;
  readonly leadAgencyType: string;
  readonly participants: readonly string[];
  readonly victims: number;
  readonly children: number;
  readonly investigationStage: string;
  readonly pendingReferralsTo: readonly string[];
  readonly activeShelterPlacements: number;
  readonly lastEventAt: string;
  readonly revision: number;
  /** The unit investigating ('' before an investigation): the police worklist's key. */
  readonly policeUnitId: string;
  /** The prosecutor unit holding the case file ('' before one is submitted): the prosecution worklist's key. */
  readonly prosecutorUnitId: string;
  /** Units with a victim of the case in their care (shelter, services, a service unit as lead). */
  readonly careUnitIds: readonly string[];
  /** LPSK units asked for protection. */
  readonly lpskUnitIds: readonly string[];
  /** What each agency's worklist shows, folded from the events; the API discloses it per agency type. */
  readonly sections: AgencySections;
  readonly state: JsonValue;
}

/**
 * Decoding and encoding the whole state for every event made a rebuild quadratic in a case's length:
 * the state a file was made from is remembered beside it, and encoded only when the file is written.
 */
const folded = new WeakMap<CaseFile, CaseState>();

const stateOf = (file: CaseFile | null): CaseState => {
  if (!file) return caseDecider.initialState();
  return folded.get(file) ?? (decodeState(file.state) as CaseState);
};

/** A file whose `state` is encoded on first read (JSON.stringify, when the projector writes it). */
const fileWith = (summary: Omit<CaseFile, 'state'>, state: CaseState): CaseFile => {
  let encoded: JsonValue | undefined;
  const file = Object.defineProperty({ ...summary } as CaseFile, 'state', { enumerable: true, get: () => (encoded ??= encodeState(state)) });
  folded.set(file, state);
  return file;
};

export const caseFileProjection: Projection<CaseFile> = {
  name: 'case-file',
  version: 2,
  // Every case event changes the state.
  canHandle: Object.keys(CASE_EVENT_SPECS),
  documentIds: (event) => (event.streamId.startsWith('case-') ? [event.streamId.slice('case-'.length)] : []),
  evolve: (file, event) => {
    // A redelivered event is already in the state.
    if (file && event.revision <= file.revision) return file;
    const before = stateOf(file);
    const state = caseDecider.evolve(before, { type: event.type, data: event.data } as CaseEvent, {
      eventId: event.eventId,
      revision: event.revision,
      actor: event.actor,
      commandId: event.causationId,
      occurredAt: event.occurredAt,
    });
    if (state.status === 'none') return file;
    const opened = event.type === 'CaseOpened' ? event : undefined;
    const sections = evolveSections(file?.sections ?? EMPTY_SECTIONS, event, (eventId) => before.status === 'none' ? undefined : before.events.get(eventId)?.subjectRef);
    return fileWith(
      {
        caseId: state.caseId,
        status: state.status,
        regionCode: opened ? String(opened.data['regionCode']) : (file?.regionCode ?? ''),
        openedAt: opened ? String(opened.data['openedAt']) : (file?.openedAt ?? event.occurredAt),
        leadUnitId: state.leadUnitId,
        leadAgencyType: state.leadAgencyType,
        participants: participantsOf(state),
        victims: state.victims.size,
        children: [...state.victims.values()].filter((v) => v.isChild).length,
        investigationStage: state.investigation.stage,
        pendingReferralsTo: [...state.referrals.values()].filter((r) => r.status === 'pending').map((r) => r.toUnitId),
        activeShelterPlacements: [...state.placements.values()].filter((p) => p.active).length,
        lastEventAt: event.occurredAt,
        revision: event.revision,
        policeUnitId: sections.investigation?.policeUnitId ?? '',
        prosecutorUnitId: sections.caseFile?.prosecutorUnitId ?? '',
        careUnitIds: careUnitsOf(sections, { unitId: state.leadUnitId, agencyType: state.leadAgencyType }),
        lpskUnitIds: [...new Set(sections.lpskRequests.map((r) => r.lpskUnitId))],
        sections,
      },
      state,
    );
  },
};
