import type { AlertRule } from '../store/alert-records';
import type { BudgetPosition } from './budget-position';

/**
 * One rule that holds for one cost centre under one subscription. `key` is unique per
 * subscription, cost centre, rule, step and data as-of date: the alert log's identity, so the
 * same state never alerts twice while a higher step or newer data does.
 */
export interface AlertFinding {
  key: string;
  subscriptionId: string;
  costCentre: string;
  rule: AlertRule;
  /** The step that was crossed, as a decimal string: a used-share step ("0.9"), points ("10"), or "1" for an overrun. */
  step: string;
  asOf: string;
  /** The measured value, exact, as a decimal string: used share, pace points, projection or revenue gap in points. */
  value: string;
  /** True for figures that are estimates (the linear projection). */
  estimate: boolean;
  position: BudgetPosition;
}

/** Builds the alert-log key of a finding. */
export function alertKey(parts: {
  subscriptionId: string;
  costCentre: string;
  rule: AlertRule;
  step: string;
  asOf: string;
}): string {
  return [parts.subscriptionId, parts.costCentre, parts.rule, parts.step, parts.asOf].join('|');
}
