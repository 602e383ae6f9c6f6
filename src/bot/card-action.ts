/**
 * The data card buttons send back (contract with the cards part), parsed and checked. Buttons
 * are Universal Actions (Action.Execute): the verb says what to do, the data what with. Cards
 * already in chats from before may still send Action.Submit values with the same `action` names.
 */
import { z } from 'zod';

// Cards show names with invisible word joiners that keep template syntax inert (cards/user-text.ts):
// they are not part of the name.
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/\u2060/g, '').trim())
    .pipe(z.string().min(1));
/** A subscription's subject; empty or absent = every cost centre. */
const costCentre = z
  .string()
  .max(200)
  .nullish()
  .transform((s) => s?.replace(/\u2060/g, '').trim() || null);

/** Where a subscription button was pressed on an alert card: the card it came from comes back after. */
const AlertOriginSchema = z.object({ costCentre: text(200), asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

/** Step picker input, as Teams sends it: comma-separated steps, a quiet period, the projection toggle. */
const RuleFields = {
  steps: z.string().max(200),
  quietDays: z.string().max(3),
  projection: z.enum(['true', 'false']),
};
const RuleInputSchema = z.object({
  steps: RuleFields.steps.default(''),
  quietDays: RuleFields.quietDays.default('0'),
  projection: RuleFields.projection.default('true'),
});
/** A rule to pre-fill the picker with: only the parts given. */
const RulePrefillSchema = z.object(RuleFields).partial();

const AskSchema = z.object({ action: z.literal('ask'), ask: text(2000) });
/** A choice on a clarify or not-found card: the answer takes the card's place. */
const ChooseSchema = z.object({ action: z.literal('choose'), ask: text(2000) });
/** "Tilaa hälytykset" on an answer card: the step picker comes as a new message. */
const SubscribeSchema = z.object({ action: z.literal('subscribe'), costCentre });
/** "Muuta rajoja" / "Tilaa uudelleen": the step picker takes the card's place, pre-filled. */
const EditSubscriptionSchema = z.object({
  action: z.literal('editSubscription'),
  costCentre,
  prefill: RulePrefillSchema.nullish(),
  alert: AlertOriginSchema.nullish(),
});
const SaveSubscriptionSchema = RuleInputSchema.extend({
  action: z.literal('saveSubscription'),
  costCentre,
  alert: AlertOriginSchema.nullish(),
});
const CancelEditSchema = z.object({
  action: z.literal('cancelEdit'),
  costCentre,
  alert: AlertOriginSchema.nullish(),
});
const UnsubscribeSchema = z.object({
  action: z.literal('unsubscribe'),
  subscriptionId: text(200),
  alert: AlertOriginSchema.nullish(),
});
/** An alert card's `refresh`: the card shows the current figures when opened later. */
const RefreshAlertSchema = z.object({
  action: z.literal('refreshAlert'),
  subscriptionId: text(200),
  costCentre: text(200),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** A button's data: ask, choose, or one of the subscription actions. */
export const CardActionSchema = z.discriminatedUnion('action', [
  AskSchema,
  ChooseSchema,
  SubscribeSchema,
  EditSubscriptionSchema,
  SaveSubscriptionSchema,
  CancelEditSchema,
  UnsubscribeSchema,
  RefreshAlertSchema,
]);
export type CardAction = z.infer<typeof CardActionSchema>;
/** The step picker's input values. */
export type RuleInput = z.infer<typeof RuleInputSchema>;
/** The alert card a subscription action was pressed on. */
export type AlertOrigin = z.infer<typeof AlertOriginSchema>;

/**
 * Reads a button's data from an activity value (Action.Submit). Returns null for no data at
 * all, 'invalid' for data that is not one of ours.
 */
export function parseCardAction(value: unknown): CardAction | 'invalid' | null {
  if (value === undefined || value === null) return null;
  const parsed = CardActionSchema.safeParse(value);
  return parsed.success ? parsed.data : 'invalid';
}

/**
 * Reads an Action.Execute from an adaptiveCard/action invoke: the verb names the action, the
 * data (with the card's input values merged in by Teams) carries the rest.
 */
export function parseExecuteAction(action: unknown): CardAction | 'invalid' {
  if (typeof action !== 'object' || action === null) return 'invalid';
  const { verb, data } = action as { verb?: unknown; data?: unknown };
  const fields = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  if (typeof verb !== 'string' || verb === '') return parseCardAction(fields) ?? 'invalid';
  return parseCardAction({ ...fields, action: verb }) ?? 'invalid';
}
