import { z } from 'zod';

/** Alert rules a subscription can trigger (see the alerts issue). */
export const AlertRuleSchema = z.enum(['usedShare', 'pace', 'projectedOverrun', 'revenueShortfall']);
export type AlertRule = z.infer<typeof AlertRuleSchema>;

/** Who asked to hear about which cost centre, where, and with which thresholds. */
export const SubscriptionSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  scope: z.enum(['personal', 'groupChat', 'channel']),
  createdBy: z.string(),
  /** Canonical cost-centre name; null = every cost centre. */
  costCentre: z.string().nullable(),
  /** Used-share steps as decimal strings ("0.5", "0.75", "0.9", "1"). */
  thresholds: z.array(z.string()),
  /** Pace rule: used share minus elapsed share, in percentage points. */
  pacePoints: z.string(),
  /** Revenue shortfall rule: revenue used share behind elapsed share, in points. */
  revenueShortfallPoints: z.string(),
  projection: z.boolean(),
  /** Cool-down: no new alert for this subscription within this many days of the last one. */
  quietDays: z.number().int().nonnegative(),
  lang: z.enum(['fi', 'en']),
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/**
 * One alert, recorded before it is sent (intent) and after (sent or failed), so that a crash
 * in the middle of a run resumes without duplicates. `key` is unique per subscription, cost
 * centre, rule, step and data as-of date.
 */
export const AlertLogEntrySchema = z.object({
  key: z.string(),
  runId: z.string(),
  subscriptionId: z.string(),
  conversationId: z.string(),
  costCentre: z.string(),
  rule: AlertRuleSchema,
  step: z.string(),
  asOf: z.string(),
  state: z.enum(['intent', 'sent', 'failed']),
  attempts: z.number().int().nonnegative(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertLogEntry = z.infer<typeof AlertLogEntrySchema>;
