export class SealedValueError extends Error {
  readonly code = 'SEALED_VALUE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SealedValueError';
  }
}
