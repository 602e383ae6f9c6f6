import {
  type Activity,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import { channelConversationId } from '../bot/teams-message';
import { ConnectorTransport } from './connector-transport';
import type { AlertMessage, Notifier } from './notifier';
import { DeliveryError } from './notifier';
import { parseRetryAfter } from './retry-policy';

/** Where the proactive notifier finds a conversation's stored botbuilder reference. */
export type ReferenceLookup = (conversationId: string) => Promise<Record<string, unknown> | null>;

interface HttpErrorLike {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  response?: { headers?: { get?: (name: string) => string | undefined } | Record<string, unknown> };
}

function retryAfterOf(err: HttpErrorLike): string | null {
  const headers = err.response?.headers;
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get: (n: string) => string | undefined }).get('retry-after') ?? null;
  }
  const v = (headers as Record<string, unknown>)['retry-after'];
  return typeof v === 'string' ? v : null;
}

/** Turns whatever the Bot Connector client threw into a DeliveryError with the HTTP status. */
export function toDeliveryError(err: unknown, nowMs: number): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as HttpErrorLike;
  const status =
    typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : null;
  const message = err instanceof Error ? err.message : String(err);
  return new DeliveryError(message.slice(0, 300), status, parseRetryAfter(retryAfterOf(e), nowMs));
}

/**
 * The activity of an alert: the cards alone when they say everything (the summary is the
 * notification preview), with the text only for what they leave out; the text alone without cards.
 */
export function alertActivity(message: AlertMessage): Partial<Activity> {
  if (message.cards.length === 0) return MessageFactory.text(message.text);
  const activity: Partial<Activity> = MessageFactory.list(
    message.cards.map((c) => CardFactory.adaptiveCard(c)),
  );
  if (message.text) activity.text = message.text;
  const summary = message.summary ?? message.text.split('\n')[0];
  if (summary) activity.summary = summary;
  return activity;
}

/**
 * The reference an alert is sent with: a new post, not a reply. A reference taken in a channel
 * thread names the thread ("<channel>;messageid=<root>") and the message it answered; an alert
 * to it would land as a reply in an old thread.
 */
export function newPostReference(reference: Record<string, unknown>): Record<string, unknown> {
  const { activityId: _answered, ...rest } = reference;
  const conversation = rest.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation.id !== 'string') return rest;
  return { ...rest, conversation: { ...conversation, id: channelConversationId(conversation.id) } };
}

/**
 * Sends alerts as proactive messages through botbuilder's CloudAdapter with the conversation
 * reference the bot stored (continueConversationAsync): one activity with the text and the
 * alert cards. The Bot Connector's own answer decides the outcome: 2xx delivered, anything
 * else a DeliveryError the sender retries, or pauses on (403/404).
 */
export class BotNotifier implements Notifier {
  /**
   * A notifier with its own CloudAdapter (same credentials as the bot's) whose Connector client
   * uses ConnectorTransport: one HTTP call per attempt, failures as DeliveryError.
   */
  static create(
    auth: ConfigurationBotFrameworkAuthenticationOptions,
    references: ReferenceLookup,
    opts: { attemptTimeoutMs?: number } = {},
  ): BotNotifier {
    // The connector client options type is not re-exported by botbuilder; httpClient is all we set.
    const clientOptions = {
      httpClient: new ConnectorTransport(opts.attemptTimeoutMs),
    } as unknown as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4];
    const adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication(auth, undefined, undefined, undefined, clientOptions),
    );
    return new BotNotifier(adapter, auth.MicrosoftAppId ?? '', references);
  }

  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's Microsoft App ID; empty in anonymous local mode. */
    private readonly appId: string,
    private readonly references: ReferenceLookup,
  ) {}

  async send(conversationId: string, message: AlertMessage): Promise<void> {
    const reference = await this.references(conversationId);
    // No stored reference: the bot was never spoken to here (or the state was lost): same as removed.
    if (!reference) throw new DeliveryError('no conversation reference stored', 404);
    const activity = alertActivity(message);
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        newPostReference(reference) as Partial<ConversationReference>,
        async (context: TurnContext) => {
          // botbuilder makes a proactive send a reply to its own continuation event; an alert is
          // a message of its own (in a channel: a new post), so it goes out with no replyToId.
          context.onSendActivities(async (_ctx, activities, next) => {
            for (const a of activities) delete a.replyToId;
            return next();
          });
          await context.sendActivity(activity);
        },
      );
    } catch (err) {
      throw toDeliveryError(err, Date.now());
    }
  }
}
