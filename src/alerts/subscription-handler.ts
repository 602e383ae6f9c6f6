import { randomUUID } from 'node:crypto';
import type {
  CommandConversation,
  CommandReply,
  CommandUser,
  SubscriptionCommand,
  SubscriptionCommands,
} from '../bot/subscription-commands';
import type { Lang } from '../domain';
import { formatPoints, formatShare } from '../domain';
import type { Subscription } from '../store/alert-records';
import type { AlertStateStore } from './alert-state';
import { renderSubscriptionCard } from './subscription-card';
import { newSubscription } from './subscription-defaults';

/** Settings of the subscription handler. */
export interface SubscriptionHandlerOptions {
  state: AlertStateStore;
  /** True when ADMIN_USER_IDS is set: then only admins may subscribe or unsubscribe a channel. */
  adminsConfigured: boolean;
  now?: () => Date;
  newId?: () => string;
}

function t(lang: Lang, fi: string, en: string): string {
  return lang === 'fi' ? fi : en;
}

function subject(costCentre: string | null, lang: Lang): string {
  return costCentre ?? t(lang, 'kaikki kustannuspaikat', 'all cost centres');
}

function rulesText(s: Subscription, lang: Lang): string {
  const steps = s.thresholds.map((x) => formatShare(x, lang, 0)).join(', ');
  const paused = s.paused
    ? t(lang, ' (keskeytetty: botti poistettu keskustelusta)', ' (paused: bot removed from the conversation)')
    : '';
  const quiet =
    s.quietDays > 0 ? t(lang, `; hiljainen jakso ${s.quietDays} pv`, `; quiet period ${s.quietDays} d`) : '';
  return t(
    lang,
    `käyttöasteen rajat ${steps}; tahti ${formatPoints(s.pacePoints, lang)}; ennuste ${s.projection ? 'päällä' : 'pois'}; tulovaje ${formatPoints(s.revenueShortfallPoints, lang)}${quiet}${paused}`,
    `used-share steps ${steps}; pace ${formatPoints(s.pacePoints, lang)}; projection ${s.projection ? 'on' : 'off'}; revenue shortfall ${formatPoints(s.revenueShortfallPoints, lang)}${quiet}${paused}`,
  );
}

function describeSub(s: Subscription, lang: Lang): string {
  return `${subject(s.costCentre, lang)}: ${rulesText(s, lang)}`;
}

/** A reply with the subscriptions card: heading, message, and the listed subscriptions with stop buttons. */
function cardReply(
  lang: Lang,
  title: string,
  message: string,
  text: string,
  subs: Subscription[],
): CommandReply {
  return {
    text,
    card: renderSubscriptionCard({
      title,
      message,
      subscriptions: subs.map((s) => ({
        id: s.id,
        name: subject(s.costCentre, lang),
        rules: rulesText(s, lang),
        stopTitle: t(lang, 'Lopeta tilaus', 'Stop'),
      })),
      fallbackText: text,
    }),
  };
}

/** Longest quiet period a subscription may ask for: a quarter of a year. */
export const MAX_QUIET_DAYS = 90;

/** A threshold the user typed must be a share above 0 and at most 2 (200 %). */
function validThreshold(x: string | null): boolean {
  if (x === null) return true;
  const n = Number(x);
  return /^\d+(\.\d+)?$/.test(x) && n > 0 && n <= 2;
}

/**
 * Handles subscription commands for the bot: "tilaa hälytykset", "tilaa hälytys Tietohallinto
 * 80 %", "näytä tilaukset", "lopeta hälytykset", "lopeta Tietohallinto", their English forms and
 * the subscribe/unsubscribe buttons. One subscription per conversation and subject: subscribing
 * again replaces its thresholds and resumes it if it was paused.
 */
