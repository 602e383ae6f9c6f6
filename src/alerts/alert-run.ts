import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { BudgetData } from '../domain';
import type {
  AlertClaim,
  AlertLog,
  AlertOutcome,
  AlertRunLeases,
  LeaseHolder,
  SubscriptionStore,
} from '../store/state-ports';
import type { AlertGroup, AlertPlan } from './alert-plan';
import { alertFindings, MAX_DELIVERY_ATTEMPTS, planAlerts } from './alert-plan';
import type { AlertSenderOptions, DeliveryOutcome } from './alert-sender';
import { AlertSender } from './alert-sender';
import { alertText } from './alert-text';
import type { BudgetPosition } from './budget-position';
import { positionsFromStore } from './budget-position';
import type { Clock } from './clock';
import type { AlertMessage, Notifier } from './notifier';

/** Turns a group into the message that is sent: the card renderer plugs in here. */
export type AlertRenderer = (group: AlertGroup) => AlertMessage;

/** The plain-text renderer: used when no card renderer is given. */
export const textRenderer: AlertRenderer = (g) => ({
  text: alertText(g.findings, g.subscription.lang, g.resend),
  cards: [],
});

/** What a run needs. */
export interface AlertRunnerDeps {
  subscriptions: SubscriptionStore;
  alertLog: AlertLog;
  leases: AlertRunLeases;
  notifier: Notifier;
  clock: Clock;
  render?: AlertRenderer;
  sender?: Omit<AlertSenderOptions, 'clock'>;
  /**
   * Conversations worked at once (default 64). The rate limiter sets the pace; this must exceed
   * the overall rate so that waiting for the state (claim, outcome) never slows delivery.
   */
  concurrency?: number;
  /** This process as other instances see it (default host:pid). */
  instance?: string;
  /** How long the run lease lasts unless renewed; renewed every third of it (default 60 s). */
  leaseMs?: number;
}

/** The run lease's default length: an instance that dies mid-run is taken over within a minute. */
export const DEFAULT_LEASE_MS = 60_000;

/** Alert-log entries left untouched this long are dropped (a safety bound; pruneSuperseded does the rest). */
export const ALERT_LOG_RETENTION_MS = 3 * 366 * 86_400_000;

/** How one group ended. */
export interface GroupOutcome {
  group: AlertGroup;
  outcome: DeliveryOutcome;
}

/** The result of a run, for the CLI, the HTTP trigger and the logs. */
export interface AlertRunResult {
  runId: string;
  dryRun: boolean;
  startedAt: string;
  positions: number;
  plan: AlertPlan;
  outcomes: GroupOutcome[];
  sent: number;
  failed: number;
  paused: number;
  /** Messages whose call timed out or lost its socket: they may have arrived; not sent again. */
  uncertain: number;
  /** Findings another run claimed between this run's plan and its send (overlapping runs). */
  claimedElsewhere: number;
  /** Claims of runs that stopped before settling them, marked uncertain as this run began. */
  abandoned: number;
  /** The instance whose expired lease this run took over (it stopped mid-run), if any. */
  tookOverFrom: LeaseHolder | null;
  /** True when the lease was lost mid-run (another instance took over); the rest is its work. */
  leaseLost: boolean;
  /** Alert-log entries dropped because newer data or a removed subscription made them moot. */
  pruned: number;
}

/** Options of one run. */
export interface RunOptions {
  dryRun?: boolean;
  /** Send uncertain deliveries again, marked as possible repeats. */
  resendUncertain?: boolean;
  /** The daily run of this day (YYYY-MM-DD): skipped when done, and marked done when finished. */
  day?: string;
}

/** Thrown when a run is asked for while one is going on, here or on another instance. */
export class AlertRunInProgressError extends Error {
  constructor(
    /** Who runs (null: this process). */
    readonly holder: LeaseHolder | null = null,
    /** When the holder's lease ends unless renewed. */
    readonly expiresInMs: number | null = null,
  ) {
    super(
      holder
        ? `an alert run is in progress on ${holder.instance} (run ${holder.runId})`
        : 'an alert run is already in progress',
    );
    this.name = 'AlertRunInProgressError';
  }
}

/** The day's run was finished (by this or another instance) while this one waited for the lease. */
class DayDone extends Error {}

function claimsOf(group: AlertGroup): AlertClaim[] {
  return group.findings.map((f) => ({
    key: f.key,
    subscriptionId: group.subscription.id,
    conversationId: group.subscription.conversationId,
    costCentre: f.costCentre,
    rule: f.rule,
    step: f.step,
    asOf: f.asOf,
  }));
}

function keysOf(group: AlertGroup): string[] {
  return group.findings.map((f) => f.key);
}

/** The newest data date per cost centre, for pruning superseded log entries. */
function newestAsOf(positions: readonly BudgetPosition[]): Map<string, string> {
  const newest = new Map<string, string>();
  for (const p of positions) {
    const before = newest.get(p.costCentre);
    if (before === undefined || p.asOf > before) newest.set(p.costCentre, p.asOf);
  }
  return newest;
}

