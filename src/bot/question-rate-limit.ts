/**
 * Per-user limit on questions: a token bucket for each user, so that one person (or a script
 * behind one account) cannot take the bot's time from everyone else. Memory stays bounded: a
 * bucket that has filled up again is the same as no bucket, and is dropped first. A user over
 * the limit is told so once per window; the questions refused after that get no reply at all,
 * so a flood of questions cannot become a flood of "slow down" messages.
 */

/** How many questions a user may ask. */
export interface QuestionRateLimitOptions {
  /** Sustained questions per minute per user; 0 turns the limit off. */
  perMinute: number;
  /** Questions a user may ask at once after a quiet spell (the bucket's size). */
  burst: number;
  /** Users tracked at most; beyond this the idlest buckets are forgotten. */
  maxUsers?: number;
  /** A user over the limit is told so at most once in this long (default one minute). */
  noticeWindowMs?: number;
  /** Clock in milliseconds (tests pass their own). */
  now?: () => number;
}

/**
 * The outcome of asking for one question; a refusal says whether to tell the user (the first
 * refusal of a window) or to drop the question quietly.
 */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number; tell: boolean };

interface Bucket {
  tokens: number;
  at: number;
  /** When the user was last told to slow down; null = not since the window passed. */
  toldAt: number | null;
}

/** Defaults: a person asks a few questions a minute; ten at once is already a lot. */
export const DEFAULT_QUESTION_RATE: Pick<QuestionRateLimitOptions, 'perMinute' | 'burst'> = {
  perMinute: 20,
  burst: 10,
};

/** Token buckets keyed by user. */
export class QuestionRateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly burst: number;
  private readonly maxUsers: number;
  private readonly noticeWindowMs: number;
  private readonly now: () => number;

  constructor(options: QuestionRateLimitOptions) {
    // Bad options fail here, at start, not at the first question.
    if (!Number.isFinite(options.perMinute) || options.perMinute < 0)
      throw new RangeError('perMinute must be 0 (off) or more');
    if (!Number.isInteger(options.burst) || options.burst < 1)
      throw new RangeError('burst must be 1 or more');
    this.perMs = options.perMinute / 60_000;
    this.burst = options.burst;
    this.maxUsers = options.maxUsers ?? 10_000;
    this.noticeWindowMs = options.noticeWindowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Whether the limit is on at all. */
  get enabled(): boolean {
    return this.perMs > 0;
  }

  /** Takes one question from `user`'s allowance, or says how long until the next one is allowed. */
  take(user: string): RateDecision {
    if (!this.enabled) return { allowed: true };
    const now = this.now();
    const bucket = this.refilled(this.buckets.get(user), now);
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(user);
    if (bucket.tokens >= 1) {
      this.buckets.set(user, { ...bucket, tokens: bucket.tokens - 1, at: now });
      this.evict(now);
      return { allowed: true };
    }
    const tell = bucket.toldAt === null || now - bucket.toldAt >= this.noticeWindowMs;
    this.buckets.set(user, tell ? { ...bucket, toldAt: now } : bucket);
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.perMs), tell };
  }

  /** Users currently tracked (for tests and health). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.burst, at: now, toldAt: null };
    const elapsed = Math.max(0, now - bucket.at);
    return { ...bucket, tokens: Math.min(this.burst, bucket.tokens + elapsed * this.perMs), at: now };
  }

  private evict(now: number): void {
    if (this.buckets.size <= this.maxUsers) return;
    for (const [user, bucket] of this.buckets) {
      if (this.buckets.size <= this.maxUsers) return;
      // Full again (or the oldest when none is): forgetting it changes nothing for that user.
      if (this.refilled(bucket, now).tokens >= this.burst) this.buckets.delete(user);
    }
    while (this.buckets.size > this.maxUsers) {
      const oldest = this.buckets.keys().next();
      if (oldest.done) return;
      this.buckets.delete(oldest.value);
    }
  }
}
