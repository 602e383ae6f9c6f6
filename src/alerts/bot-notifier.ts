import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
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
    const activity =
      message.cards.length > 0
        ? MessageFactory.list(
            message.cards.map((c) => CardFactory.adaptiveCard(c)),
            message.text,
          )
        : MessageFactory.text(message.text);
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        reference as Partial<ConversationReference>,
        async (context: TurnContext) => {
          await context.sendActivity(activity);
        },
      );
    } catch (err) {
      throw toDeliveryError(err, Date.now());
    }
  }
}
