import type { Clock } from './clock';
import type { AlertMessage, Notifier } from './notifier';
import { classifyFailure, DeliveryError } from './notifier';
import type { RateLimits } from './rate-limiter';
import { RateLimiter, TEAMS_RATE_LIMITS } from './rate-limiter';
import type { RetryPolicy } from './retry-policy';
import { DEFAULT_RETRY_POLICY, retryDelay } from './retry-policy';

/**
 * How one message ended: delivered, the conversation is gone (pause it), failed after retries
 * (the channel refused it: a later run tries again), or uncertain (an attempt timed out or lost
 * its socket after sending: it may have arrived, so it is not tried again).
 */
export type DeliveryOutcome =
  | { status: 'sent'; attempts: number }
  | { status: 'gone'; attempts: number; error: string }
  | { status: 'failed'; attempts: number; error: string }
  | { status: 'uncertain'; attempts: number; error: string };

/** The sender's settings; everything has a default. */
export interface AlertSenderOptions {
  clock: Clock;
  limits?: RateLimits;
  retry?: RetryPolicy;
  random?: () => number;
}

function describe(err: unknown): string {
  if (err instanceof DeliveryError)
    return err.status === null ? err.message : `HTTP ${err.status}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Delivers messages within the rate limits, retrying transient failures with backoff and
 * jitter (honouring Retry-After). Every attempt takes a rate-limit slot, retries included,
 * because the channel counts them too.
 */
export class AlertSender {
  private readonly limiter: RateLimiter;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    private readonly notifier: Notifier,
    options: AlertSenderOptions,
  ) {
    this.clock = options.clock;
    this.limiter = new RateLimiter(options.limits ?? TEAMS_RATE_LIMITS, options.clock);
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.random = options.random ?? Math.random;
  }

  private attempt(conversationId: string, message: AlertMessage): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      // The call may still reach the channel after this: the attempt's outcome is unknown.
      timer = setTimeout(
        () =>
          reject(
            new DeliveryError(
              `no answer within ${this.retry.attemptTimeoutMs} ms; the message may have arrived`,
              null,
              null,
              true,
            ),
          ),
        this.retry.attemptTimeoutMs,
      );
    });
    return Promise.race([this.notifier.send(conversationId, message), timeout]).finally(() =>
      clearTimeout(timer),
    );
  }

  /**
   * Sends one message, retrying what surely did not arrive, as the policy allows; never throws.
   * The message may be a function, called once when the first attempt's rate-limit slot comes
   * up (the alert run claims its findings there, as late as it can); it resolves null when
   * there is nothing to send after all, and then so does deliver().
   */
  async deliver(
    conversationId: string,
    source: AlertMessage | (() => Promise<AlertMessage | null>),
  ): Promise<DeliveryOutcome | null> {
    let message = typeof source === 'function' ? null : source;
    for (let attempt = 1; ; attempt++) {
      try {
        const sent = await this.limiter.run(conversationId, async () => {
          if (message === null && typeof source === 'function') message = await source();
          if (message === null) return false;
          await this.attempt(conversationId, message);
          return true;
        });
        return sent ? { status: 'sent', attempts: attempt } : null;
      } catch (err) {
        const kind = classifyFailure(err);
        if (kind === 'gone') return { status: 'gone', attempts: attempt, error: describe(err) };
        if (kind === 'uncertain') return { status: 'uncertain', attempts: attempt, error: describe(err) };
        if (kind === 'permanent' || attempt >= this.retry.maxAttempts) {
          return { status: 'failed', attempts: attempt, error: describe(err) };
        }
        const retryAfter = err instanceof DeliveryError ? err.retryAfterMs : null;
        await this.clock.sleep(retryDelay(this.retry, attempt, retryAfter, this.random));
      }
    }
  }
}
