import { z } from 'zod';
import { SourceSchema } from '../domain/answer';
import { DecimalStringSchema, IsoDateSchema } from '../domain/fact';
import { LangSchema } from '../domain/query';
import { AlertRuleSchema } from '../store/alert-records';

/**
 * One rule an alert crossed. Shares are fractions ("0.8" = 80 %), points are percentage points
 * ("10" = 10 %-yks.): usedShare and projectedOverrun are shares (projectedOverrun: projection ÷
 * budget), pace and revenueShortfall are points.
 */
export const CrossedRuleSchema = z.object({
  rule: AlertRuleSchema,
  threshold: DecimalStringSchema,
  value: DecimalStringSchema,
});
export type CrossedRule = z.infer<typeof CrossedRuleSchema>;

/** Everything an alert card shows; built by the alerts engineer from the store and a subscription. */
export const AlertCardDataSchema = z.object({
  lang: LangSchema,
  subscriptionId: z.string().min(1),
  /** Canonical cost-centre name. */
  costCentre: z.string().min(1),
  /** MENOT, TULOT or NETTOMENO. */
  account: z.string().min(1),
  year: z.number().int(),
  /** Date of the data the alert was computed from (the TOT date). */
  asOf: IsoDateSchema,
  /** The rules crossed; empty on a card refreshed after the figures moved back under every step. */
  rules: z.array(CrossedRuleSchema),
  /** Signed amounts as in the store. */
  budget: DecimalStringSchema,
  actual: DecimalStringSchema,
  remaining: DecimalStringSchema.optional(),
  projection: DecimalStringSchema.optional(),
  usedShare: DecimalStringSchema,
  elapsedShare: DecimalStringSchema,
  /** Where the actual figure was printed. */
  source: SourceSchema,
  /** The source document's title (the store's), to name it on the card; absent = named generically. */
  sourceTitle: z.string().min(1).optional(),
  /** The question that opens the full answer ("Tietohallinto menot 2022"). */
  question: z.string().min(1),
  /** The subscription's own subject: null when it covers every cost centre. */
  subscriptionCostCentre: z.string().min(1).nullable().optional(),
  /** 'stopped': the subscription was stopped (from this card or since); the card offers to subscribe again. */
  subscriptionState: z.enum(['active', 'stopped']).optional(),
  /** Data date of the alert as first sent, when this card is a later refresh with the current figures. */
  sentAsOf: IsoDateSchema.optional(),
  /** Teams user ids whose card refreshes by itself when opened (at most 60); absent = everyone in a small chat. */
  refreshUserIds: z.array(z.string().min(1)).max(60).optional(),
  /** The stopped rule, to pre-fill the step picker when subscribing again. */
  prefill: z
    .object({ steps: z.string(), quietDays: z.string(), projection: z.enum(['true', 'false']) })
    .optional(),
});
export type AlertCardData = z.infer<typeof AlertCardDataSchema>;
