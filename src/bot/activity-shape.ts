/**
 * The shape an incoming activity must have before botbuilder sees it. botbuilder trusts the
 * channel: a serviceUrl that is not a string, or a conversation without an id, makes it throw
 * deep inside (a 500 and a stack trace on stderr). Fuzzing found these; here they become a 400
 * naming the field. Only types are checked, and only of fields botbuilder or the bot reads;
 * anything else passes through untouched.
 */
import { z } from 'zod';

const account = z.object({ id: z.string().optional(), name: z.string().nullish() }).passthrough();

const ActivityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(1000).optional(),
    serviceUrl: z.string().max(2000).optional(),
    channelId: z.string().max(200).optional(),
    text: z.string().optional(),
    textFormat: z.string().max(100).optional(),
    locale: z.string().max(100).nullish(),
    name: z.string().max(1000).optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z
      .object({ id: z.string().min(1).max(2000), tenantId: z.string().nullish() })
      .passthrough()
      .optional(),
    entities: z.array(z.record(z.string(), z.unknown())).optional(),
    attachments: z.array(z.record(z.string(), z.unknown())).optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    channelData: z.record(z.string(), z.unknown()).nullish(),
    replyToId: z.string().optional(),
    timestamp: z.string().optional(),
  })
  .passthrough();

/** Why a parsed body cannot be an activity ("serviceUrl: expected string"), or null when it can. */
export function activityShapeProblem(body: Record<string, unknown>): string | null {
  const checked = ActivityShape.safeParse(body);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const field = issue?.path.join('.') || 'activity';
  // The field's name and what was expected; never the value sent.
  return `${field}: ${issue?.code === 'invalid_type' ? `expected ${issue.expected}` : 'not accepted'}`;
}
