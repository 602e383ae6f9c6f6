/**
 * Per-user limit on questions: a token bucket for each user, so that one person (or a script
 * behind one account) cannot take the bot's time from everyone else. Memory stays bounded: a
 * bucket that has filled up again is the same as no bucket, and is dropped first.
 */

/** How many questions a user may ask. */
export interface QuestionRateLimitOptions {
  /** Sustained questions per minute per user; 0 turns the limit off. */
  perMinute: number;
  /** Questions a user may ask at once after a quiet spell (the bucket's size). */
  burst: number;
  /** Users tracked at most; beyond this the idlest buckets are forgotten. */
  maxUsers?: number;
  /** Clock in milliseconds (tests pass their own). */
  now?: () => number;
}

/** The outcome of asking for one question. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** What the bot asks before answering: this process's buckets, or buckets every instance shares. */
export interface QuestionRateLimiter {
  take(user: string): RateDecision | Promise<RateDecision>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Defaults: a person asks a few questions a minute; ten at once is already a lot. */
export const DEFAULT_QUESTION_RATE: Pick<QuestionRateLimitOptions, 'perMinute' | 'burst'> = {
  perMinute: 20,
  burst: 10,
};

/** Bad options fail at start, not at the first question. */
function checkQuestionRate(options: QuestionRateLimitOptions): void {
  if (!Number.isFinite(options.perMinute) || options.perMinute < 0)
    throw new RangeError('perMinute must be 0 (off) or more');
  if (!Number.isInteger(options.burst) || options.burst < 1) throw new RangeError('burst must be 1 or more');
}

/** Token buckets keyed by user, in this process. */
export class QuestionRateLimit implements QuestionRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly burst: number;
  private readonly maxUsers: number;
  private readonly now: () => number;

  constructor(options: QuestionRateLimitOptions) {
    checkQuestionRate(options);
    this.perMs = options.perMinute / 60_000;
    this.burst = options.burst;
    this.maxUsers = options.maxUsers ?? 10_000;
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
      this.buckets.set(user, { tokens: bucket.tokens - 1, at: now });
      this.evict(now);
      return { allowed: true };
    }
    this.buckets.set(user, bucket);
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.perMs) };
  }

  /** Users currently tracked (for tests and health). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.burst, at: now };
    const elapsed = Math.max(0, now - bucket.at);
    return { tokens: Math.min(this.burst, bucket.tokens + elapsed * this.perMs), at: now };
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

/** Where shared buckets live (the state's RateLimitStore). */
export interface SharedBuckets {
  take(
    key: string,
    limit: Pick<QuestionRateLimitOptions, 'perMinute' | 'burst'>,
    nowMs: number,
  ): Promise<RateDecision>;
}

/**
 * The same per-user limit with buckets every instance shares (PostgreSQL), so a user whose
 * questions are spread over instances gets the limit once, not once per instance. When the
 * shared buckets cannot be reached the question is allowed (the limit protects the bot; it must
 * not take it down with the database), and `onError` hears about it.
 */
export class SharedQuestionRateLimit implements QuestionRateLimiter {
  private readonly limit: Pick<QuestionRateLimitOptions, 'perMinute' | 'burst'>;
  private readonly now: () => number;

  constructor(
    private readonly buckets: SharedBuckets,
    options: QuestionRateLimitOptions,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    checkQuestionRate(options);
    this.limit = { perMinute: options.perMinute, burst: options.burst };
    this.now = options.now ?? Date.now;
  }

  async take(user: string): Promise<RateDecision> {
    if (this.limit.perMinute <= 0) return { allowed: true };
    try {
      return await this.buckets.take(`question:${user}`, this.limit, this.now());
    } catch (err) {
      this.onError(err);
      return { allowed: true };
    }
  }
}
