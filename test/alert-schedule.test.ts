import { afterEach, describe, expect, it, vi } from 'vitest';
import { dailyPattern, startAlertSchedule } from '../src/alerts/alert-schedule';

afterEach(() => {
  vi.useRealTimers();
});

/** Starts the schedule on a fake clock at `from` and lets `days` days pass; returns when it ran (UTC). */
async function runsBetween(
  from: string,
  days: number,
  time = '07:30',
  timeZone = 'Europe/Helsinki',
): Promise<string[]> {
  vi.useFakeTimers({ now: new Date(from) });
  const runs: string[] = [];
  const schedule = startAlertSchedule({
    enabled: true,
    time,
    timeZone,
    run: async () => {
      runs.push(new Date().toISOString());
    },
    onError: () => undefined,
  });
  for (let h = 0; h < days * 24; h++) await vi.advanceTimersByTimeAsync(3_600_000);
  schedule?.stop();
  return runs;
}

describe('alert schedule', () => {
  it('should turn HH:MM into a daily cron pattern', () => {
    expect(dailyPattern('07:30')).toBe('0 30 7 * * *');
    expect(dailyPattern('00:05')).toBe('0 5 0 * * *');
    expect(() => dailyPattern('7:30')).toThrow('HH:MM');
  });

  it('should run at 07:30 Helsinki time across the spring change (last Sunday of March)', async () => {
    // 30.3.2025: clocks go from 03:00 EET (UTC+2) to 04:00 EEST (UTC+3).
    expect(await runsBetween('2025-03-28T12:00:00Z', 3)).toEqual([
      '2025-03-29T05:30:00.000Z',
      '2025-03-30T04:30:00.000Z',
      '2025-03-31T04:30:00.000Z',
    ]);
  });

  it('should run at 07:30 Helsinki time across the autumn change (last Sunday of October)', async () => {
    // 26.10.2025: clocks go back from 04:00 EEST to 03:00 EET.
    expect(await runsBetween('2025-10-24T12:00:00Z', 3)).toEqual([
      '2025-10-25T04:30:00.000Z',
      '2025-10-26T05:30:00.000Z',
      '2025-10-27T05:30:00.000Z',
    ]);
  });

  it('should run once, not twice, when the alert time falls in the repeated autumn hour', async () => {
    // 03:30 happens twice on 26.10.2025 in Helsinki (EEST, then EET); one alert run is enough.
    const runs = await runsBetween('2025-10-25T12:00:00Z', 2, '03:30');
    expect(runs.filter((r) => r.startsWith('2025-10-26'))).toHaveLength(1);
  });

  it('should keep to the schedule after a run fails, and report the failure', async () => {
    vi.useFakeTimers({ now: new Date('2025-06-01T00:00:00Z') });
    const errors: unknown[] = [];
    let calls = 0;
    const schedule = startAlertSchedule({
      enabled: true,
      time: '07:30',
      timeZone: 'Europe/Helsinki',
      run: async () => {
        calls++;
        throw new Error('connector down');
      },
      onError: (e) => errors.push(e),
    });
    for (let h = 0; h < 48; h++) await vi.advanceTimersByTimeAsync(3_600_000);
    schedule?.stop();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });

  it('should not start when alerts are switched off', () => {
    const schedule = startAlertSchedule({
      enabled: false,
      time: '07:30',
      timeZone: 'Europe/Helsinki',
      run: async () => 0,
      onError: () => undefined,
    });
    expect(schedule).toBeNull();
  });

  it('should say when the next run is', () => {
    vi.useFakeTimers({ now: new Date('2025-01-15T10:00:00Z') });
    const schedule = startAlertSchedule({
      enabled: true,
      time: '07:30',
      timeZone: 'Europe/Helsinki',
      run: async () => 0,
      onError: () => undefined,
    });
    expect(schedule?.nextRun()?.toISOString()).toBe('2025-01-16T05:30:00.000Z');
    schedule?.stop();
  });
});
