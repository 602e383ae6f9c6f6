/**
 * The Teams side of the budget bot: a thin TeamsActivityHandler that turns activities into
 * questions for the core and answers into cards. No budget logic lives here.
 */
import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type InvokeResponse,
  MessageFactory,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { leadSentence } from '../domain/lead-sentence';
import type { Lang, Query } from '../domain/query';
import type { StateStore } from '../store/state-store';
import { botMessage, langFromLocale } from './bot-messages';
import { type CardAction, parseCardAction } from './card-action';
import { searchBudget } from './message-extension';
import type { Assistant, CardJson, CardRenderer } from './ports';
import type { QuestionRateLimit } from './question-rate-limit';
import type {
  CommandConversation,
  CommandReply,
  CommandUser,
  SubscriptionCommand,
  SubscriptionCommands,
} from './subscription-commands';
import { typingWhile } from './typing-indicator';

/** Questions longer than this get a polite refusal instead of an answer. */
export const DEFAULT_MAX_QUESTION_CHARS = 500;

/** Everything the bot is built from. */
export interface BudgetTeamsBotOptions {
  assistant: Assistant;
  cards: CardRenderer;
  state: StateStore;
  logger: Logger;
  /** The alerts part's handler for subscription commands; null = alerts not available. */
  subscriptions: SubscriptionCommands | null;
  adminUserIds: readonly string[];
  maxQuestionChars?: number;
  /** Per-user limit on questions; none = unlimited. */
  questionRate?: QuestionRateLimit;
}

/** What one turn did, for the one log line per turn. */
interface TurnRecord {
  kind: string;
  intent: string | null;
  status: string;
}

const TURN_RECORD = Symbol('budgetTurnRecord');
/** Install events closer together than this get one welcome. */
const WELCOME_DEDUPE_MS = 60_000;
const SUBSCRIPTION_INTENTS = new Set(['subscribe', 'unsubscribe', 'listSubscriptions']);

/** The Teams bot: personal, group chat and channel conversations, card actions, the message extension. */
export class BudgetTeamsBot extends TeamsActivityHandler {
  private readonly maxQuestionChars: number;
  private readonly admins: Set<string>;

  constructor(private readonly options: BudgetTeamsBotOptions) {
    super();
    this.maxQuestionChars = options.maxQuestionChars ?? DEFAULT_MAX_QUESTION_CHARS;
    this.admins = new Set(options.adminUserIds);

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.botAdded(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.botAdded(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) await this.botRemoved(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.botRemoved(context);
      await next();
    });
  }

