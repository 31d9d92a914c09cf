import { IdField } from './fields';

export class CaseParams {
  @IdField({ description: 'The case id' }) caseId!: string;
}

export class SubjectParams extends CaseParams {
  @IdField({ description: 'Pseudonymous ref of a person in the case' }) subjectRef!: string;
}
