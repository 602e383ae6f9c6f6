import type { AlertLogEntry, Subscription } from '../store/alert-records';
import type { AlertFinding } from './alert-finding';
import { evaluateSubscription } from './alert-rules';
import type { BudgetPosition } from './budget-position';

/** One subscription's alerts in one run: they go out together, as one message. */
export interface AlertGroup {
  subscription: Subscription;
  findings: AlertFinding[];
  /** True when some finding's earlier delivery is uncertain (an explicit resend): it may have arrived already. */
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
  /** Findings whose delivery is uncertain (may have arrived): not sent again unless asked. */
  uncertain: number;
  /** Findings another run has claimed and is sending now. */
  inProgress: number;
}

/** Attempts, over all runs, after which a failing alert is left in the log as failed and not retried. */
export const MAX_DELIVERY_ATTEMPTS = 15;

const DAY_MS = 86_400_000;

/** How a run plans. */
export interface PlanOptions {
  /** Send uncertain ones again, marked as possible repeats (an operator's explicit choice). */
  resendUncertain?: boolean;
  /** The findings per subscription id, when already evaluated (to look up only their log keys). */
  findings?: ReadonlyMap<string, AlertFinding[]>;
}

/** Every active subscription's findings over the positions, by subscription id. */
export function alertFindings(
  positions: readonly BudgetPosition[],
  subscriptions: readonly Subscription[],
): Map<string, AlertFinding[]> {
  const out = new Map<string, AlertFinding[]>();
  for (const sub of subscriptions) if (!sub.paused) out.set(sub.id, evaluateSubscription(sub, positions));
  return out;
}

/**
 * Decides a run, purely: evaluates every active subscription over the positions and keeps what
 * the alert log has not settled. A sent finding never goes again; a failed one (the channel
 * refused it) is retried; an uncertain one (its run stopped, or its call timed out, after the
 * message may have left) is not sent again blindly, because neither the Bot Connector nor Teams
 * can tell whether it arrived: only on request, and then marked as a possible repeat.
 * `lastSent` (ISO per subscription) drives the quiet cool-down.
 */
export function planAlerts(
  positions: readonly BudgetPosition[],
  subscriptions: readonly Subscription[],
  log: ReadonlyMap<string, AlertLogEntry>,
  lastSent: ReadonlyMap<string, string>,
  nowMs: number,
  options: PlanOptions = {},
): AlertPlan {
  const plan: AlertPlan = {
    groups: [],
    evaluated: 0,
    paused: 0,
    quiet: 0,
    alreadySent: 0,
    givenUp: 0,
    uncertain: 0,
    inProgress: 0,
  };
  for (const sub of subscriptions) {
    if (sub.paused) {
      plan.paused++;
      continue;
    }
    plan.evaluated++;
    const last = lastSent.get(sub.id);
    const quiet =
      sub.quietDays > 0 && last !== undefined && nowMs - Date.parse(last) < sub.quietDays * DAY_MS;
    const findings: AlertFinding[] = [];
    let resend = false;
    for (const f of options.findings?.get(sub.id) ?? evaluateSubscription(sub, positions)) {
      const entry = log.get(f.key);
      if (entry?.state === 'sent') {
        plan.alreadySent++;
      } else if (entry?.state === 'claimed') {
        plan.inProgress++;
      } else if (entry?.state === 'uncertain') {
        if (options.resendUncertain) {
          resend = true;
          findings.push(f);
        } else plan.uncertain++;
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
