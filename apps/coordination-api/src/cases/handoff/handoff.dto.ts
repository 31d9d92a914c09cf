import { caseCommandBody } from '../dto/body';
import { OVERRIDE_DOCS } from '../dto/sharing';

/** The receiving unit's agency type comes from the unit registry. */
export class ProposeLeadHandoffDto extends caseCommandBody('ProposeLeadHandoff', ['handoffId', 'toAgencyType'], {
  ...OVERRIDE_DOCS,
  toUnitId: { description: 'A unit of the registry', example: 'uptd-ppa-nunukan' },
}) {}

export class AcceptLeadHandoffDto extends caseCommandBody('AcceptLeadHandoff', ['handoffId']) {}
export class DeclineLeadHandoffDto extends caseCommandBody('DeclineLeadHandoff', ['handoffId']) {}

/** Issued by the unit that now has the person; `fromUnitId` handed them over. */
export class RecordCustodyTransferDto extends caseCommandBody('RecordCustodyTransfer', ['subjectRef']) {}
