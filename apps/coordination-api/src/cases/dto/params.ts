import { id } from '@tppo/case-domain';
import { dtoOf } from './body';

const CASE = { caseId: { description: 'The case id' } };

export class CaseParams extends dtoOf('CaseParams', { caseId: id }, CASE) {}

export class SubjectParams extends dtoOf('SubjectParams', { caseId: id, subjectRef: id }, { ...CASE, subjectRef: { description: 'Pseudonymous ref of a person in the case' } }) {}

/** The path of a route on one thing of a case: the case id, and the thing's id named `name`. */
export const caseThingParams = <N extends string>(className: string, name: N, description?: string) =>
  dtoOf(className, { caseId: id, [name]: id } as { readonly caseId: typeof id } & { readonly [K in N]: typeof id }, { ...CASE, [name]: { description } } as never);
