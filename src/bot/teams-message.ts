/**
 * Reading and writing Teams messages: the typed question without @mentions or shared cards,
 * the channel a thread belongs to, and a card message that says its answer once.
 */
import { type Activity, type Attachment, CardFactory, TurnContext } from 'botbuilder';
import type { CardJson } from './ports';

/**
 * Teams marks a card inserted into the compose box (a message-extension result shared into the
 * chat) with this span in the message text; the card itself comes as an attachment.
 */
const SHARED_CARD_SPAN =
  /<span\b[^>]*\binline-compose-card\b[^>]*>(?:\s*<span\b[^>]*>[^<]*<\/span>)*\s*<\/span>/gi;

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The message text without the bot's @mention (Teams puts "<at>Bot</at>" into the text) and without shared cards. */
export function questionText(activity: Partial<Activity>): string {
  if (typeof activity.text !== 'string') return '';
  const botId = activity.recipient?.id;
  let text = activity.text;
  for (const m of TurnContext.getMentions(activity)) {
    if (m.mentioned?.id === botId && typeof m.text === 'string' && m.text !== '')
      text = text.split(m.text).join(' ');
  }
  return text.replace(SHARED_CARD_SPAN, ' ').replace(/\s+/g, ' ').trim();
}

/** True when the message carries a card someone shared into the chat (a message-extension result). */
export function carriesSharedCard(activity: Partial<Activity>): boolean {
  const text = typeof activity.text === 'string' ? activity.text : '';
  SHARED_CARD_SPAN.lastIndex = 0;
  return (
    SHARED_CARD_SPAN.test(text) || (activity.attachments ?? []).some((a) => a.contentType === ADAPTIVE_CARD)
  );
}

/**
 * The channel of a channel thread: Teams names a thread "<channel>;messageid=<root post>".
 * A message to the channel id starts a new post; to the thread id it is a reply in the thread.
 * Other conversation ids are returned as they are.
 */
export function channelConversationId(conversationId: string): string {
  const i = conversationId.indexOf(';messageid=');
  return i < 0 ? conversationId : conversationId.slice(0, i);
}

/** A card's own one-line gist (its `speak`), if it has one. */
export function spokenOf(card: CardJson): string | null {
  const speak = (card as { speak?: unknown }).speak;
  return typeof speak === 'string' && speak.trim() !== '' ? speak : null;
}

/**
 * A message that carries one card and says nothing beside it: Teams would show a text as a
 * paragraph of its own next to the card. `summary` is the notification and chat-list preview;
 * the card's `speak` (set here when the card has none) is what a screen reader announces first.
 */
export function cardMessage(card: CardJson, summary: string | null): Partial<Activity> {
  const spoken = summary && !('speak' in card) ? { ...card, speak: summary } : card;
  const attachment: Attachment = CardFactory.adaptiveCard(spoken);
  return {
    type: 'message',
    attachments: [attachment],
    ...(summary ? { summary } : {}),
  };
}
