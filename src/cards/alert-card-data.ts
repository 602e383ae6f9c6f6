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
  rules: z.array(CrossedRuleSchema).min(1),
  /** Signed amounts as in the store. */
  budget: DecimalStringSchema,
  actual: DecimalStringSchema,
  remaining: DecimalStringSchema.optional(),
  projection: DecimalStringSchema.optional(),
  usedShare: DecimalStringSchema,
  elapsedShare: DecimalStringSchema,
  /** Where the actual figure was printed. */
  source: SourceSchema,
  /** The question that opens the full answer ("Tietohallinto menot 2022"). */
  question: z.string().min(1),
});
export type AlertCardData = z.infer<typeof AlertCardDataSchema>;
