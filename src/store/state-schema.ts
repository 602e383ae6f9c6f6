/** The bot state file (conversations, subscriptions, alert log) as zod schemas. */
import { z } from 'zod';
import { LangSchema, QuerySchema } from '../domain/query';
import { AlertLogEntrySchema, SubscriptionSchema } from './alert-records';

/** What the bot remembers of one conversation: where to reach it and what was asked last. */
export const ConversationStateSchema = z.object({
  /** botbuilder ConversationReference as JSON, kept for proactive messages (alerts). */
  reference: z.record(z.string(), z.unknown()),
  /** The last understood question, so "entä 2020?" can reuse it; null once expired. */
  lastQuery: QuerySchema.nullable(),
  lang: LangSchema,
  /** ISO timestamp of the last turn. */
  updatedAt: z.string(),
  /** ISO timestamp of the last welcome; null (or absent in older files) when never greeted. */
  greetedAt: z.string().nullable().default(null),
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

/** A daily alert run that finished, so it is not run again that day. */
export const AlertDaySchema = z.object({ day: z.string(), runId: z.string(), finishedAt: z.string() });

/** The whole state file, version 1 (fields added later default when absent). */
export const BotStateSchema = z.object({
  version: z.literal(1),
  conversations: z.record(z.string(), ConversationStateSchema),
  subscriptions: z.array(SubscriptionSchema),
  alertLog: z.array(AlertLogEntrySchema),
  alertDays: z.array(AlertDaySchema).default([]),
});
export type BotState = z.infer<typeof BotStateSchema>;

/** A fresh, empty state. */
export function emptyBotState(): BotState {
  return { version: 1, conversations: {}, subscriptions: [], alertLog: [], alertDays: [] };
}
