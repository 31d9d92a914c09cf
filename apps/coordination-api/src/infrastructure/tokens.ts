/** Injection tokens for the ports the HTTP edge uses. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const KEY_STORE = Symbol('KEY_STORE');
export const UNIT_REGISTRY = Symbol('UNIT_REGISTRY');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
export const STREAM_CACHE = Symbol('STREAM_CACHE');
/** The ids of events this process validated as it wrote them (ValidatedWrites). */
export const VALIDATED_WRITES = Symbol('VALIDATED_WRITES');
export const READ_STORE = Symbol('READ_STORE');
export const ACCESS_LOG = Symbol('ACCESS_LOG');
/** The wall clock read models compare due dates with (`{ now(): Date }`); tests move it. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): Date;
}
