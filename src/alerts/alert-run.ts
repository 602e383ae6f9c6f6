import { randomUUID } from 'node:crypto';
import type { BudgetData } from '../domain';
import type { AlertLogEntry } from '../store/alert-records';
import type { AlertGroup, AlertPlan } from './alert-plan';
import { planAlerts } from './alert-plan';
import type { AlertSenderOptions, DeliveryOutcome } from './alert-sender';
import { AlertSender } from './alert-sender';
import type { AlertStateStore } from './alert-state';
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
  state: AlertStateStore;
  notifier: Notifier;
  clock: Clock;
  render?: AlertRenderer;
  sender?: Omit<AlertSenderOptions, 'clock'>;
  /**
   * Conversations worked at once (default 64). The rate limiter sets the pace; this must exceed
   * the overall rate so that waiting for the state file (intent, result) never slows delivery.
   */
  concurrency?: number;
}

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
  /** Alert-log entries dropped because newer data or a removed subscription made them moot. */
  pruned: number;
}

/** Thrown when a run is asked for while one is going on in this process. */
export class AlertRunInProgressError extends Error {
  constructor() {
    super('an alert run is already in progress');
    this.name = 'AlertRunInProgressError';
  }
}

function logEntries(
  group: AlertGroup,
  runId: string,
  state: AlertLogEntry['state'],
  nowIso: string,
  previous: ReadonlyMap<string, AlertLogEntry>,
  attempts: number,
  error: string | null,
): AlertLogEntry[] {
  return group.findings.map((f) => {
    const prev = previous.get(f.key);
    return {
      key: f.key,
      runId,
      subscriptionId: group.subscription.id,
      conversationId: group.subscription.conversationId,
      costCentre: f.costCentre,
      rule: f.rule,
      step: f.step,
      asOf: f.asOf,
      state,
      attempts: (prev?.attempts ?? 0) + attempts,
      error,
      createdAt: prev?.createdAt ?? nowIso,
      updatedAt: nowIso,
    };
  });
}

/**
 * Which alert-log entries still matter after a run: every unfinished one (intent, failed), and
 * delivered ones whose data date is still the newest for their cost centre. A delivered entry
 * for older data can never block anything again (newer data alerts anyway), nor can one of a
 * removed subscription; dropping them keeps the state file from growing without bound.
 */
export function keepEntry(
  positions: readonly BudgetPosition[],
  subscriptions: readonly { id: string }[],
): (e: AlertLogEntry) => boolean {
  const newest = new Map(positions.map((p) => [p.costCentre, p.asOf] as const));
  const subs = new Set(subscriptions.map((s) => s.id));
  return (e) => {
    if (!subs.has(e.subscriptionId)) return false;
    if (e.state !== 'sent') return true;
    const asOf = newest.get(e.costCentre);
    return asOf === undefined || e.asOf >= asOf;
  };
}

/**
 * Runs alerts: positions computed once from the store, rules evaluated per subscription, and
 * each subscription's findings delivered as one message. The alert log gets the intent before
 * a message is sent and the result after, so a crash in between is resumed (and marked as a
 * possible repeat) by the next run, and nothing delivered is sent again.
 */
export class AlertRunner {
  private running = false;

  constructor(private readonly deps: AlertRunnerDeps) {}

  /** Evaluates and (unless dryRun) delivers. Rejects with AlertRunInProgressError if a run is going on. */
  async run(
    data: BudgetData | readonly BudgetPosition[],
    opts: { dryRun?: boolean } = {},
  ): Promise<AlertRunResult> {
    if (this.running) throw new AlertRunInProgressError();
    this.running = true;
    try {
      return await this.runOnce(data, opts.dryRun ?? false);
    } finally {
      this.running = false;
    }
  }

  private async runOnce(
    data: BudgetData | readonly BudgetPosition[],
    dryRun: boolean,
  ): Promise<AlertRunResult> {
    const { state, clock } = this.deps;
    const render = this.deps.render ?? textRenderer;
    const runId = randomUUID();
    const startedAt = new Date(clock.now()).toISOString();
    const positions = Array.isArray(data)
      ? (data as readonly BudgetPosition[])
      : positionsFromStore(data as BudgetData);
    const log = new Map((await state.alertLog()).map((e) => [e.key, e] as const));
    const plan = planAlerts(positions, await state.listSubscriptions(), log, clock.now());
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
    const deliverGroup = async (group: AlertGroup, gone: string | null): Promise<string | null> => {
      const message = render(group);
      await state.recordAlerts(
        logEntries(group, runId, 'intent', new Date(clock.now()).toISOString(), log, 0, null),
      );
      const outcome: DeliveryOutcome =
        gone !== null
          ? { status: 'gone', attempts: 0, error: gone }
          : await sender.deliver(group.subscription.conversationId, message);
      const nowIso = new Date(clock.now()).toISOString();
      result.outcomes.push({ group, outcome });
      // The result is written without holding up the next message (a crash before it is on
      // disk only means a marked resend); the run waits for every such write before it ends.
      if (outcome.status === 'sent') {
        later(state.recordAlerts(logEntries(group, runId, 'sent', nowIso, log, outcome.attempts, null)));
        result.sent++;
        return null;
      }
      later(
        state.recordAlerts(logEntries(group, runId, 'failed', nowIso, log, outcome.attempts, outcome.error)),
      );
      result.failed++;
      if (outcome.status !== 'gone') return null;
      later(
        state.pauseSubscription(
          group.subscription.id,
          `bot removed from the conversation (${outcome.error})`,
        ),
      );
      result.paused++;
      return outcome.error;
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
    result.pruned = await state.pruneAlerts(keepEntry(positions, await state.listSubscriptions()));
    return result;
  }
}
