/**
 * The hook through which the alerts part handles subscription commands. The bot only routes
 * them here; it holds no alert logic.
 */
import type { Lang, Query } from '../domain/query';
import type { CardJson } from './ports';

/** Where a command came from. */
export interface CommandConversation {
  id: string;
  type: 'personal' | 'groupChat' | 'channel';
  tenantId: string | null;
  /** botbuilder ConversationReference as JSON, for later proactive messages. */
  reference: Record<string, unknown>;
}

/** Who sent a command. */
export interface CommandUser {
  id: string;
  name: string | null;
  aadObjectId: string | null;
  /** Listed in ADMIN_USER_IDS. */
  isAdmin: boolean;
}

/** One subscription command, typed or clicked. */
export type SubscriptionCommand =
  | { kind: 'subscribe' | 'unsubscribe' | 'listSubscriptions'; query: Query }
  | { kind: 'subscribe'; costCentre: string | null; query: null }
  | { kind: 'unsubscribe'; subscriptionId: string; query: null };

/** What to send back: a short text (for notifications and screen readers) and an optional card. */
export interface CommandReply {
  text: string;
  card: CardJson | null;
}

/** Implemented by the alerts part; passed to the bot at start. */
export interface SubscriptionCommands {
  handle(
    command: SubscriptionCommand,
    conversation: CommandConversation,
    user: CommandUser,
    lang: Lang,
  ): Promise<CommandReply>;
  /**
   * The bot was added to the conversation again: its subscriptions paused when the bot was
   * removed go on. Resolves with how many resumed.
   */
  resume(conversation: CommandConversation): Promise<number>;
  /** The bot was removed from the conversation: its subscriptions pause (nothing can reach it). */
  pause(conversation: CommandConversation): Promise<number>;
}