  /**
   * Runs a turn and writes its log line. Tenant, token and serviceUrl were checked before the
   * turn (src/bot/request-gate.ts): an activity that reaches here is one the bot serves.
   */
  override async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    const record: TurnRecord = { kind: context.activity.type ?? 'unknown', intent: null, status: 'ignored' };
    context.turnState.set(TURN_RECORD, record);
    try {
      await super.run(context);
    } catch (err) {
      record.status = 'error';
      throw err;
    } finally {
      this.options.logger.info(
        {
          event: 'turn',
          activityType: record.kind,
          conversationType: context.activity.conversation?.conversationType ?? null,
          intent: record.intent,
          status: record.status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        },
        'turn',
      );
    }
  }

  /** Answers the search command of the message extension. */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const { response, kind, dropped } = searchBudget(this.options.assistant, this.options.cards, query ?? {});
    const record = turnRecord(context);
    record.intent = `search:${kind}`;
    record.status = 'answer';
    if (dropped > 0)
      this.options.logger.warn({ dropped }, 'search results over the size limit were left out');
    return response;
  }

  /** Universal Actions (Action.Execute): the same data as Action.Submit, answered with a card. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = parseCardAction(invokeValue.action?.data);
    const lang = this.langFor(context);
    if (action === null || action === 'invalid') {
      turnRecord(context).status = 'bad_action';
      return cardResponse(this.options.cards.renderErrorCard(lang, botMessage('badAction', lang)));
    }
    // An invoke is answered in its own HTTP response, never by a message: a quiet refusal
    // (rate limit) still gets its card here.
    const reply = (await this.replyToAction(context, action, lang)) ?? this.slowDown(lang);
    if (reply.card) return cardResponse(reply.card);
    // A reply without a card ("subscribed") is shown by Teams as a short message. Its value is
    // a string (Universal Actions spec); botbuilder's type only knows the card form.
    const message = reply.text as unknown as Record<string, unknown>;
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message };
  }

  /** Invokes with a malformed value get 400 rather than an exception. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
    if (name === 'adaptiveCard/action' && !isRecord(isRecord(value) ? value.action : undefined)) {
      turnRecord(context).status = 'bad_request';
      return { status: 400 };
    }
    const response = await super.onInvokeActivity(context);
    if (response.status === 501) turnRecord(context).status = 'not_implemented';
    return response;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const lang = this.langFor(context);
    const action = parseCardAction(activity.value);
    const record = turnRecord(context);

    if (action === 'invalid' && !activity.text) {
      record.status = 'bad_action';
      await this.sendCard(
        context,
        this.options.cards.renderErrorCard(lang, botMessage('badAction', lang)),
        botMessage('badAction', lang),
      );
      return;
    }
    if (action !== null && action !== 'invalid') {
      const reply = await this.replyToAction(context, action, lang);
      if (reply) await this.sendReply(context, reply);
      return;
    }

    // In group chats and channels the bot speaks only when spoken to.
    const personal = conversationType(activity) === 'personal';
    if (!personal && !isBotMentioned(activity)) return;
    const text = normalise(questionText(activity));

    if (text.length > this.maxQuestionChars) {
      record.status = 'too_long';
      const message = botMessage('tooLong', lang, this.maxQuestionChars);
      await this.sendCard(context, this.options.cards.renderErrorCard(lang, message), message);
      return;
    }
    if (text === '') {
      await this.sendWelcome(context);
      return;
    }
    const reply = await this.answerQuestion(context, text);
    if (reply) await this.sendReply(context, reply);
  }

  /**
   * Asks the core, routes subscription commands to the alerts part, and remembers the context.
   * Null: nothing to say (a question over the rate limit after the user has been told once).
   */
  private async answerQuestion(context: TurnContext, text: string): Promise<CommandReply | null> {
    const limited = this.rateLimited(context);
    if (limited !== 'go on') return limited;
    return typingWhile(
      context,
      async () => {
        const conversationId = context.activity.conversation.id;
        const previous = this.options.state.getContext(conversationId)?.lastQuery ?? null;
        const answer = this.options.assistant.ask(text, previous);
        const record = turnRecord(context);
        record.intent = answer.query?.intent ?? answer.intent;
        record.status = answer.status;

        if (answer.query && SUBSCRIPTION_INTENTS.has(answer.query.intent)) {
          const kind = answer.query.intent as 'subscribe' | 'unsubscribe' | 'listSubscriptions';
          return this.runCommand(context, { kind, query: answer.query }, answer.lang);
        }
        await this.remember(context, answer.query ?? previous, answer.lang);
        // The card carries the figures; the message text is the one-sentence gist that shows in
        // notifications and is read first by screen readers.
        return {
          text: leadSentence(answer.text),
          card: answer.card ?? this.options.cards.renderAnswerCard(answer),
        };
      },
      (err) => this.options.logger.debug({ err: errorSummary(err) }, 'typing indicator not delivered'),
    );
  }

  /**
   * Over the per-user limit: the polite refusal the first time in a window, then null (no reply,
   * so that a flood cannot turn into a flood of refusals); 'go on' when the question may go on.
   */
  private rateLimited(context: TurnContext): CommandReply | null | 'go on' {
    const from = context.activity.from;
    const user = `${tenantOf(context.activity) ?? ''}/${from?.aadObjectId ?? from?.id ?? ''}`;
    const decision = this.options.questionRate?.take(user) ?? { allowed: true };
    if (decision.allowed) return 'go on';
    const record = turnRecord(context);
    if (!decision.tell) {
      record.status = 'rate_limited_quiet';
      return null;
    }
    record.status = 'rate_limited';
    this.options.logger.warn({ retryAfterMs: decision.retryAfterMs }, 'question rate limit reached');
    return this.slowDown(this.langFor(context));
  }

  /** The "slow down" reply. */
  private slowDown(lang: Lang): CommandReply {
    const text = botMessage('rateLimited', lang);
    return { text, card: this.options.cards.renderErrorCard(lang, text) };
  }

  private async replyToAction(
    context: TurnContext,
    action: CardAction,
    lang: Lang,
  ): Promise<CommandReply | null> {
    switch (action.action) {
      case 'ask':
        return this.answerQuestion(context, normalise(action.ask).slice(0, this.maxQuestionChars));
      case 'subscribe':
        return this.runCommand(
          context,
          { kind: 'subscribe', costCentre: action.costCentre ?? null, query: null },
          lang,
        );
      case 'unsubscribe':
        return this.runCommand(
          context,
          { kind: 'unsubscribe', subscriptionId: action.subscriptionId, query: null },
          lang,
        );
    }
  }

  private async runCommand(
    context: TurnContext,
    command: SubscriptionCommand,
    lang: Lang,
  ): Promise<CommandReply> {
    const record = turnRecord(context);
    record.intent = command.kind;
    if (!this.options.subscriptions) {
      record.status = 'unavailable';
      const text = botMessage('alertsUnavailable', lang);
      return { text, card: this.options.cards.renderErrorCard(lang, text) };
    }
    const reply = await this.options.subscriptions.handle(
      command,
      this.conversationOf(context),
      this.userOf(context),
      lang,
    );
    record.status = 'answer';
    await this.remember(
      context,
      this.options.state.getContext(context.activity.conversation.id)?.lastQuery ?? null,
      lang,
    );
    return reply;
  }

  /** Added to a conversation (again): subscriptions paused by the removal go on, and a welcome. */
  private async botAdded(context: TurnContext): Promise<void> {
    const resumed = (await this.options.subscriptions?.resume(this.conversationOf(context))) ?? 0;
    if (resumed > 0) this.options.logger.info({ resumed }, 'subscriptions resumed: bot added back');
    await this.welcomeOnce(context);
  }

  /** Removed from a conversation: nothing can reach it any more, so its subscriptions pause. */
  private async botRemoved(context: TurnContext): Promise<void> {
    turnRecord(context).status = 'removed';
    const paused = (await this.options.subscriptions?.pause(this.conversationOf(context))) ?? 0;
    if (paused > 0) this.options.logger.info({ paused }, 'subscriptions paused: bot removed');
  }

  /**
   * Teams sends both installationUpdate and conversationUpdate (bot added) on install: greet
   * once, not again for a conversation that has just been greeted.
   */
  private async welcomeOnce(context: TurnContext): Promise<void> {
    const known = this.options.state.read().conversations[context.activity.conversation?.id ?? ''];
    if (known && Date.now() - Date.parse(known.updatedAt) < WELCOME_DEDUPE_MS) {
      turnRecord(context).status = 'already_welcomed';
      return;
    }
    await this.sendWelcome(context);
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const lang = this.langFor(context);
    const record = turnRecord(context);
    record.intent = 'welcome';
    record.status = 'answer';
    await this.sendCard(context, this.options.cards.renderWelcomeCard(lang), null);
    await this.remember(
      context,
      this.options.state.getContext(context.activity.conversation.id)?.lastQuery ?? null,
      lang,
    );
  }

  /** A card with its text summary, or the text alone when the reply has no card. */
  private async sendReply(context: TurnContext, reply: CommandReply): Promise<void> {
    if (reply.card) await this.sendCard(context, reply.card, reply.text);
    else await context.sendActivity(MessageFactory.text(reply.text));
  }

  /** A card as an attachment, with the text summary for notifications and screen readers. */
  private async sendCard(context: TurnContext, card: CardJson, text: string | null): Promise<void> {
    const message = MessageFactory.attachment(CardFactory.adaptiveCard(card), text ?? undefined);
    await context.sendActivity(message);
  }

  /**
   * Keeps the reference (for alerts) and the last question (for follow-ups). The store takes the
   * change in memory at once, so the next turn sees it; the reply does not wait for the disk,
   * and a failed write is logged, not fatal (shutdown flushes what is pending).
   */
  private async remember(context: TurnContext, lastQuery: Query | null, lang: Lang): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity) as Record<string, unknown>;
    this.options.state
      .rememberTurn(context.activity.conversation.id, { reference, lastQuery, lang })
      .catch((err: unknown) =>
        this.options.logger.error({ err: errorSummary(err) }, 'could not save conversation state'),
      );
  }

  private langFor(context: TurnContext): Lang {
    return (
      this.options.state.getContext(context.activity.conversation?.id ?? '')?.lang ??
      langFromLocale(context.activity.locale)
    );
  }

  private conversationOf(context: TurnContext): CommandConversation {
    const a = context.activity;
    return {
      id: a.conversation.id,
      type: conversationType(a),
      tenantId: tenantOf(a),
      reference: TurnContext.getConversationReference(a) as Record<string, unknown>,
    };
  }

  private userOf(context: TurnContext): CommandUser {
    const from = context.activity.from;
    const aad = from?.aadObjectId ?? null;
    return {
      id: from?.id ?? '',
      name: from?.name ?? null,
      aadObjectId: aad,
      isAdmin: this.admins.has(from?.id ?? '') || (aad !== null && this.admins.has(aad)),
    };
  }
}

