/** The per-user question limit: bursts allowed, a sustained rate, users kept apart, bounded memory. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuestionRateLimit } from '../src/bot/question-rate-limit';

function limiter(perMinute: number, burst: number, maxUsers?: number) {
  let now = 1_000_000;
  const limit = new QuestionRateLimit({ perMinute, burst, maxUsers, now: () => now });
  return { limit, advance: (ms: number) => (now += ms) };
}

describe('QuestionRateLimit', () => {
  it('should allow a burst, then refuse, saying how long to wait', () => {
    const { limit } = limiter(6, 3);
    const decisions = Array.from({ length: 4 }, () => limit.take('anna'));
    expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    // 6 a minute = one every 10 s.
    expect(decisions[3]).toEqual({ allowed: false, retryAfterMs: 10_000 });
  });

  const refills = [
    { name: 'before a whole token has come back', waitMs: 9_999, allowed: false },
    { name: 'once a whole token has come back', waitMs: 10_000, allowed: true },
  ];
  it.each(refills)('should give allowed=$allowed to the next question asked $name', ({ waitMs, allowed }) => {
    const { limit, advance } = limiter(6, 1);
    expect(limit.take('anna').allowed).toBe(true);
    advance(waitMs);
    expect(limit.take('anna').allowed).toBe(allowed);
  });

  it('should not let a refused question eat into the allowance', () => {
    const { limit, advance } = limiter(6, 1);
    limit.take('anna');
    for (let i = 0; i < 5; i++) expect(limit.take('anna').allowed).toBe(false);
    advance(10_000);
    expect(limit.take('anna').allowed).toBe(true);
  });

  it('should keep users apart: one user hammering does not limit another', () => {
    const { limit } = limiter(6, 2);
    for (let i = 0; i < 10; i++) limit.take('mallory');
    expect(limit.take('anna')).toEqual({ allowed: true });
  });

  it('should allow everything when the limit is off (perMinute 0)', () => {
    const { limit } = limiter(0, 1);
    expect(Array.from({ length: 100 }, () => limit.take('anna').allowed).every(Boolean)).toBe(true);
    expect(limit.enabled).toBe(false);
    expect(limit.size).toBe(0);
  });

  it('should track no more than maxUsers, forgetting the idlest first', () => {
    const { limit, advance } = limiter(60, 2, 100);
    for (let i = 0; i < 1000; i++) limit.take(`user-${i}`);
    expect(limit.size).toBeLessThanOrEqual(100);
    // The most recent user is still remembered: one question left of two.
    expect(limit.take('user-999').allowed).toBe(true);
    expect(limit.take('user-999').allowed).toBe(false);
    advance(1000);
    expect(limit.take('user-999').allowed).toBe(true);
  });

  it.each([
    { perMinute: -1, burst: 1 },
    { perMinute: Number.NaN, burst: 1 },
    { perMinute: 10, burst: 0 },
    { perMinute: 10, burst: 1.5 },
  ])('should refuse bad options at construction ($perMinute a minute, burst $burst)', (options) => {
    expect(() => new QuestionRateLimit(options)).toThrow(RangeError);
  });

  it('should never allow more than the burst plus the rate over any stretch of time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.tuple(fc.constantFrom('anna', 'ben', 'cy'), fc.integer({ min: 0, max: 5000 })), {
          maxLength: 300,
        }),
        (perMinute, burst, events) => {
          const { limit, advance } = limiter(perMinute, burst);
          const allowed: Array<{ user: string; at: number }> = [];
          let now = 0;
          for (const [user, gap] of events) {
            advance(gap);
            now += gap;
            if (limit.take(user).allowed) allowed.push({ user, at: now });
          }
          // For every user and every window [from, to]: at most burst + rate × length questions.
          for (const user of ['anna', 'ben', 'cy']) {
            const times = allowed.filter((a) => a.user === user).map((a) => a.at);
            for (let i = 0; i < times.length; i++)
              for (let j = i; j < times.length; j++) {
                const window = times[j]! - times[i]!;
                expect(j - i + 1).toBeLessThanOrEqual(burst + (perMinute * window) / 60_000 + 1e-9);
              }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
