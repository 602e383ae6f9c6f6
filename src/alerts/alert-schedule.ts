import { Cron } from 'croner';

/** When and whether the daily run happens (from Config.alerts). */
export interface AlertScheduleOptions {
  enabled: boolean;
  /** HH:MM, local time of `timeZone`. */
  time: string;
  /** IANA zone, e.g. Europe/Helsinki: daylight-saving changes move the run with the wall clock. */
  timeZone: string;
  run: () => Promise<unknown>;
  /** Called with a run's error; the schedule carries on to the next day. */
  onError: (err: unknown) => void;
}

/** A started schedule. */
export interface AlertSchedule {
  nextRun(): Date | null;
  stop(): void;
}

/** The cron pattern for a daily HH:MM ("07:30" → "0 30 7 * * *"). */
export function dailyPattern(time: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new Error(`alert time must be HH:MM, got "${time}"`);
  return `0 ${Number(m[2])} ${Number(m[1])} * * *`;
}

/**
 * Starts the daily alert run with croner in the configured time zone; null when alerts are
 * switched off (ALERTS_ENABLED=false, e.g. on all but one of several instances). A run that is
 * still going when the next is due is not started twice (croner's protect).
 */
export function startAlertSchedule(opts: AlertScheduleOptions): AlertSchedule | null {
  if (!opts.enabled) return null;
  const job = new Cron(
    dailyPattern(opts.time),
    { timezone: opts.timeZone, protect: true, name: 'daily-alerts' },
    async () => {
      try {
        await opts.run();
      } catch (err) {
        opts.onError(err);
      }
    },
  );
  return { nextRun: () => job.nextRun(), stop: () => job.stop() };
}
