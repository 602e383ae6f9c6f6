/** The load run's plan: the full run by default, shortened by LOAD_SECONDS, bad values refused. */
import { describe, expect, it } from 'vitest';
import { FULL_LOAD, loadPlanFromEnv } from './load-plan';

describe('loadPlanFromEnv', () => {
  it('should run the full 5 minutes at 100/s over 50 conversations when LOAD_SECONDS is not set', () => {
    expect(loadPlanFromEnv({})).toEqual({
      rate: 100,
      seconds: 300,
      warmUpSeconds: 60,
      conversations: 50,
      maxGrowth: 0.1,
    });
    expect(loadPlanFromEnv({ LOAD_SECONDS: ' ' })).toBe(FULL_LOAD);
  });

  it.each([
    { seconds: '10', warmUp: 5 },
    { seconds: '40', warmUp: 8 },
    { seconds: '3600', warmUp: 60 },
  ])('should shorten the run to $seconds s with a $warmUp s warm-up', ({ seconds, warmUp }) => {
    expect(loadPlanFromEnv({ LOAD_SECONDS: seconds })).toMatchObject({
      seconds: Number(seconds),
      warmUpSeconds: warmUp,
      rate: 100,
      conversations: 50,
    });
  });

  it.each(['9', '3601', '1.5', 'five'])('should refuse LOAD_SECONDS=%s, naming the variable', (value) => {
    expect(() => loadPlanFromEnv({ LOAD_SECONDS: value })).toThrow(/^LOAD_SECONDS: /);
  });
});
