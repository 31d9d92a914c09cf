/** A request that cannot be understood: unknown command or event type, malformed payload. */
export class MalformedMessageError extends Error {
  readonly code: 'UNKNOWN_COMMAND' | 'MALFORMED_COMMAND' | 'UNKNOWN_EVENT_TYPE' | 'MALFORMED_EVENT' | 'UNSUPPORTED_SCHEMA_VERSION';
  constructor(code: MalformedMessageError['code'], message: string, readonly details: readonly string[] = []) {
    super(message);
    this.name = 'MalformedMessageError';
    this.code = code;
  }
}

/** The caller's expected revision (If-Match) is not the stream's revision. */
export class StaleRevisionError extends Error {
  readonly code = 'STALE_REVISION';
  constructor(readonly streamId: string, readonly expected: number, readonly actual: number) {
    super(`Expected revision ${expected} but the case is at ${actual}`);
    this.name = 'StaleRevisionError';
  }
}

/** Concurrent writers kept winning after every retry. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(readonly streamId: string, readonly attempts: number) {
    super(`Stream ${streamId} kept changing during ${attempts} attempts`);
    this.name = 'ConcurrencyConflictError';
  }
}
