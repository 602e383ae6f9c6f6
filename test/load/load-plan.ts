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
  /** Bot processes the questions are spread over (round robin, as a load balancer would). */
  instances: number;
  /** A PostgreSQL server (postgres://…) to keep the state in; null = each bot's own state file. */
  stateUrl: string | null;
}

/** The run: 5 minutes at 100 requests/s across 50 conversations, at most 10 % growth. */
export const FULL_LOAD: LoadPlan = {
  rate: 100,
  seconds: 300,
  warmUpSeconds: 60,
  conversations: 50,
  maxGrowth: 0.1,
  instances: 1,
  stateUrl: null,
};

/**
 * The full plan, shortened by LOAD_SECONDS (local tries; the warm-up is a fifth of the run, 5 to
 * 60 s); LOAD_STATE_URL (postgres://…) keeps the state in PostgreSQL (in a database of the run's
 * own, made and dropped on that server), and LOAD_INSTANCES (1 to 4, several only with
 * PostgreSQL) spreads the questions over that many bot processes.
 */
export function loadPlanFromEnv(env: Record<string, string | undefined>): LoadPlan {
  const raw = env.LOAD_SECONDS?.trim();
  const stateUrl = env.LOAD_STATE_URL?.trim() || null;
  if (stateUrl !== null && !/^postgres(ql)?:\/\/\S+$/.test(stateUrl))
    throw new Error('LOAD_STATE_URL: expected postgres://user@host:port/database');
  const rawInstances = env.LOAD_INSTANCES?.trim();
  const instances = rawInstances ? Number(rawInstances) : 1;
  if (!Number.isInteger(instances) || instances < 1 || instances > 4)
    throw new Error('LOAD_INSTANCES: expected a whole number from 1 to 4');
  if (instances > 1 && stateUrl === null)
    throw new Error(
      'LOAD_INSTANCES: several instances share their state through LOAD_STATE_URL (PostgreSQL)',
    );
  const plan = { ...FULL_LOAD, instances, stateUrl };
  if (!raw) return stateUrl === null && instances === 1 ? FULL_LOAD : plan;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 3600)
    throw new Error('LOAD_SECONDS: expected a whole number of seconds from 10 to 3600');
  return { ...plan, seconds, warmUpSeconds: Math.min(60, Math.max(5, Math.round(seconds / 3))) };
}
