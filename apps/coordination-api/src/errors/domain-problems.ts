import { ConcurrencyConflictError, EventStoreError, MalformedMessageError, StaleRevisionError } from '@tppo/eventsourcing';
import { KeyStoreError } from '@tppo/protected-data';
import { type Problem, problemType } from './problem';
import { caseRuleProblem } from './case-rule-status';

/** Maps errors from the core, the stores and the case domain to problems; undefined for anything else. */
export const domainProblem = (error: unknown): Problem | undefined => {
  const fromCase = caseRuleProblem(error);
  if (fromCase) return fromCase;
  if (error instanceof MalformedMessageError) {
    return problem(400, error.code, 'Bad request', error.message);
  }
  if (error instanceof StaleRevisionError) {
    return problem(412, error.code, 'Precondition failed', `The case is at revision ${error.actual}, not ${error.expected}`);
  }
  if (error instanceof ConcurrencyConflictError) {
    return problem(409, error.code, 'Conflict', 'The case kept changing while this command was decided; retry');
  }
  if (error instanceof EventStoreError) {
    // Never name the stream or the store's internals.
    return error.code === 'WRONG_EXPECTED_REVISION'
      ? problem(409, 'CONCURRENCY_CONFLICT', 'Conflict', 'The case changed while this command was decided; retry')
      : problem(503, 'STORE_UNAVAILABLE', 'Service unavailable', 'The event store is not available');
  }
  if (error instanceof KeyStoreError) {
    return error.code === 'KEY_DESTROYED'
      ? problem(409, 'SUBJECT_ERASED', 'Conflict', "This data subject's personal data was erased")
      : problem(503, 'KEY_STORE_UNAVAILABLE', 'Service unavailable', 'Protected data cannot be handled right now');
  }
  return undefined;
};

const problem = (status: number, code: string, title: string, detail: string): Problem => ({ type: problemType(code), title, status, code, detail });
