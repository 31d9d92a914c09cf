/** Ends every switch over a union: adding a member breaks the build until it is handled. */
export const assertNever = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};
