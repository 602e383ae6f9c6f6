/**
 * Whom the bot has told to slow down, so that a user over the question limit is told once per
 * window and the questions refused after that get no reply at all: a flood of questions must
 * not become a flood of "slow down" messages. Kept per process, apart from the limit itself
 * (which may be shared by every instance through the state): with several instances a user is
 * told at most once per instance per window.
 */

/** Remembers, per user, when the bot last said "slow down". */
export class SlowDownNotices {
  private readonly told = new Map<string, number>();

  constructor(
    /** A user is told again only after this long. */
    private readonly windowMs = 60_000,
    /** Users remembered at most; beyond this the oldest notices are forgotten. */
    private readonly maxUsers = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether to tell `user` now; true marks them as told for the window. */
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
