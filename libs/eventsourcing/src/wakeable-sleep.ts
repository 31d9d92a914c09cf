/**
 * The pause of the catch-up loop: it sleeps until its timer, or until `wake` is called (a stop, a
 * commit announced in the same process), whichever comes first.
 */
export class WakeableSleep {
  private waking: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waking = undefined;
        resolve();
      }, ms);
      this.waking = () => {
        clearTimeout(timer);
        this.waking = undefined;
        resolve();
      };
    });
  }

  /** Ends the current sleep now; does nothing while awake. */
  wake(): void {
    this.waking?.();
  }
}

/** The pause of the catch-up loop after `failures` failures in a row: 200 ms doubling, to `maxMs`. */
export const backoffMs = (failures: number, maxMs: number): number => Math.min(maxMs, 100 * 2 ** Math.min(failures, 10));
