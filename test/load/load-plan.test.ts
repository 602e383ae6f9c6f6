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
      instances: 1,
      stateUrl: null,
    });
    expect(loadPlanFromEnv({ LOAD_SECONDS: ' ' })).toBe(FULL_LOAD);
  });

  it('should spread the load over instances sharing PostgreSQL', () => {
    expect(
      loadPlanFromEnv({
        LOAD_SECONDS: '120',
        LOAD_INSTANCES: '2',
        LOAD_STATE_URL: 'postgres://u@127.0.0.1:5/db',
      }),
    ).toMatchObject({
      seconds: 120,
      warmUpSeconds: 40,
      instances: 2,
      stateUrl: 'postgres://u@127.0.0.1:5/db',
    });
    expect(loadPlanFromEnv({ LOAD_STATE_URL: 'postgres://u@h/db' })).toMatchObject({
      seconds: 300,
      instances: 1,
    });
  });

  it.each([
    [{ LOAD_INSTANCES: '2' }, /^LOAD_INSTANCES: several instances share their state/],
    [{ LOAD_INSTANCES: '5', LOAD_STATE_URL: 'postgres://h/db' }, /^LOAD_INSTANCES: expected/],
    [{ LOAD_STATE_URL: 'mysql://h/db' }, /^LOAD_STATE_URL: /],
  ])('should refuse %j, naming the variable', (env, message) => {
    expect(() => loadPlanFromEnv(env)).toThrow(message);
  });

  it.each([
    { seconds: '10', warmUp: 5 },
    { seconds: '40', warmUp: 13 },
    { seconds: '180', warmUp: 60 },
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
