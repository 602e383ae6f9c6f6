import type Decimal from 'decimal.js';
import { money } from '../domain/money';
import type { AlertRule, Subscription } from '../store/alert-records';
import type { AlertFinding } from './alert-finding';
import { alertKey } from './alert-finding';
import type { BudgetPosition } from './budget-position';

/** The rule settings of a subscription, parsed once to exact decimals. */
export interface ParsedRules {
  /** Used-share steps, ascending. */
  steps: Decimal[];
  pacePoints: Decimal;
  revenueShortfallPoints: Decimal;
  projection: boolean;
}

/** Parses a subscription's rule settings; a stored value that is not a decimal is dropped, never guessed. */
export function parseRules(sub: Subscription): ParsedRules {
  const steps: Decimal[] = [];
  for (const t of sub.thresholds) {
    try {
      const d = money(t);
      if (d.isFinite() && d.greaterThan(0)) steps.push(d);
    } catch {
      // A hand-edited state file may hold garbage; that step is simply not evaluated.
    }
  }
  steps.sort((a, b) => a.comparedTo(b));
  return {
    steps,
    pacePoints: money(sub.pacePoints),
    revenueShortfallPoints: money(sub.revenueShortfallPoints),
    projection: sub.projection,
  };
}

function finding(
  sub: Subscription,
  p: BudgetPosition,
  rule: AlertRule,
  step: Decimal,
  value: Decimal,
  estimate = false,
): AlertFinding {
  const stepText = step.toString();
  return {
    key: alertKey({ subscriptionId: sub.id, costCentre: p.costCentre, rule, step: stepText, asOf: p.asOf }),
    subscriptionId: sub.id,
    costCentre: p.costCentre,
    rule,
    step: stepText,
    asOf: p.asOf,
    value: value.toString(),
    estimate,
    position: p,
  };
}

/**
 * The rules that hold for one position under one subscription, exact at the boundaries
 * (a used share of exactly 0.9 crosses the 0.9 step, 0.8999 does not):
 * - usedShare: the highest step the used share has reached (only the highest: one alert per state);
 * - pace: used share − elapsed share ≥ the subscription's points;
 * - projectedOverrun: the linear projection's magnitude above the budget's (an estimate);
 * - revenueShortfall: elapsed share − revenue used share ≥ the subscription's points.
 */
export function evaluatePosition(sub: Subscription, rules: ParsedRules, p: BudgetPosition): AlertFinding[] {
  const out: AlertFinding[] = [];
  if (p.usedShare !== null) {
    let reached: Decimal | null = null;
    for (const s of rules.steps) if (p.usedShare.greaterThanOrEqualTo(s)) reached = s;
    if (reached) out.push(finding(sub, p, 'usedShare', reached, p.usedShare));
  }
  const pace = p.pacePoints;
  if (pace?.greaterThanOrEqualTo(rules.pacePoints)) {
    out.push(finding(sub, p, 'pace', rules.pacePoints, pace));
  }
  const projection = p.projection;
  if (rules.projection && projection?.abs().greaterThan(p.expenseBudget.amount.abs())) {
    out.push(finding(sub, p, 'projectedOverrun', money(1), projection, true));
  }
  if (p.revenueUsedShare !== null) {
    const gap = p.elapsedShare.minus(p.revenueUsedShare).times(100);
    if (gap.greaterThanOrEqualTo(rules.revenueShortfallPoints)) {
      out.push(finding(sub, p, 'revenueShortfall', rules.revenueShortfallPoints, gap));
    }
  }
  return out;
}

/** Whether a subscription covers a cost centre (null = all of them). */
export function covers(sub: Subscription, costCentre: string): boolean {
  return sub.costCentre === null || sub.costCentre === costCentre;
}

/** Every finding of one subscription over the run's positions, in cost-centre order. */
export function evaluateSubscription(
  sub: Subscription,
  positions: readonly BudgetPosition[],
): AlertFinding[] {
  const rules = parseRules(sub);
  const out: AlertFinding[] = [];
  for (const p of positions) if (covers(sub, p.costCentre)) out.push(...evaluatePosition(sub, rules, p));
  return out;
}
