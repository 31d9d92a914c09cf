import { caseCommandBody } from '../dto/body';

export class CloseCaseDto extends caseCommandBody('CloseCase') {}

export class ReopenCaseDto extends caseCommandBody('ReopenCase') {}

/** Which of these fields may change depends on the original event's type; the case domain checks that. */
export class CorrectEventDto extends caseCommandBody('CorrectEvent', ['eventId'], { corrected: { example: { sex: 'FEMALE' } } }) {}
