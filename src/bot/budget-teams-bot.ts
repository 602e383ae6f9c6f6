/**
 * The Teams side of the budget bot: a thin TeamsActivityHandler that turns activities into
 * questions for the core and answers into cards. No budget logic lives here.
 */
import {
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
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
import type { ConversationContext, ConversationStore } from '../store/state-ports';
import { botMessage, langFromLocale } from './bot-messages';
import { type CardAction, parseCardAction, parseExecuteAction } from './card-action';
import { searchBudget } from './message-extension';
import type { Assistant, CardJson, CardRenderer } from './ports';
import type { QuestionRateLimiter } from './question-rate-limit';
import { type SlowDownNoticer, SlowDownNotices } from './slow-down-notices';
import type {
  CommandConversation,
  CommandReply,
  CommandUser,
  SubscriptionCommand,
  SubscriptionCommands,
} from './subscription-commands';
import {
  cardMessage,
  carriesSharedCard,
  channelConversationId,
  questionText,
  spokenOf,
} from './teams-message';
import { typingWhile } from './typing-indicator';
import { ConversationWelcomeMarks, type WelcomeMarks } from './welcome-marks';

/** Questions longer than this get a polite refusal instead of an answer. */
export const DEFAULT_MAX_QUESTION_CHARS = 500;

/** Everything the bot is built from. */
export interface BudgetTeamsBotOptions {
  assistant: Assistant;
  cards: CardRenderer;
  /** Conversation references, follow-up context and the welcome mark (shared by every instance). */
  conversations: ConversationStore;
  logger: Logger;
  /** The alerts part's handler for subscription commands; null = alerts not available. */
  subscriptions: SubscriptionCommands | null;
  adminUserIds: readonly string[];
  maxQuestionChars?: number;
  /** Per-user limit on questions (per process, or shared through the state); none = unlimited. */
  questionRate?: QuestionRateLimiter;
  /** Who has been greeted; defaults to marks in `conversations`. */
  welcomes?: WelcomeMarks;
  /** Whom the bot told to slow down (once per user per minute); this process's own by default. */
  slowDownNotices?: SlowDownNoticer;
}

/**
 * Where the reply to a button goes (Universal Actions): a new message in the chat, the clicked
 * card replaced for everyone (its question or subscription changed), or a new view for the
 * person who opened it (an alert card's refresh).
 */
type Placement = 'newMessage' | 'replaceForAll' | 'replaceForViewer';

/** What one turn did, for the one log line per turn. */
interface TurnRecord {
  kind: string;
  intent: string | null;
  status: string;
}

const TURN_RECORD = Symbol('budgetTurnRecord');
/** The conversation's stored context, read once per turn (a promise, so concurrent reads share it). */
const TURN_CONTEXT = Symbol('budgetTurnContext');
const SUBSCRIPTION_INTENTS = new Set(['subscribe', 'unsubscribe', 'listSubscriptions']);

/** The Teams bot: personal, group chat and channel conversations, card actions, the message extension. */
export class BudgetTeamsBot extends TeamsActivityHandler {
  private readonly maxQuestionChars: number;
  private readonly notices: SlowDownNoticer;
  private readonly admins: Set<string>;
  private readonly welcomes: WelcomeMarks;

  constructor(private readonly options: BudgetTeamsBotOptions) {
    super();
    this.maxQuestionChars = options.maxQuestionChars ?? DEFAULT_MAX_QUESTION_CHARS;
    this.notices = options.slowDownNotices ?? new SlowDownNotices();
    this.admins = new Set(options.adminUserIds);
    this.welcomes = options.welcomes ?? new ConversationWelcomeMarks(options.conversations);

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

  /**
   * Universal Actions (Action.Execute): the verb says what to do. A question asked from an answer
   * card comes as a new message (the card it was asked from stays); a choice on a clarify card,
   * and every subscription change, replaces the clicked card for everyone in the conversation;
   * an alert card's refresh gives the viewer the current figures.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = parseExecuteAction(invokeValue.action);
    const lang = await this.langFor(context);
    if (action === 'invalid') {
      turnRecord(context).status = 'bad_action';
      return messageResponse(botMessage('badAction', lang));
    }
    const placement = placementOf(action);
    const answered = await this.replyToAction(context, action, lang, placement === 'newMessage');
    // An invoke is answered in its own response: a question over the rate limit that gets no
    // message (the user was told a moment ago) still gets a word here, and nothing is posted.
    if (!answered) return messageResponse(botMessage('rateLimited', lang));
    const reply = answered;
    // A reply without a card ("only admins may…") is shown by Teams as a short message under the card.
    if (!reply.card) return messageResponse(reply.text);
    if (placement === 'newMessage') {
      await this.sendReply(context, reply);
      return messageResponse(botMessage(action.action === 'subscribe' ? 'pickerBelow' : 'answerBelow', lang));
    }
    if (placement === 'replaceForAll')
      await this.replaceCard(context, { text: reply.text, card: reply.card });
    return cardResponse(reply.card);
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
    const lang = await this.langFor(context);
    const action = parseCardAction(activity.value);
    const record = turnRecord(context);

    if (action === 'invalid' && !activity.text) {
      record.status = 'bad_action';
      const text = botMessage('badAction', lang);
      await this.sendReply(context, { text, card: this.options.cards.renderErrorCard(lang, text) });
      return;
    }
    if (action !== null && action !== 'invalid') {
      // An Action.Submit from a card sent before the bot used Universal Actions: a new message.
      const reply = await this.replyToAction(context, action, lang, true);
      if (reply) await this.sendReply(context, reply);
      return;
    }

    // In group chats and channels the bot speaks only when spoken to.
    const personal = conversationType(activity) === 'personal';
    if (!personal && !isBotMentioned(activity)) return;
    const text = questionText(activity);

    if (text.length > this.maxQuestionChars) {
      record.status = 'too_long';
      const message = botMessage('tooLong', lang, this.maxQuestionChars);
      await this.sendReply(context, {
        text: message,
        card: this.options.cards.renderErrorCard(lang, message),
      });
      return;
    }
    if (text === '') {
      // A card shared into the chat (from the message extension) is for the people, not a question.
      if (carriesSharedCard(activity)) {
        record.status = 'shared_card';
        return;
      }
      await this.sendWelcome(context);
      return;
    }
    const reply = await this.answerQuestion(context, text, true);
    if (reply) await this.sendReply(context, reply);
  }

  /**
   * Asks the core, routes subscription commands to the alerts part, and remembers the context.
   * `typing`: show the typing indicator while slow work runs (not when the answer replaces a card
   * in place). Null: nothing to say (a question over the rate limit after the user was told once).
   */
  private async answerQuestion(
    context: TurnContext,
    text: string,
    typing: boolean,
  ): Promise<CommandReply | null> {
    const limited = await this.rateLimited(context);
    if (limited !== 'go on') return limited;
    const work = async (): Promise<CommandReply> => {
      const previous = (await this.storedContext(context))?.lastQuery ?? null;
      const answer = this.options.assistant.ask(text, previous);
      const record = turnRecord(context);
      record.intent = answer.query?.intent ?? answer.intent;
      record.status = answer.status;

      if (answer.query && SUBSCRIPTION_INTENTS.has(answer.query.intent)) {
        const kind = answer.query.intent as 'subscribe' | 'unsubscribe' | 'listSubscriptions';
        return this.runCommand(context, { kind, query: answer.query }, answer.lang);
      }
      await this.remember(context, answer.query ?? previous, answer.lang);
      // The card carries the answer; its headline (the card's speak) is the notification preview
      // and what a screen reader announces first (never a paragraph beside the card).
      const card = answer.card ?? this.options.cards.renderAnswerCard(answer);
      return { text: spokenOf(card) ?? leadSentence(answer.text), card };
    };
    if (!typing) return work();
    return typingWhile(context, work, (err) =>
      this.options.logger.debug({ err: errorSummary(err) }, 'typing indicator not delivered'),
    );
  }

  /**
   * Over the per-user limit: the polite refusal the first time in a window, then null (no reply,
   * so that a flood cannot turn into a flood of refusals); 'go on' when the question may go on.
   */
  private async rateLimited(context: TurnContext): Promise<CommandReply | null | 'go on'> {
    const from = context.activity.from;
    const user = `${tenantOf(context.activity) ?? ''}/${from?.aadObjectId ?? from?.id ?? ''}`;
    const decision = (await this.options.questionRate?.take(user)) ?? { allowed: true };
    if (decision.allowed) return 'go on';
    const record = turnRecord(context);
    if (!(await this.notices.shouldTell(user))) {
      record.status = 'rate_limited_quiet';
      return null;
    }
    record.status = 'rate_limited';
    this.options.logger.warn({ retryAfterMs: decision.retryAfterMs }, 'question rate limit reached');
    const lang = await this.langFor(context);
    const text = botMessage('rateLimited', lang);
    return { text, card: this.options.cards.renderErrorCard(lang, text) };
  }

  private async replyToAction(
    context: TurnContext,
    action: CardAction,
    lang: Lang,
    typing: boolean,
  ): Promise<CommandReply | null> {
    switch (action.action) {
      case 'ask':
      case 'choose':
        return this.answerQuestion(context, normalise(action.ask).slice(0, this.maxQuestionChars), typing);
      case 'subscribe':
        return this.runCommand(
          context,
          {
            kind: 'subscribeForm',
            costCentre: action.costCentre ?? null,
            prefill: null,
            alert: null,
            query: null,
          },
          lang,
        );
      case 'editSubscription':
        return this.runCommand(
          context,
          {
            kind: 'subscribeForm',
            costCentre: action.costCentre ?? null,
            prefill: action.prefill ?? null,
            alert: action.alert ?? null,
            query: null,
          },
          lang,
        );
      case 'saveSubscription': {
        const { steps, quietDays, projection } = action;
        return this.runCommand(
          context,
          {
            kind: 'saveSubscription',
            costCentre: action.costCentre ?? null,
            rule: { steps, quietDays, projection },
            alert: action.alert ?? null,
            query: null,
          },
          lang,
        );
      }
      case 'cancelEdit':
        return this.runCommand(
          context,
          {
            kind: 'cancelEdit',
            costCentre: action.costCentre ?? null,
            alert: action.alert ?? null,
            query: null,
          },
          lang,
        );
      case 'unsubscribe':
        return this.runCommand(
          context,
          {
            kind: 'unsubscribe',
            subscriptionId: action.subscriptionId,
            alert: action.alert ?? null,
            query: null,
          },
          lang,
        );
      case 'refreshAlert':
        return this.runCommand(
          context,
          {
            kind: 'refreshAlert',
            subscriptionId: action.subscriptionId,
            costCentre: action.costCentre,
            asOf: action.asOf,
            query: null,
          },
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
    const conversation = this.conversationOf(context);
    const reply = await this.options.subscriptions.handle(command, conversation, this.userOf(context), lang);
    record.status = 'answer';
    // Alerts go to the channel itself (a new post), so its reference is kept under the channel's id.
    if (conversation.id !== context.activity.conversation.id) {
      await this.options.conversations
        .rememberTurn(conversation.id, { reference: conversation.reference, lastQuery: null, lang })
        .catch((err: unknown) =>
          this.options.logger.error({ err: errorSummary(err) }, 'could not save conversation state'),
        );
    }
    await this.remember(context, (await this.storedContext(context))?.lastQuery ?? null, lang);
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
    // Installed again later, the bot greets again.
    await this.welcomes.release(context.activity.conversation.id);
  }

  /**
   * Teams sends both installationUpdate and conversationUpdate (bot added) on install, at the
   * same moment: the conversation is marked greeted before the welcome goes out, so only the
   * first event greets.
   */
  private async welcomeOnce(context: TurnContext): Promise<void> {
    const lang = await this.langFor(context);
    const reference = TurnContext.getConversationReference(context.activity) as Record<string, unknown>;
    if (!(await this.welcomes.claim(context.activity.conversation.id, { reference, lang }))) {
      turnRecord(context).status = 'already_welcomed';
      return;
    }
    await this.sendWelcome(context);
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const lang = await this.langFor(context);
    const record = turnRecord(context);
    record.intent = 'welcome';
    record.status = 'answer';
    await this.sendReply(context, {
      text: botMessage('welcomeSummary', lang),
      card: this.options.cards.renderWelcomeCard(lang),
    });
    await this.remember(context, (await this.storedContext(context))?.lastQuery ?? null, lang);
  }

  /** A card alone (its text is only the notification preview), or the text when the reply has no card. */
  private async sendReply(context: TurnContext, reply: CommandReply): Promise<void> {
    if (reply.card) await context.sendActivity(cardMessage(reply.card, reply.text || null));
    else await context.sendActivity(MessageFactory.text(reply.text));
  }

  /**
   * Puts a new card in place of the clicked one for everyone in the conversation (the person who
   * clicked also gets it in the invoke response). A failed update is logged: the clicker still
   * sees the new card, the others the old one until they refresh.
   */
  private async replaceCard(context: TurnContext, reply: CommandReply & { card: CardJson }): Promise<void> {
    const id = context.activity.replyToId;
    if (!id) return;
    try {
      await context.updateActivity({ ...cardMessage(reply.card, reply.text || null), id });
    } catch (err) {
      this.options.logger.warn({ err: errorSummary(err) }, 'could not update the card for everyone');
    }
  }

  /**
   * Keeps the reference (for alerts) and the last question (for follow-ups) before the reply
   * goes out, so a follow-up that reaches another instance finds it (the embedded file takes
   * it in memory at once and writes it within a second). A failed write is logged, not fatal:
   * the answer still goes out.
   */
  private async remember(context: TurnContext, lastQuery: Query | null, lang: Lang): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity) as Record<string, unknown>;
    try {
      await this.options.conversations.rememberTurn(context.activity.conversation.id, {
        reference,
        lastQuery,
        lang,
      });
    } catch (err) {
      this.options.logger.error({ err: errorSummary(err) }, 'could not save conversation state');
    }
  }

  /**
   * The conversation's stored context, read once per turn; null when there is none or the state
   * cannot be read (the turn goes on without a follow-up context, and the failure is logged).
   */
  private storedContext(context: TurnContext): Promise<ConversationContext | null> {
    const cached = context.turnState.get(TURN_CONTEXT) as Promise<ConversationContext | null> | undefined;
    if (cached) return cached;
    const id = context.activity.conversation?.id;
    const loaded = id
      ? this.options.conversations.context(id).catch((err: unknown) => {
          this.options.logger.error({ err: errorSummary(err) }, 'could not read conversation state');
          return null;
        })
      : Promise.resolve(null);
    context.turnState.set(TURN_CONTEXT, loaded);
    return loaded;
  }

  private async langFor(context: TurnContext): Promise<Lang> {
    return (await this.storedContext(context))?.lang ?? langFromLocale(context.activity.locale);
  }

  /**
   * The conversation a command belongs to. In a channel that is the channel, not the thread the
   * command was typed in: one set of subscriptions per channel, and alerts start new posts.
   */
  private conversationOf(context: TurnContext): CommandConversation {
    const a = context.activity;
    const type = conversationType(a);
    const reference = TurnContext.getConversationReference(a) as Record<string, unknown>;
    const id = type === 'channel' ? channelConversationId(a.conversation.id) : a.conversation.id;
    // The channel's reference names no message: a message sent with it is a new post, not a reply.
    const { activityId: _thread, ...channelReference } = reference;
    return {
      id,
      type,
      tenantId: tenantOf(a),
      reference:
        id === a.conversation.id
          ? reference
          : { ...channelReference, conversation: { ...a.conversation, id } },
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

/** Where the reply to a clicked button goes (see Placement). */
function placementOf(action: CardAction): Placement {
  switch (action.action) {
    case 'ask':
    case 'subscribe':
      return 'newMessage';
    case 'refreshAlert':
      return 'replaceForViewer';
    case 'choose':
    case 'editSubscription':
    case 'saveSubscription':
    case 'cancelEdit':
    case 'unsubscribe':
      return 'replaceForAll';
  }
}

/** A short text Teams shows under the clicked card. Its value is a string (Universal Actions spec); botbuilder's type only knows the card form. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: 'application/vnd.microsoft.activity.message',
    value: text as unknown as Record<string, unknown>,
  };
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

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function errorSummary(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
