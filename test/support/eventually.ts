export interface EventuallyOptions {
  /** Named in the failure message: "timed out after 4000 ms waiting for <what>". */
  readonly what: string;
  /**
   * 4 s unless told: under jest's own 5 s per test (the projects' testTimeout does not apply), so a
   * wait that fails says what it waited for instead of jest's bare "Exceeded timeout".
   */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** A reason to stop at once (a child process that exited, a consumer that failed), or undefined to go on. */
  readonly giveUpIf?: () => string | undefined;
}

/**
 * Asks `check` again and again until it passes, then resolves with what it returned. A check fails
 * by throwing (an `expect` that does not hold yet) or by returning `false`. Past the deadline it
 * rejects with what it waited for and the check's last error, so a red test says why.
 * Read models, child processes and brokers get there in their own time: a deadline, never a sleep.
 */
export const eventually = async <T>(check: () => T | Promise<T>, { what, timeoutMs = 4_000, intervalMs = 20, giveUpIf }: EventuallyOptions): Promise<Exclude<T, false>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: unknown;
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
      last = 'the check returned false';
    } catch (error) {
      last = error;
    }
    const reason = last instanceof Error ? last.message : String(last);
    const givenUp = giveUpIf?.();
    if (givenUp !== undefined) throw new Error(`gave up waiting for ${what}: ${givenUp}; last: ${reason}`, { cause: last });
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${reason}`, { cause: last });
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};
