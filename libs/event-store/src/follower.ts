import type { AllSubscription, SubscriptionMessage } from '@tppo/eventsourcing';

/** The reading side of one subscription, as each adapter keeps it. */
export interface Follower {
  /** Set by `stop`: the loop ends at its next turn. */
  stopped: boolean;
  /** Ends the current pause at once; set only while the loop pauses. */
  wake: (() => void) | undefined;
}

/** Waits `ms`, or less when something calls `follower.wake` (a stop, a commit). */
export const pause = (ms: number, follower: Follower): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      follower.wake = undefined;
      resolve();
    };
    const timer = setTimeout(done, ms);
    follower.wake = done;
  });

/**
 * The subscription over a follower's loop. `stop` must not wait for the loop's next turn, which a
 * pause or a quiet log can put off for long: it wakes the loop, lets the adapter cut what is under
 * way (`interrupt`), then ends the loop.
 */
export const subscriptionOf = (follower: Follower, messages: AsyncGenerator<SubscriptionMessage>, interrupt?: () => void): AllSubscription => ({
  [Symbol.asyncIterator]: () => messages,
  stop: async () => {
    follower.stopped = true;
    follower.wake?.();
    interrupt?.();
    await messages.return(undefined);
  },
});
