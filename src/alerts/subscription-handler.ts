import { randomUUID } from 'node:crypto';
import type {
  CommandConversation,
  CommandReply,
  CommandUser,
  SubscriptionCommand,
  SubscriptionCommands,
} from '../bot/subscription-commands';
import type { BudgetData, Lang } from '../domain';
import { formatPoints, formatShare } from '../domain';
import type { Subscription } from '../store/alert-records';
import type { SubscriptionStore } from '../store/state-ports';
import { capText } from '../store/stored-reference';
import { renderSubscriptionCard } from './subscription-card';
import { newSubscription } from './subscription-defaults';

/** Settings of the subscription handler. */
export interface SubscriptionHandlerOptions {
  subscriptions: SubscriptionStore;
  /** True when ADMIN_USER_IDS is set: then only admins may subscribe or unsubscribe a channel. */
  adminsConfigured: boolean;
  /**
   * The canonical name of a cost centre of the budget store, or null when it has none by that
   * name: a subscription is only ever made for a cost centre there is (not for whatever string
   * a forged card action carries).
   */
  knownCostCentre: (name: string) => string | null;
  now?: () => Date;
  newId?: () => string;
}

/**
 * Looks names up in the budget store as it is now (a reloaded store counts at once): a
 * canonical name, or an alias or canonical name in another case, gives the canonical name.
 */
export function knownCostCentres(data: () => BudgetData): (name: string) => string | null {
  let indexed: BudgetData | null = null;
  let exact = new Set<string>();
  let folded = new Map<string, string>();
  return (name) => {
    const current = data();
    if (current !== indexed) {
      indexed = current;
      exact = new Set(current.costCentres.map((c) => c.name));
      folded = new Map();
      for (const c of current.costCentres) {
        for (const n of [c.name, ...c.aliases])
          if (!folded.has(n.toLowerCase())) folded.set(n.toLowerCase(), c.name);
      }
    }
    if (exact.has(name)) return name;
    return folded.get(name.trim().toLowerCase()) ?? null;
  };
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

  resume(conversation: CommandConversation): Promise<number> {
    return this.options.subscriptions.resumeConversation(conversation.id);
  }

  pause(conversation: CommandConversation): Promise<number> {
    return this.options.subscriptions.pauseConversation(conversation.id, 'bot removed from the conversation');
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
    const known = costCentre === null ? null : this.options.knownCostCentre(costCentre);
    if (costCentre !== null && known === null) {
      // Named back, capped and shown literally by the card: it came from the chat or a card action.
      const named = capText(costCentre, 80) ?? '';
      return {
        text: t(
          lang,
          `Kustannuspaikkaa "${named}" ei ole budjettitiedoissa, joten sille ei voi tilata hälytyksiä. Kysy esim. "mitä kustannuspaikkoja on?"`,
          `There is no cost centre "${named}" in the budget data, so no alerts can be subscribed for it. Ask e.g. "which cost centres are there?"`,
        ),
        card: null,
      };
    }
    const existing = (await this.options.subscriptions.listFor(conversation.id)).find(
      (s) => s.costCentre === known,
    );
    const draft = newSubscription({
      id: existing?.id ?? this.newId(),
      conversationId: conversation.id,
      scope: conversation.type,
      createdBy: user.id,
      costCentre: known,
      lang,
      createdAt: existing?.createdAt ?? this.now().toISOString(),
      threshold,
    });
    // A quiet period once set stays until changed: subscribing again to change a step keeps it.
    draft.quietDays = quietDays ?? existing?.quietDays ?? draft.quietDays;
    const saved = await this.options.subscriptions.save(draft);
    if (saved.status === 'limit') {
      return {
        text: t(
          lang,
          `Tässä keskustelussa on jo ${saved.limit} tilausta, enempää ei voi tilata. Lopeta ensin jokin: "näytä tilaukset".`,
          `This conversation already has ${saved.limit} subscriptions, the most there can be. Stop one first: "show subscriptions".`,
        ),
        card: null,
      };
    }
    const sub = saved.subscription;
    const verb = saved.replaced
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
        ? await this.options.subscriptions.remove(conversation.id)
        : (await Promise.all(names.map((n) => this.options.subscriptions.remove(conversation.id, n)))).flat();
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
    const sub = (await this.options.subscriptions.listFor(conversation.id)).find((s) => s.id === id);
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
    const removed = await this.options.subscriptions.remove(conversation.id, sub.costCentre);
    return this.stopped(conversation, lang, removed);
  }

  /** The reply after stopping: what was stopped, and what this conversation still has. */
  private async stopped(
    conversation: CommandConversation,
    lang: Lang,
    removed: Subscription[],
  ): Promise<CommandReply> {
    const names = removed.map((s) => subject(s.costCentre, lang)).join(', ');
    const left = await this.options.subscriptions.listFor(conversation.id);
    const title = t(lang, `Tilaus lopetettu: ${names}`, `Unsubscribed: ${names}`);
    const message =
      left.length === 0
        ? t(lang, 'Tähän keskusteluun ei tule enää hälytyksiä.', 'No more alerts come to this conversation.')
        : t(lang, 'Voimassa olevat tilaukset:', 'Subscriptions still active:');
    return cardReply(lang, title, message, `${title}. ${message}`, left);
  }

  private async list(conversation: CommandConversation, lang: Lang): Promise<CommandReply> {
    const subs = await this.options.subscriptions.listFor(conversation.id);
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
