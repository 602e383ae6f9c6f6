/** How often and how patiently a message is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * One attempt's time limit. Past it the message may still arrive, so the delivery is recorded
   * uncertain and not retried: the limit must be longer than the channel ever takes to answer.
   */
  attemptTimeoutMs: number;
}

/**
 * The least time a proactive send waits for the Bot Connector. Teams gives a bot 15 s to answer
 * a call, and the connector's own answers, under load or throttling, take as long: a shorter
 * wait would give up on messages that are arriving (and, before uncertain deliveries, sent
 * them twice).
 */
export const MIN_PROACTIVE_ATTEMPT_TIMEOUT_MS = 15_000;

/** Five attempts, 0.5 s doubling up to 30 s, 30 s per attempt (twice Teams' 15 s). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  attemptTimeoutMs: 30_000,
};

/**
 * The wait before attempt `attempt + 1`: exponential backoff with full jitter (so many senders
 * do not retry in step), but never shorter than the channel's Retry-After.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | null,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return retryAfterMs !== null ? Math.max(retryAfterMs, jittered) : jittered;
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