/**
 * Runs alerts: positions computed once from the store, rules evaluated per subscription, and
 * each subscription's findings delivered as one message. One delivering run at a time across
 * instances (the run lease, renewed while it runs); each finding is claimed in the alert log
 * before its message goes out and settled after, so overlapping runs never send one twice, and
 * a run that dies leaves claims that the next run marks uncertain instead of sending again.
 */
export class AlertRunner {
  private running = false;
  readonly instance: string;
  private readonly leaseMs: number;

  constructor(private readonly deps: AlertRunnerDeps) {
    this.instance = deps.instance ?? `${os.hostname()}:${process.pid}`;
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /**
   * Evaluates and (unless dryRun) delivers. Rejects with AlertRunInProgressError when a run is
   * going on here or on another instance.
   */
  async run(data: BudgetData | readonly BudgetPosition[], opts: RunOptions = {}): Promise<AlertRunResult> {
    if (this.running) throw new AlertRunInProgressError();
    this.running = true;
    try {
      return await this.runOnce(data, opts);
    } finally {
      this.running = false;
    }
  }

  /**
   * The daily run of `day`, once across all instances: skipped when any instance has finished
   * it; while another holds the lease, waits for that lease to end (a live holder renews it, a
   * dead one lets it expire) and then takes the run over. Resolves null when there was nothing
   * left to do. `stopped` ends the waiting (shutdown).
   */
  async runDaily(
    load: () => Promise<BudgetData>,
    day: string,
    stopped: () => boolean = () => false,
  ): Promise<AlertRunResult | null> {
    const { leases, clock } = this.deps;
    while (!stopped()) {
      if (await leases.dayDone(day)) return null;
      try {
        return await this.run(await load(), { day });
      } catch (err) {
        if (err instanceof DayDone) return null;
        if (!(err instanceof AlertRunInProgressError)) throw err;
        // Look again when the holder's lease would end, and at least every third of a lease (a
        // holder that finishes early releases it); jitter keeps instances from asking in step.
        const wait = Math.max(250, Math.min(err.expiresInMs ?? this.leaseMs, this.leaseMs / 3));
        await clock.sleep(wait + Math.round(Math.random() * 250));
      }
    }
    return null;
  }

  private async runOnce(
    data: BudgetData | readonly BudgetPosition[],
    opts: RunOptions,
  ): Promise<AlertRunResult> {
    const { leases } = this.deps;
    const runId = randomUUID();
    const positions = Array.isArray(data)
      ? (data as readonly BudgetPosition[])
      : positionsFromStore(data as BudgetData);
    if (opts.dryRun) return this.deliver(runId, positions, opts, null, 0, () => false);

    const lease = await leases.acquire({ runId, instance: this.instance }, this.leaseMs);
    if (!lease.acquired) throw new AlertRunInProgressError(lease.holder, lease.expiresInMs);
    let lost = false;
    // Renewed while the run goes on; a failed renewal (another instance took over) stops new sends.
    const heartbeat = setInterval(
      () => {
        leases.renew(runId, this.leaseMs).then(
          (held) => {
            if (!held) lost = true;
          },
          () => undefined, // the database is away: keep going; if the lease lapses meanwhile, renew says so
        );
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    heartbeat.unref?.();
    try {
      if (opts.day && (await leases.dayDone(opts.day))) throw new DayDone();
      // Only the lease holder claims: claims left by any other run belong to a run that stopped.
      const abandoned = await this.deps.alertLog.abandonClaims(runId);
      const result = await this.deliver(runId, positions, opts, lease.tookOverFrom, abandoned, () => lost);
      if (opts.day && !result.leaseLost) await leases.markDayDone(opts.day, runId);
      return result;
    } finally {
      clearInterval(heartbeat);
      await leases.release(runId).catch(() => undefined);
    }
  }

  private async deliver(
    runId: string,
    positions: readonly BudgetPosition[],
    opts: RunOptions,
    tookOverFrom: LeaseHolder | null,
    abandoned: number,
    lost: () => boolean,
  ): Promise<AlertRunResult> {
    const { subscriptions, alertLog, clock } = this.deps;
    const render = this.deps.render ?? textRenderer;
    const dryRun = opts.dryRun ?? false;
    const startedAt = new Date(clock.now()).toISOString();
    const subs = await subscriptions.list();
    const findings = alertFindings(positions, subs);
    const keys = [...findings.values()].flatMap((fs) => fs.map((f) => f.key));
    const log = new Map((await alertLog.get(keys)).map((e) => [e.key, e] as const));
    const plan = planAlerts(positions, subs, log, await alertLog.lastSent(), clock.now(), {
      findings,
      resendUncertain: opts.resendUncertain,
    });
    const result: AlertRunResult = {
      runId,
      dryRun,
      startedAt,
      positions: positions.length,
      plan,
      outcomes: [],
      sent: 0,
      failed: 0,
      paused: 0,
      uncertain: 0,
      claimedElsewhere: 0,
      abandoned,
      tookOverFrom,
      leaseLost: false,
      pruned: 0,
    };
    if (dryRun) return result;

    const sender = new AlertSender(this.deps.notifier, { ...this.deps.sender, clock });
    // One queue per conversation, worked in order: a conversation's messages never overtake
    // each other, and after a 403/404 its remaining subscriptions are paused without a call.
    const byConversation = new Map<string, AlertGroup[]>();
    for (const g of plan.groups) {
      const list = byConversation.get(g.subscription.conversationId);
      if (list) list.push(g);
      else byConversation.set(g.subscription.conversationId, [g]);
    }
    const queue = [...byConversation.values()];
    const writes: Promise<unknown>[] = [];
    const later = (write: Promise<unknown>): void => {
      // Caught here so that a failed write is reported by the run, never as "unhandled".
      writes.push(
        write.then(
          () => null,
          (err: unknown) => ({ failed: err }),
        ),
      );
    };
    const settle = (keys: string[], outcome: AlertOutcome) => later(alertLog.settle(keys, runId, outcome));
    /** Claims the group's findings; resolves with the part this run got (null: none). */
    const claimGroup = async (planned: AlertGroup): Promise<AlertGroup | null> => {
      const claimed = await alertLog.claim(claimsOf(planned), runId, {
        maxAttempts: MAX_DELIVERY_ATTEMPTS,
        includeUncertain: opts.resendUncertain === true,
      });
      const mine = planned.findings.filter((f) => claimed.has(f.key));
      result.claimedElsewhere += planned.findings.length - mine.length;
      if (mine.length === 0) return null;
      return mine.length === planned.findings.length ? planned : { ...planned, findings: mine };
    };
    const deliverGroup = async (planned: AlertGroup, gone: string | null): Promise<string | null> => {
      let group: AlertGroup | null = null;
      let outcome: DeliveryOutcome | null;
      if (gone !== null) {
        // The conversation answered 403/404 to an earlier message: no call, the same outcome.
        group = await claimGroup(planned);
        outcome = group ? { status: 'gone', attempts: 0, error: gone } : null;
      } else {
        // Claimed when its rate-limit slot comes up, right before the call: a run that dies
        // leaves as few claims as possible (each one may have gone out, so becomes uncertain).
        let failure: unknown = null;
        outcome = await sender.deliver(planned.subscription.conversationId, async () => {
          try {
            if (lost()) {
              result.leaseLost = true;
              return null;
            }
            group = await claimGroup(planned);
            return group ? render(group) : null;
          } catch (err) {
            failure = err;
            return null;
          }
        });
        if (failure !== null) {
          // The state could not be reached, or the message not built: the run stops with it.
          if (group) settle(keysOf(group), { state: 'failed', attempts: 0, error: String(failure) });
          throw failure;
        }
      }
      if (!outcome || !group) return gone;
      const keys = keysOf(group);
      result.outcomes.push({ group, outcome });
      // The outcome is written without holding up the next message (a crash before it is
      // stored leaves the claim, which the next run marks uncertain); the run waits for every
      // such write before it ends.
      switch (outcome.status) {
        case 'sent':
          settle(keys, { state: 'sent', attempts: outcome.attempts, error: null });
          result.sent++;
          return null;
        case 'uncertain':
          settle(keys, { state: 'uncertain', attempts: outcome.attempts, error: outcome.error });
          result.uncertain++;
          return null;
        case 'failed':
          settle(keys, { state: 'failed', attempts: outcome.attempts, error: outcome.error });
          result.failed++;
          return null;
        case 'gone':
          settle(keys, { state: 'failed', attempts: outcome.attempts, error: outcome.error });
          result.failed++;
          later(
            subscriptions.pause(
              group.subscription.id,
              `bot removed from the conversation (${outcome.error})`,
            ),
          );
          result.paused++;
          return outcome.error;
      }
    };
    const worker = async (): Promise<void> => {
      for (let groups = queue.shift(); groups; groups = queue.shift()) {
        let gone: string | null = null;
        for (const group of groups) gone = (await deliverGroup(group, gone)) ?? gone;
      }
    };
    const workers = Math.max(1, Math.min(this.deps.concurrency ?? 64, queue.length));
    await Promise.all(Array.from({ length: workers }, worker));
    for (const outcome of await Promise.all(writes)) {
      if (outcome !== null) throw (outcome as { failed: unknown }).failed;
    }
    if (!result.leaseLost) {
      result.pruned =
        (await alertLog.pruneSuperseded(newestAsOf(positions))) +
        (await alertLog.pruneBefore(new Date(clock.now() - ALERT_LOG_RETENTION_MS)));
    }
    return result;
  }
}
