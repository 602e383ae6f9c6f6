/** What a load run does: its rate, length, spread and pass mark, from the environment. */

/** The shape of one load run. */
export interface LoadPlan {
  /** Questions per second, spread evenly (open loop). */
  rate: number;
  /** Length of the whole run, warm-up included. */
  seconds: number;
  /** Memory is compared from the end of the warm-up to the end of the run. */
  warmUpSeconds: number;
  conversations: number;
  /** Largest allowed memory growth after warm-up, as a fraction (0.1 = 10 %). */
  maxGrowth: number;
}

/** The run: 5 minutes at 100 requests/s across 50 conversations, at most 10 % growth. */
export const FULL_LOAD: LoadPlan = {
  rate: 100,
  seconds: 300,
  warmUpSeconds: 60,
  conversations: 50,
  maxGrowth: 0.1,
};

/** The full plan, shortened by LOAD_SECONDS (local tries); the warm-up is a fifth of the run, 5 to 60 s. */
export function loadPlanFromEnv(env: Record<string, string | undefined>): LoadPlan {
  const raw = env.LOAD_SECONDS?.trim();
  if (!raw) return FULL_LOAD;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 3600)
    throw new Error('LOAD_SECONDS: expected a whole number of seconds from 10 to 3600');
  return { ...FULL_LOAD, seconds, warmUpSeconds: Math.min(60, Math.max(5, Math.round(seconds / 5))) };
}
