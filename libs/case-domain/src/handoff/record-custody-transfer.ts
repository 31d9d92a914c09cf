import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail, victimOf } from '../shared/guards';

/** Serah terima korban: the receiving unit confirms it has the person, not the sender's say-so. */
export const recordCustodyTransfer = ({ data, metadata }: CaseCommandOf<'RecordCustodyTransfer'>, state: OpenCaseState): CaseEvent[] => {
  victimOf(state, data.subjectRef);
  if (data.fromUnitId === metadata.actor.unitId) fail('SELF_ADDRESSED', `Unit ${data.fromUnitId} cannot hand the person over to itself`);
  return [
    caseEvent('PhysicalCustodyTransferred', {
      caseId: data.caseId,
      subjectRef: data.subjectRef,
      fromUnitId: data.fromUnitId,
      toUnitId: metadata.actor.unitId,
      transferredAt: actedAt(metadata),
    }),
  ];
};
