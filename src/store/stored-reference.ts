/**
 * What of a conversation reference is stored, and how long its strings may be. The reference
 * comes from an incoming activity, so its names (conversation, user, bot) and any extra fields
 * are whatever the sender put there: only the fields a proactive message needs are kept, and
 * echoed strings are capped, so one forged activity cannot make every later read of the state
 * carry hundreds of kilobytes.
 */

/** Longest stored display name (conversation, user, bot). Teams' own names are far shorter. */
export const MAX_STORED_NAME = 256;
/** Longest stored id or short field (ids, tenant, locale, conversation type, role). */
export const MAX_STORED_ID = 512;
/** Longest stored URL (the activity shape check already refuses longer serviceUrls). */
export const MAX_STORED_URL = 2000;

/** The string capped to `max` characters (whole code points), or undefined when not a string. */
export function capText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length <= max) return value;
  // Code points, not UTF-16 units, so a cut never splits a character; 2 × max units hold max of them.
  return Array.from(value.slice(0, 2 * max))
    .slice(0, max)
    .join('');
}

function account(value: unknown, fields: readonly string[]): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const text = capText(v[f], f === 'name' ? MAX_STORED_NAME : MAX_STORED_ID);
    if (text !== undefined) out[f] = text;
  }
  if (typeof v.isGroup === 'boolean') out.isGroup = v.isGroup;
  return out;
}

/**
 * The parts of a botbuilder ConversationReference a proactive message needs, strings capped.
 * The conversation id is kept whole (it is the key and the address; the activity shape check
 * bounds it), everything else is capped or dropped.
 */
export function storableReference(reference: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const conversation = account(reference.conversation, ['name', 'conversationType', 'tenantId']);
  const conv = reference.conversation as { id?: unknown } | undefined;
  if (conversation) {
    if (typeof conv?.id === 'string') conversation.id = conv.id;
    out.conversation = conversation;
  }
  const user = account(reference.user, ['id', 'name', 'aadObjectId', 'role']);
  if (user) out.user = user;
  const bot = account(reference.bot, ['id', 'name', 'role']);
  if (bot) out.bot = bot;
  for (const [field, max] of [
    ['activityId', MAX_STORED_ID],
    ['channelId', MAX_STORED_ID],
    ['locale', MAX_STORED_ID],
    ['serviceUrl', MAX_STORED_URL],
  ] as const) {
    const text = capText(reference[field], max);
    if (text !== undefined) out[field] = text;
  }
  return out;
}
