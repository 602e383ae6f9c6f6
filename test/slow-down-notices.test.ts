/** "Slow down" at most once per user per window, however many questions are refused. */
import { describe, expect, it } from 'vitest';
import { SlowDownNotices } from '../src/bot/slow-down-notices';

describe('SlowDownNotices', () => {
  it('should tell a user once per window, and again once the window has passed', () => {
    let now = 1_000_000;
    const notices = new SlowDownNotices(60_000, 100, () => now);
    expect(Array.from({ length: 50 }, () => notices.shouldTell('anna'))).toEqual([
      true,
      ...Array(49).fill(false),
    ]);
    now += 59_999;
    expect(notices.shouldTell('anna')).toBe(false);
    now += 1;
    expect(notices.shouldTell('anna')).toBe(true);
  });

  it('should keep users apart', () => {
    const notices = new SlowDownNotices();
    expect(notices.shouldTell('mallory')).toBe(true);
    expect(notices.shouldTell('anna')).toBe(true);
    expect(notices.shouldTell('mallory')).toBe(false);
  });

  it('should remember at most maxUsers, forgetting the oldest notices first', () => {
    const notices = new SlowDownNotices(60_000, 3);
    for (const u of ['a', 'b', 'c', 'd']) notices.shouldTell(u);
    expect(notices.shouldTell('a')).toBe(true); // forgotten: told again
    expect(notices.shouldTell('d')).toBe(false);
  });
});
