import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertSender } from '../src/alerts/alert-sender';
import { systemClock } from '../src/alerts/clock';
import { mayHaveArrived } from '../src/alerts/connector-transport';
import { classifyFailure, DeliveryError } from '../src/alerts/notifier';
import {
  DEFAULT_RETRY_POLICY,
  MIN_PROACTIVE_ATTEMPT_TIMEOUT_MS,
  parseRetryAfter,
  retryDelay,
} from '../src/alerts/retry-policy';
import { ScriptedNotifier } from './fixtures/scripted-notifier';
import { settle } from './support/settle';

const message = { text: 'hälytys', cards: [] };

// The sender runs on the real clock interface; fake timers make its waits instant and exact.
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2024-03-01T05:30:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The largest number of attempts inside any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('failure classes', () => {
  it.each([
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [null, 'retry'],
    [403, 'gone'],
    [404, 'gone'],
    [400, 'permanent'],
    [401, 'permanent'],
  ] as const)('should treat status %s as %s', (status, kind) => {
    expect(classifyFailure(new DeliveryError('x', status))).toBe(kind);
  });

  it('should treat an unknown error as permanent rather than loop on it', () => {
    expect(classifyFailure(new TypeError('bug'))).toBe('permanent');
  });

  it('should treat a failure after the request may have left (timeout, lost socket) as uncertain', () => {
    expect(classifyFailure(new DeliveryError('timed out', null, null, true))).toBe('uncertain');
  });
});

describe('did the request leave before it failed', () => {
  const fetchFailure = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
  it.each([
    ['a refused connection', fetchFailure('ECONNREFUSED'), false],
    ['an unknown host', fetchFailure('ENOTFOUND'), false],
    ['a connect timeout', fetchFailure('UND_ERR_CONNECT_TIMEOUT'), false],
    ['a socket closed by the other side', fetchFailure('UND_ERR_SOCKET'), true],
    ['a reset connection', fetchFailure('ECONNRESET'), true],
    ['the attempt timeout', Object.assign(new Error('timeout'), { name: 'TimeoutError' }), true],
    ['an error without a code', new Error('something'), true],
  ])('should judge %s as possibly delivered: %s', (_name, err, ambiguous) => {
    expect(mayHaveArrived(err)).toBe(ambiguous);
  });
});

describe('retry delays', () => {
  it('should double the backoff and jitter within its upper half', () => {
    expect(retryDelay(DEFAULT_RETRY_POLICY, 1, null, () => 0)).toBe(250);
    expect(retryDelay(DEFAULT_RETRY_POLICY, 1, null, () => 1)).toBe(500);
    expect(retryDelay(DEFAULT_RETRY_POLICY, 3, null, () => 1)).toBe(2000);
    expect(retryDelay(DEFAULT_RETRY_POLICY, 20, null, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('should never wait less than Retry-After', () => {
    expect(retryDelay(DEFAULT_RETRY_POLICY, 1, 7000, () => 1)).toBe(7000);
  });

  it.each([
    ['3', 3000],
    ['0.5', 500],
    ['', null],
    ['soon', null],
    [new Date(Date.UTC(2024, 0, 1, 0, 0, 10)).toUTCString(), 10_000],
  ] as const)('should read Retry-After %j as %s ms', (value, ms) => {
    expect(parseRetryAfter(value, Date.UTC(2024, 0, 1))).toBe(ms);
  });
});

describe('alert sender', () => {
  it('should retry a 429 after its Retry-After and then deliver', async () => {
    const notifier = new ScriptedNotifier().script('c1', { status: 429, retryAfterMs: 4000 });
    const sender = new AlertSender(notifier, { clock: systemClock, random: () => 0 });
    const outcome = await settle(sender.deliver('c1', message));
    expect(outcome).toEqual({ status: 'sent', attempts: 2 });
    const [first, second] = notifier.attempts;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBe(4000);
  });

  it('should retry 500s with growing waits and give up after the last attempt', async () => {
    const notifier = new ScriptedNotifier().script('c1', ...Array(5).fill({ status: 500 }));
    const sender = new AlertSender(notifier, { clock: systemClock, random: () => 1 });
    const outcome = await settle(sender.deliver('c1', message));
    expect(outcome).toMatchObject({ status: 'failed', attempts: 5, error: 'HTTP 500: scripted failure' });
    const gaps = notifier.attempts.slice(1).map((a, i) => a.at - (notifier.attempts[i]?.at ?? 0));
    expect(gaps).toEqual([500, 1000, 2000, 4000]);
  });

  it('should deliver after two 500s', async () => {
    const notifier = new ScriptedNotifier().script('c1', { status: 502 }, { status: 500 });
    const outcome = await settle(new AlertSender(notifier, { clock: systemClock }).deliver('c1', message));
    expect(outcome).toEqual({ status: 'sent', attempts: 3 });
    expect(notifier.delivered).toHaveLength(1);
  });

  it('should stop at once on 403 and report the conversation gone', async () => {
    const notifier = new ScriptedNotifier().script('c1', { status: 403 });
    const outcome = await settle(new AlertSender(notifier, { clock: systemClock }).deliver('c1', message));
    expect(outcome).toMatchObject({ status: 'gone', attempts: 1 });
    expect(notifier.attempts).toHaveLength(1);
  });

  it('should stop as uncertain, without retrying, when an attempt gets no answer in time', async () => {
    // The call may still land after the timeout: a retry could deliver the message twice.
    const notifier = new ScriptedNotifier().script('c1', 'hang');
    const sender = new AlertSender(notifier, {
      clock: systemClock,
      retry: { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: 10_000 },
    });
    const outcome = await settle(sender.deliver('c1', message));
    expect(outcome).toEqual({
      status: 'uncertain',
      attempts: 1,
      error: 'no answer within 10000 ms; the message may have arrived',
    });
    expect(notifier.attempts).toHaveLength(1);
  });

  it("should wait at least Teams' 15 s for an answer by default", () => {
    expect(DEFAULT_RETRY_POLICY.attemptTimeoutMs).toBeGreaterThanOrEqual(MIN_PROACTIVE_ATTEMPT_TIMEOUT_MS);
    expect(MIN_PROACTIVE_ATTEMPT_TIMEOUT_MS).toBe(15_000);
  });

  it('should send at most 7 messages a second into one conversation', async () => {
    const notifier = new ScriptedNotifier();
    const sender = new AlertSender(notifier, { clock: systemClock });
    await settle(Promise.all(Array.from({ length: 30 }, () => sender.deliver('c1', message))));
    const times = notifier.attempts.map((a) => a.at);
    expect(times).toHaveLength(30);
    expect(maxInWindow(times, 1000)).toBe(7);
  });

  it('should send at most 50 messages a second overall', async () => {
    const notifier = new ScriptedNotifier();
    const sender = new AlertSender(notifier, { clock: systemClock });
    await settle(Promise.all(Array.from({ length: 180 }, (_, i) => sender.deliver(`c${i}`, message))));
    const times = notifier.attempts.map((a) => a.at);
    expect(maxInWindow(times, 1000)).toBe(50);
    // Limited only by the rate: 180 messages take three full windows (each a millisecond
    // longer, for the clock's granularity), no more.
    expect(Math.max(...times) - Math.min(...times)).toBe(3003);
  });
});
