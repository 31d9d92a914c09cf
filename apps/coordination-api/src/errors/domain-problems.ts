import type { Problem } from './problem';

/** Maps domain and store errors to problems; filled in with the case domain's rule codes. */
export const domainProblem = (_error: unknown): Problem | undefined => undefined;
