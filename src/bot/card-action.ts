/** The data card buttons send back (contract with the cards part), parsed and checked. */
import { z } from 'zod';

const AskSchema = z.object({ action: z.literal('ask'), ask: z.string().min(1) });
const SubscribeSchema = z.object({ action: z.literal('subscribe'), costCentre: z.string().min(1).nullish() });
const UnsubscribeSchema = z.object({ action: z.literal('unsubscribe'), subscriptionId: z.string().min(1) });

/** A button's data: ask a question, subscribe to alerts, or cancel a subscription. */
export const CardActionSchema = z.discriminatedUnion('action', [
  AskSchema,
  SubscribeSchema,
  UnsubscribeSchema,
]);
export type CardAction = z.infer<typeof CardActionSchema>;

/**
 * Reads a button's data from an activity value (Action.Submit) or action data (Action.Execute).
 * Returns null for no data at all, 'invalid' for data that is not one of ours.
 */
export function parseCardAction(value: unknown): CardAction | 'invalid' | null {
  if (value === undefined || value === null) return null;
  const parsed = CardActionSchema.safeParse(value);
  return parsed.success ? parsed.data : 'invalid';
}
