import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { requireFileHolder } from './investigation-stage';

/**
 * Pelimpahan to the court: the court unit takes part from now on. Whether restitution is claimed is
 * recorded because Law 21/2007 art. 48 makes restitution the victim's right, and prosecutors forget it.
 */
export const fileIndictment = ({ data, metadata }: CaseCommandOf<'FileIndictment'>, state: OpenCaseState): CaseEvent[] => {
  const inv = state.investigation;
  if (inv.stage !== 'handed_over') return fail('SUSPECT_NOT_HANDED_OVER', `Suspect and evidence of ${state.caseId} are not handed over (tahap II)`);
  requireFileHolder(inv, metadata.actor.unitId);
  if (data.courtAgencyType !== 'COURT') fail('WRONG_RECIPIENT_TYPE', `${data.courtUnitId} is ${data.courtAgencyType}, not COURT`);
  return [
    caseEvent('IndictmentFiled', {
      caseId: data.caseId,
      indictmentNumber: data.indictmentNumber,
      courtUnitId: data.courtUnitId,
      restitutionClaimed: data.restitutionClaimed,
      restitutionAmount: data.restitutionAmount,
      filedAt: actedAt(metadata),
    }),
  ];
};
