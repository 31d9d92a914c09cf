import { caseCommandBody } from '../dto/body';

export class RequestSubjectErasureDto extends caseCommandBody('RequestSubjectErasure', ['erasureId', 'subjectRef'], {
  legalGround: { description: 'The ground of UU 27/2022 the request rests on', example: 'CONSENT_WITHDRAWN' },
  reason: { description: 'Why, in words that do not repeat the person’s identity: the reason stays in the case after the erasure' },
}) {}

export class ApproveSubjectErasureDto extends caseCommandBody('ApproveSubjectErasure', ['erasureId'], {
  reason: { description: 'Why the erasure is approved; it cannot be undone' },
}) {}

export class RefuseSubjectErasureDto extends caseCommandBody('RefuseSubjectErasure', ['erasureId']) {}

export class PlaceLegalHoldDto extends caseCommandBody('PlaceLegalHold', ['holdId'], {
  basis: { description: 'What the hold rests on (a related investigation, an appeal, a court order)' },
}) {}

export class ReleaseLegalHoldDto extends caseCommandBody('ReleaseLegalHold', ['holdId']) {}
