import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { actingUnit } from '../shared/actor';
import { decideSharing, type SharingDecision } from '../shared/consent';
import { fail, requireOtherParticipantUnit, victimOf } from '../shared/guards';
import { configured, SERVICE_RULE, dueAfter } from '../deadlines/deadline-rules';
import type { ServiceKind, SharingPurpose } from '../vocabulary';

/** The purpose a consent must name for each kind of service. */
export const SERVICE_PURPOSE: Readonly<Record<ServiceKind, SharingPurpose>> = {
  MEDICAL_REHABILITATION: 'MEDICAL_CARE',
  SOCIAL_REHABILITATION: 'PSYCHOSOCIAL_SUPPORT',
  PSYCHOSOCIAL: 'PSYCHOSOCIAL_SUPPORT',
  SHELTER: 'SHELTER',
  LEGAL_AID: 'LEGAL_AID',
  REPATRIATION: 'REPATRIATION',
  SOCIAL_REINTEGRATION: 'REINTEGRATION',
  URGENT_CARE: 'MEDICAL_CARE',
};

/** Starts the 7-day clock of Law 21/2007 art. 52(2): the request time and due date go into the event. */
export const requestService = ({ data, metadata }: CaseCommandOf<'RequestService'>, state: OpenCaseState): CaseEvent[] => {
  const from = actingUnit(metadata);
  const earlier = state.services.get(data.serviceRequestId);
  if (earlier) {
    const same = earlier.subjectRef === data.subjectRef && earlier.kind === data.kind && earlier.providerUnitId === data.providerUnitId;
    return same ? [] : fail('ID_REUSED', `Service request ${data.serviceRequestId} already asks for something else`);
  }
  victimOf(state, data.subjectRef);

  let sharing: SharingDecision = { basis: { sharingBasis: 'OWN_UNIT', consentIds: [] }, override: [] };
  if (data.providerUnitId !== from.unitId) {
    requireOtherParticipantUnit(from.unitId, data.providerUnitId, data.providerAgencyType);
    sharing = decideSharing(state, {
      caseId: data.caseId,
      shareKind: 'SERVICE_REQUEST',
      shareId: data.serviceRequestId,
      to: { unitId: data.providerUnitId, agencyType: data.providerAgencyType },
      purpose: SERVICE_PURPOSE[data.kind],
      legalBasis: data.legalBasis,
      justification: data.justification,
      now: actedAt(metadata),
    });
  }
  return [
    ...sharing.override,
    caseEvent('ServiceRequested', {
      caseId: data.caseId,
      serviceRequestId: data.serviceRequestId,
      subjectRef: data.subjectRef,
      kind: data.kind,
      fromUnitId: from.unitId,
      providerUnitId: data.providerUnitId,
      providerAgencyType: data.providerAgencyType,
      requestedAt: actedAt(metadata),
      dueBy: dueAfter(actedAt(metadata), configured(SERVICE_RULE, 'SERVICE', metadata.deadlineDays)),
      dueRule: configured(SERVICE_RULE, 'SERVICE', metadata.deadlineDays).legalBasis,
      ...sharing.basis,
    }),
  ];
};
