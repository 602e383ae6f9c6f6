/**
 * Whom the bot has told to slow down, so that a user over the question limit is told once per
 * window and the questions refused after that get no reply at all: a flood of questions must
 * not become a flood of "slow down" messages. One process keeps the notices itself; instances
 * sharing their state (PostgreSQL) keep them in the shared buckets, so a user whose questions
 * are spread over instances is still told once per window, not once per instance.
 */
import type { SharedBuckets } from './question-rate-limit';

/** Decides whether to tell a user over the limit to slow down. */
export interface SlowDownNoticer {
  /** Whether to tell `user` now; true marks them as told for the window. */
  shouldTell(user: string): boolean | Promise<boolean>;
}

/** The default window: a user is told at most once a minute. */
export const SLOW_DOWN_WINDOW_MS = 60_000;

/** Remembers, per user, when this process last said "slow down". */
export class SlowDownNotices implements SlowDownNoticer {
  private readonly told = new Map<string, number>();

  constructor(
    /** A user is told again only after this long. */
    private readonly windowMs = SLOW_DOWN_WINDOW_MS,
    /** Users remembered at most; beyond this the oldest notices are forgotten. */
    private readonly maxUsers = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  shouldTell(user: string): boolean {
    const now = this.now();
    const last = this.told.get(user);
    if (last !== undefined && now - last < this.windowMs) return false;
    // Re-inserting keeps the map oldest first, for forgetting.
    this.told.delete(user);
    this.told.set(user, now);
    while (this.told.size > this.maxUsers) {
      const oldest = this.told.keys().next();
      if (oldest.done) break;
      this.told.delete(oldest.value);
    }
    return true;
  }
}

/**
 * The notices in buckets every instance shares: a bucket of one token that refills once per
 * window is exactly "at most once per window", and taking it is atomic across instances. When
 * the shared buckets cannot be reached, this process's own notices decide (at most once per
 * instance per window) and `onError` hears about it.
 */
export class SharedSlowDownNotices implements SlowDownNoticer {
  private readonly local: SlowDownNotices;

  constructor(
    private readonly buckets: SharedBuckets,
    private readonly windowMs = SLOW_DOWN_WINDOW_MS,
    private readonly onError: (err: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.local = new SlowDownNotices(windowMs, 10_000, now);
  }

  async shouldTell(user: string): Promise<boolean> {
    try {
      const decision = await this.buckets.take(
        `slow-down:${user}`,
        { perMinute: 60_000 / this.windowMs, burst: 1 },
        this.now(),
      );
      return decision.allowed;
    } catch (err) {
      this.onError(err);
      return this.local.shouldTell(user);
    }
  }
}
