/**
 * The hook through which the alerts part handles subscription commands. The bot only routes
 * them here; it holds no alert logic.
 */
import type { Lang, Query } from '../domain/query';
import type { AlertOrigin, RuleInput } from './card-action';
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

/**
 * One subscription command, typed (with the understood query) or clicked (query null). A typed
 * "tilaa hälytykset" without a step never replaces an existing rule; the step picker
 * (subscribeForm) shows the current rule and changes it only when saved.
 */
export type SubscriptionCommand =
  | { kind: 'subscribe' | 'unsubscribe' | 'listSubscriptions'; query: Query }
  /** The step picker, pre-filled with the conversation's current rule for the subject (or `prefill`, or the defaults). */
  | {
      kind: 'subscribeForm';
      costCentre: string | null;
      prefill: Partial<RuleInput> | null;
      alert: AlertOrigin | null;
      query: null;
    }
  /** The picker's "Tallenna": the rule as chosen. */
  | {
      kind: 'saveSubscription';
      costCentre: string | null;
      rule: RuleInput;
      alert: AlertOrigin | null;
      query: null;
    }
  /** The picker's "Peruuta": nothing changes; the card shows what holds. */
  | { kind: 'cancelEdit'; costCentre: string | null; alert: AlertOrigin | null; query: null }
  | { kind: 'unsubscribe'; subscriptionId: string; alert: AlertOrigin | null; query: null }
  /** An alert card opened later: the same card with the current figures. */
  | { kind: 'refreshAlert'; subscriptionId: string; costCentre: string; asOf: string; query: null };

/**
 * What to send back: a card, and a short text that is the notification preview beside a card
 * (never shown next to it) or the whole reply when there is no card.
 */
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
