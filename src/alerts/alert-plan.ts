import type { AlertLogEntry, Subscription } from '../store/alert-records';
import type { AlertFinding } from './alert-finding';
import { evaluateSubscription } from './alert-rules';
import type { BudgetPosition } from './budget-position';

/** One subscription's alerts in one run: they go out together, as one message. */
export interface AlertGroup {
  subscription: Subscription;
  findings: AlertFinding[];
  /** True when some finding was written as intent by an earlier run that never recorded a result: it may have arrived already. */
  resend: boolean;
}

/** What a run will send, and what it holds back. */
export interface AlertPlan {
  groups: AlertGroup[];
  /** Subscriptions evaluated (not paused). */
  evaluated: number;
  /** Paused subscriptions, not evaluated. */
  paused: number;
  /** Findings held back by a subscription's quiet cool-down; they alert after it if still current. */
  quiet: number;
  /** Findings already delivered (same subscription, cost centre, rule, step and data date). */
  alreadySent: number;
  /** Failed findings no longer retried: they used up MAX_DELIVERY_ATTEMPTS over several runs. */
  givenUp: number;
}

/** Attempts, over all runs, after which a failing alert is left in the log as failed and not retried. */
export const MAX_DELIVERY_ATTEMPTS = 15;

const DAY_MS = 86_400_000;

/** The newest delivery per subscription, for the quiet cool-down. */
function lastSentBySubscription(log: Iterable<AlertLogEntry>): Map<string, number> {
  const last = new Map<string, number>();
  for (const e of log) {
    if (e.state !== 'sent') continue;
    const t = Date.parse(e.updatedAt);
    if (t > (last.get(e.subscriptionId) ?? Number.NEGATIVE_INFINITY)) last.set(e.subscriptionId, t);
  }
  return last;
}

/**
 * Decides a run, purely: evaluates every active subscription over the positions and keeps what
 * the alert log has not delivered. A logged intent with no result (a crash between sending and
 * recording) is sent again and marked as a possible repeat: at-least-once, because neither the
 * Bot Connector nor Teams can tell us whether the message arrived. A failed entry is retried.
 */
export function planAlerts(
  positions: readonly BudgetPosition[],
  subscriptions: readonly Subscription[],
  log: ReadonlyMap<string, AlertLogEntry>,
  nowMs: number,
): AlertPlan {
  const lastSent = lastSentBySubscription(log.values());
  const plan: AlertPlan = { groups: [], evaluated: 0, paused: 0, quiet: 0, alreadySent: 0, givenUp: 0 };
  for (const sub of subscriptions) {
    if (sub.paused) {
      plan.paused++;
      continue;
    }
    plan.evaluated++;
    const last = lastSent.get(sub.id);
    const quiet = sub.quietDays > 0 && last !== undefined && nowMs - last < sub.quietDays * DAY_MS;
    const findings: AlertFinding[] = [];
    let resend = false;
    for (const f of evaluateSubscription(sub, positions)) {
      const entry = log.get(f.key);
      if (entry?.state === 'sent') {
        plan.alreadySent++;
      } else if (entry?.state === 'intent') {
        resend = true;
        findings.push(f);
      } else if (entry?.state === 'failed') {
        if (entry.attempts >= MAX_DELIVERY_ATTEMPTS) plan.givenUp++;
        else findings.push(f);
      } else if (quiet) {
        plan.quiet++;
      } else {
        findings.push(f);
      }
    }
    if (findings.length > 0) plan.groups.push({ subscription: sub, findings, resend });
  }
  return plan;
}