export class SubscriptionHandler implements SubscriptionCommands {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: SubscriptionHandlerOptions) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async handle(
    command: SubscriptionCommand,
    conversation: CommandConversation,
    user: CommandUser,
    lang: Lang,
  ): Promise<CommandReply> {
    if (command.kind === 'listSubscriptions') return this.list(conversation, lang);
    if (conversation.type === 'channel' && this.options.adminsConfigured && !user.isAdmin) {
      return {
        text: t(
          lang,
          'Vain ylläpitäjät voivat tilata tai lopettaa kanavan hälytyksiä. Voit tilata hälytykset henkilökohtaisessa keskustelussa.',
          'Only administrators can subscribe or unsubscribe a channel. You can subscribe in a personal chat.',
        ),
        card: null,
      };
    }
    if (command.kind === 'subscribe') {
      const costCentre = command.query ? (command.query.subjects[0]?.name ?? null) : command.costCentre;
      const threshold = command.query ? command.query.threshold : null;
      const quietDays = command.query?.quietDays ?? null;
      return this.subscribe(conversation, user, lang, costCentre, threshold, quietDays);
    }
    if (command.query === null) return this.unsubscribeById(conversation, lang, command.subscriptionId);
    const names = command.query.subjects.map((s) => s.name);
    return this.unsubscribe(conversation, lang, names);
  }

  async resume(conversation: CommandConversation): Promise<number> {
    const paused = (await this.options.state.listSubscriptions()).filter(
      (s) => s.conversationId === conversation.id && s.paused,
    );
    for (const s of paused)
      await this.options.state.saveSubscription({ ...s, paused: false, pausedReason: null });
    return paused.length;
  }

  async pause(conversation: CommandConversation): Promise<number> {
    const active = (await this.options.state.listSubscriptions()).filter(
      (s) => s.conversationId === conversation.id && !s.paused,
    );
    for (const s of active)
      await this.options.state.pauseSubscription(s.id, 'bot removed from the conversation');
    return active.length;
  }

  private async subscribe(
    conversation: CommandConversation,
    user: CommandUser,
    lang: Lang,
    costCentre: string | null,
    threshold: string | null,
    quietDays: number | null,
  ): Promise<CommandReply> {
    if (quietDays !== null && quietDays > MAX_QUIET_DAYS) {
      return {
        text: t(
          lang,
          `Hiljainen jakso voi olla enintään ${MAX_QUIET_DAYS} päivää, esim. "enintään kerran viikossa" tai "hiljainen jakso 3 päivää".`,
          `The quiet period can be at most ${MAX_QUIET_DAYS} days, e.g. "at most once a week" or "quiet 3 days".`,
        ),
        card: null,
      };
    }
    if (!validThreshold(threshold)) {
      return {
        text: t(
          lang,
          'Raja on annettava prosentteina väliltä 1–200 %, esim. "80 %".',
          'Give the threshold as a percentage from 1 to 200 %, e.g. "80 %".',
        ),
        card: null,
      };
    }
    const existing = (await this.options.state.listSubscriptions()).find(
      (s) => s.conversationId === conversation.id && s.costCentre === costCentre,
    );
    const sub = newSubscription({
      id: existing?.id ?? this.newId(),
      conversationId: conversation.id,
      scope: conversation.type,
      createdBy: user.id,
      costCentre,
      lang,
      createdAt: existing?.createdAt ?? this.now().toISOString(),
      threshold,
    });
    // A quiet period once set stays until changed: subscribing again to change a step keeps it.
    sub.quietDays = quietDays ?? existing?.quietDays ?? sub.quietDays;
    await this.options.state.saveSubscription(sub);
    const verb = existing
      ? t(lang, 'Tilaus päivitetty', 'Subscription updated')
      : t(lang, 'Hälytykset tilattu', 'Alerts subscribed');
    const how =
      sub.quietDays > 0
        ? t(
            lang,
            `Hälytykset tulevat tähän keskusteluun, kun uutta on, enintään kerran ${sub.quietDays} päivässä. Lopeta: "lopeta hälytykset".`,
            `Alerts come to this conversation when there is news, at most once every ${sub.quietDays} days. To stop: "stop alerts".`,
          )
        : t(
            lang,
            'Hälytykset tulevat tähän keskusteluun kerran päivässä, kun uutta on. Harvemmin: "tilaa hälytykset enintään kerran viikossa". Lopeta: "lopeta hälytykset".',
            'Alerts come to this conversation once a day when there is news. Less often: "subscribe to alerts at most once a week". To stop: "stop alerts".',
          );
    return cardReply(lang, verb, how, `${verb}: ${describeSub(sub, lang)}. ${how}`, [sub]);
  }

  private async unsubscribe(
    conversation: CommandConversation,
    lang: Lang,
    names: string[],
  ): Promise<CommandReply> {
    const removed =
      names.length === 0
        ? await this.options.state.removeSubscriptions(conversation.id)
        : (
            await Promise.all(names.map((n) => this.options.state.removeSubscriptions(conversation.id, n)))
          ).flat();
    if (removed.length === 0) {
      const what = names.length ? names.join(', ') : t(lang, 'hälytyksiä', 'alerts');
      return {
        text: t(
          lang,
          `Tässä keskustelussa ei ole tilausta: ${what}.`,
          `This conversation has no subscription for ${what}.`,
        ),
        card: null,
      };
    }
    return this.stopped(conversation, lang, removed);
  }

  private async unsubscribeById(
    conversation: CommandConversation,
    lang: Lang,
    id: string,
  ): Promise<CommandReply> {
    // A button only ever cancels a subscription of the conversation it is clicked in.
    const sub = (await this.options.state.listSubscriptions()).find(
      (s) => s.id === id && s.conversationId === conversation.id,
    );
    if (!sub) {
      return {
        text: t(
          lang,
          'Tilausta ei löydy, se on ehkä jo lopetettu.',
          'Subscription not found; it may have been cancelled already.',
        ),
        card: null,
      };
    }
    // One subscription per conversation and subject, so this removes exactly the one clicked.
    const removed = await this.options.state.removeSubscriptions(conversation.id, sub.costCentre);
    return this.stopped(conversation, lang, removed);
  }

  /** The reply after stopping: what was stopped, and what this conversation still has. */
  private async stopped(
    conversation: CommandConversation,
    lang: Lang,
    removed: Subscription[],
  ): Promise<CommandReply> {
    const names = removed.map((s) => subject(s.costCentre, lang)).join(', ');
    const left = (await this.options.state.listSubscriptions()).filter(
      (s) => s.conversationId === conversation.id,
    );
    const title = t(lang, `Tilaus lopetettu: ${names}`, `Unsubscribed: ${names}`);
    const message =
      left.length === 0
        ? t(lang, 'Tähän keskusteluun ei tule enää hälytyksiä.', 'No more alerts come to this conversation.')
        : t(lang, 'Voimassa olevat tilaukset:', 'Subscriptions still active:');
    return cardReply(lang, title, message, `${title}. ${message}`, left);
  }

  private async list(conversation: CommandConversation, lang: Lang): Promise<CommandReply> {
    const subs = (await this.options.state.listSubscriptions()).filter(
      (s) => s.conversationId === conversation.id,
    );
    if (subs.length === 0) {
      return {
        text: t(
          lang,
          'Tässä keskustelussa ei ole hälytystilauksia. Tilaa: "tilaa hälytykset" tai "tilaa hälytys <kustannuspaikka> 80 %".',
          'This conversation has no alert subscriptions. Subscribe: "subscribe to alerts" or "subscribe alert <cost centre> 80 %".',
        ),
        card: null,
      };
    }
    const lines = subs.map((s) => `• ${describeSub(s, lang)}`);
    const title = t(lang, 'Tilaukset tässä keskustelussa', 'Subscriptions in this conversation');
    return cardReply(
      lang,
      title,
      t(lang, 'Lopeta tilaus painikkeella.', 'Stop one with its button.'),
      [`${title}:`, ...lines].join('\n'),
      subs,
    );
  }
}
