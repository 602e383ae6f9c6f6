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
  /** When it was paused (ISO); null while active. Older state files have none. */
  pausedAt: z.string().nullable().default(null),
  createdAt: z.string(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/**
 * Where a delivery stands: claimed by a run that is sending it, sent, failed (the channel
 * refused it: tried again by a later run), or uncertain (the run stopped, or the call timed out
 * or lost its socket, after the message may have left: not sent again unless asked).
 */
export const AlertLogStateSchema = z.preprocess(
  // State files written before claims said "intent" for the same thing.
  (v) => (v === 'intent' ? 'claimed' : v),
  z.enum(['claimed', 'sent', 'failed', 'uncertain']),
);
export type AlertLogState = z.infer<typeof AlertLogStateSchema>;

/**
 * One alert, claimed before it is sent and settled after (sent, failed or uncertain), so that
 * each goes out once across overlapping runs and instances. `key` is unique per subscription,
 * cost centre, rule, step and data as-of date; `runId` is the run that claimed it last.
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
  state: AlertLogStateSchema,
  attempts: z.number().int().nonnegative(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertLogEntry = z.infer<typeof AlertLogEntrySchema>;
