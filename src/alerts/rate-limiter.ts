import type { Clock } from './clock';

/** Limits: at most `perConversation` messages per conversation and `overall` messages in any window of `windowMs`. */
export interface RateLimits {
  perConversation: number;
  overall: number;
  windowMs: number;
}

/** Teams' documented proactive limits, with margin: 7 per second per conversation, 50 per second overall. */
export const TEAMS_RATE_LIMITS: RateLimits = { perConversation: 7, overall: 50, windowMs: 1000 };

/**
 * A sliding-window limiter: `run` sends a message when it may go out, and counts it.
 * The check and the count happen in one synchronous step, so concurrent senders cannot both
 * take the last slot.
 */
export class RateLimiter {
  private readonly overall: number[] = [];
  private readonly byConversation = new Map<string, number[]>();

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock,
  ) {
    if (limits.perConversation < 1 || limits.overall < 1 || limits.windowMs <= 0) {
      throw new Error('rate limits must be positive');
    }
  }

  // A slot frees one millisecond after a full window: clocks tick in whole milliseconds, so
  // "exactly one window later" could be a little less than a window of real time.
  private waitFor(stamps: number[], limit: number, now: number): number {
    while (stamps.length > 0 && (stamps[0] as number) + this.limits.windowMs < now) stamps.shift();
    return stamps.length < limit ? 0 : (stamps[0] as number) + this.limits.windowMs + 1 - now;
  }

  /**
   * Waits for a slot for this conversation, takes it, and starts `send` in the same tick: no
   * other work can slip in between counting a message and sending it, so the count matches
   * what the channel sees.
   */
  async run<T>(conversationId: string, send: () => Promise<T>): Promise<T> {
    for (;;) {
      const now = this.clock.now();
      let conv = this.byConversation.get(conversationId);
      if (!conv) {
        conv = [];
        this.byConversation.set(conversationId, conv);
      }
      const wait = Math.max(
        this.waitFor(this.overall, this.limits.overall, now),
        this.waitFor(conv, this.limits.perConversation, now),
      );
      if (wait <= 0) {
        this.overall.push(now);
        conv.push(now);
        return send();
      }
      await this.clock.sleep(wait);
    }
  }
}
