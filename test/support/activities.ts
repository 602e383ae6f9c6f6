/**
 * Builders of real Bot Framework activities as Teams sends them, for HTTP tests. Each takes
 * the connector's serviceUrl so that the bot's replies land on the local connector.
 */
import { randomUUID } from 'node:crypto';

/** Ids used by the builders: one bot, one user, one tenant. */
export const BOT = { id: '28:budget-bot', name: 'Budjettibotti' };
export const USER = { id: '29:user-1', name: 'Maija Meikäläinen', aadObjectId: 'aad-user-1' };
export const TENANT = 'tenant-kemi';

/** Where an activity happens. */
export interface Where {
  serviceUrl: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  tenantId?: string;
  locale?: string;
}

type Activity = Record<string, unknown>;

function base(type: string, where: Where): Activity {
  const conversationType = where.conversationType ?? 'personal';
  const tenantId = where.tenantId ?? TENANT;
  return {
    type,
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: { ...USER },
    recipient: { ...BOT },
    conversation: {
      id: where.conversationId ?? `a:conv-${randomUUID()}`,
      conversationType,
      tenantId,
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    channelData: { tenant: { id: tenantId } },
    locale: where.locale ?? 'fi-FI',
  };
}

/** A typed message; `mention` puts "<at>Bot</at>" in front, as Teams does in chats and channels. */
export function message(where: Where, text: string, opts: { mention?: boolean } = {}): Activity {
  const a = base('message', where);
  if (opts.mention) {
    const at = `<at>${BOT.name}</at>`;
    a.text = `${at} ${text}`;
    a.entities = [{ type: 'mention', text: at, mentioned: { ...BOT } }];
  } else {
    a.text = text;
  }
  a.textFormat = 'plain';
  return a;
}

/** A click on an Action.Submit button: a message whose value is the button's data. */
export function submit(where: Where, data: Record<string, unknown>): Activity {
  const a = base('message', where);
  const ms = (data.msteams ?? {}) as { text?: string };
  if (ms.text) a.text = ms.text;
  a.value = data;
  return a;
}

/** The bot or a user joining a conversation. */
export function conversationUpdate(
  where: Where,
  membersAdded: Array<{ id: string; name?: string }>,
): Activity {
  return { ...base('conversationUpdate', where), membersAdded };
}

/** The app being installed (or removed) in a conversation. */
export function installationUpdate(where: Where, action: 'add' | 'remove' = 'add'): Activity {
  return { ...base('installationUpdate', where), action };
}

/** An invoke, e.g. composeExtension/query or adaptiveCard/action. */
export function invoke(where: Where, name: string, value: unknown): Activity {
  return { ...base('invoke', where), name, value };
}

/** A composeExtension/query for the search command; null = the initial run. */
export function searchQuery(where: Where, text: string | null): Activity {
  const parameters =
    text === null ? [{ name: 'initialRun', value: 'true' }] : [{ name: 'query', value: text }];
  return invoke(where, 'composeExtension/query', {
    commandId: 'budjetti',
    parameters,
    queryOptions: { skip: 0, count: 25 },
  });
}

/** An Action.Execute (Universal Action) with the given data, clicked on the card message `replyToId`. */
export function executeAction(where: Where, data: Record<string, unknown>, replyToId?: string): Activity {
  return {
    ...invoke(where, 'adaptiveCard/action', {
      action: { type: 'Action.Execute', verb: String(data.action ?? ''), data },
    }),
    ...(replyToId ? { replyToId } : {}),
  };
}

/**
 * A message carrying a card shared from the message extension, as Teams sends it: the compose
 * box's inline-card span in the text, the card as an attachment, optionally typed words beside it.
 */
export function sharedCard(
  where: Where,
  card: object,
  typed = '',
  opts: { mention?: boolean } = {},
): Activity {
  const a = message(where, typed, opts);
  const span =
    '<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension"><span content="0" itemprop="cardId"></span></span>';
  a.text = `${String(a.text)}\n${span}\n`;
  a.textFormat = 'xml';
  a.attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }];
  return a;
}