function turnRecord(context: TurnContext): TurnRecord {
  return (
    (context.turnState.get(TURN_RECORD) as TurnRecord | undefined) ?? {
      kind: 'unknown',
      intent: null,
      status: 'unknown',
    }
  );
}

function cardResponse(card: CardJson): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.card.adaptive',
    value: card as Record<string, unknown>,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** personal, groupChat or channel (Teams); other channels count as personal. */
export function conversationType(activity: Partial<Activity>): 'personal' | 'groupChat' | 'channel' {
  const t = activity.conversation?.conversationType;
  if (t === 'channel') return 'channel';
  if (t === 'groupChat' || (activity.conversation?.isGroup && t !== 'personal')) return 'groupChat';
  return 'personal';
}

/** The tenant of an activity, from the conversation or the Teams channel data. */
export function tenantOf(activity: Partial<Activity>): string | null {
  const fromConversation = activity.conversation?.tenantId;
  if (fromConversation) return fromConversation;
  const data: unknown = activity.channelData;
  if (isRecord(data) && isRecord(data.tenant) && typeof data.tenant.id === 'string') return data.tenant.id;
  return null;
}

function isBotMentioned(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return TurnContext.getMentions(activity).some((m) => m.mentioned?.id === botId);
}

/** The message text without the bot's @mention (Teams puts "<at>Bot</at>" into the text). */
function questionText(activity: Partial<Activity>): string {
  if (typeof activity.text !== 'string') return '';
  const botId = activity.recipient?.id;
  let text = activity.text;
  for (const m of TurnContext.getMentions(activity)) {
    if (m.mentioned?.id === botId && typeof m.text === 'string' && m.text !== '')
      text = text.split(m.text).join(' ');
  }
  return text;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function errorSummary(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
