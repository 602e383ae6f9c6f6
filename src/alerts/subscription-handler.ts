import { randomUUID } from 'node:crypto';
import type { AlertOrigin, RuleInput } from '../bot/card-action';
import type {
  CommandConversation,
  CommandReply,
  CommandUser,
  SubscriptionCommand,
  SubscriptionCommands,
} from '../bot/subscription-commands';
import { renderAlertCard } from '../cards/alert-card';
import { cardContextOf } from '../cards/card-context';
import type { BudgetData, Lang } from '../domain';
import { formatShare, money } from '../domain';
import type { Subscription } from '../store/alert-records';
import type { SubscriptionStore } from '../store/state-ports';
import { capText } from '../store/stored-reference';
import { alertCardDataFor, ruleInputOf } from './alert-cards';
import { covers, evaluatePosition, parseRules } from './alert-rules';
import { positionsFromStore } from './budget-position';
import {
  type FormChoice,
  renderSubscriptionCard,
  renderSubscriptionForm,
  type SubscriptionCardItem,
} from './subscription-card';
import { DEFAULT_RULES, newSubscription } from './subscription-defaults';
import { quietWords, ruleSentence, stepList } from './subscription-words';

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
  /** The budget data in use (for alert cards opened later, and which rules apply to a subject); none = cards without figures. */
  budget?: () => BudgetData;
  now?: () => Date;
  newId?: () => string;
}

function t(lang: Lang, fi: string, en: string): string {
  return lang === 'fi' ? fi : en;
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

/** The reply to a subscription for a cost centre the store does not have. */
function unknownCostCentre(name: string, lang: Lang): CommandReply {
  // Named back, capped: it came from the chat or a card action.
  const named = capText(name, 80) ?? '';
  return {
    text: t(
      lang,
      `Kustannuspaikkaa "${named}" ei ole budjettitiedoissa, joten sille ei voi tilata hälytyksiä. Kysy esim. "mitä kustannuspaikkoja on?"`,
      `There is no cost centre "${named}" in the budget data, so no alerts can be subscribed for it. Ask e.g. "which cost centres are there?"`,
    ),
    card: null,
  };
}

/** The reply when a conversation already has as many subscriptions as it may. */
function atLimit(limit: number, lang: Lang): CommandReply {
  return {
    text: t(
      lang,
      `Tässä keskustelussa on jo ${limit} tilausta, enempää ei voi tilata. Lopeta ensin jokin: "näytä tilaukset".`,
      `This conversation already has ${limit} subscriptions, the most there can be. Stop one first: "show subscriptions".`,
    ),
    card: null,
  };
}

function subject(costCentre: string | null, lang: Lang): string {
  return costCentre ?? t(lang, 'kaikki kustannuspaikat', 'all cost centres');
}

/** Longest quiet period a subscription may ask for: a quarter of a year. */
export const MAX_QUIET_DAYS = 90;

/** Most steps one subscription may have. */
export const MAX_STEPS = 8;

/** The steps the picker offers, beside any the subscription already has. */
const STEP_CHOICES = ['0.5', '0.75', '0.8', '0.9', '1', '1.1'];

/** The quiet periods the picker offers, beside the subscription's own. */
const QUIET_CHOICES = [0, 7, 30];

/** A threshold must be a share above 0 and at most 2 (200 %). */
function validThreshold(x: string | null): boolean {
  if (x === null) return true;
  const n = Number(x);
  return /^\d+(\.\d+)?$/.test(x) && n > 0 && n <= 2;
}

/** The picker's steps as stored decimals ("0.5,0.75" → ["0.5", "0.75"]), or null when one is not a valid step. */
function parseSteps(steps: string): string[] | null {
  const list = steps
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0 || list.length > MAX_STEPS || !list.every(validThreshold)) return null;
  return [...new Set(list.map((s) => money(s).toString()))].sort((a, b) => money(a).comparedTo(money(b)));
}

/** The picker's quiet period as whole days, or null when out of range. */
function parseQuietDays(days: string): number | null {
  if (!/^\d{1,3}$/.test(days)) return null;
  const n = Number(days);
  return n <= MAX_QUIET_DAYS ? n : null;
}

/**
 * Handles subscription commands for the bot: "tilaa hälytykset", "tilaa hälytys Tietohallinto
 * 80 %", "näytä tilaukset", "lopeta hälytykset", "lopeta Tietohallinto", their English forms,
 * and the card buttons: the step picker (pre-filled with the current rule, saved only when the
 * user saves), stop and subscribe again, and an alert card opened later. One subscription per
 * conversation and subject. A typed subscribe never replaces a rule silently: without a step it
 * keeps the current one and says so; with a step it says what changed.
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
    if (command.kind === 'refreshAlert') return this.refreshAlert(conversation, command, lang);
    if (command.kind === 'cancelEdit') return this.cancelEdit(conversation, command, lang);
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
    switch (command.kind) {
      case 'subscribe':
        return this.subscribeTyped(conversation, user, lang, command.query);
      case 'subscribeForm':
        return this.form(conversation, lang, command.costCentre, command.prefill, command.alert);
      case 'saveSubscription':
        return this.save(conversation, user, lang, command.costCentre, command.rule, command.alert);
      case 'unsubscribe':
        return command.query === null
          ? this.unsubscribeById(conversation, lang, command.subscriptionId, command.alert)
          : this.unsubscribe(
              conversation,
              lang,
              command.query.subjects.map((s) => s.name),
            );
    }
  }

  resume(conversation: CommandConversation): Promise<number> {
    return this.options.subscriptions.resumeConversation(conversation.id);
  }

  pause(conversation: CommandConversation): Promise<number> {
    return this.options.subscriptions.pauseConversation(conversation.id, 'bot removed from the conversation');
  }

  private async existing(
    conversationId: string,
    costCentre: string | null,
  ): Promise<Subscription | undefined> {
    return (await this.options.subscriptions.listFor(conversationId)).find(
      (s) => s.costCentre === costCentre,
    );
  }

  /** A subject as the store names it: null (all), a canonical name, or undefined when there is no such cost centre. */
  private subjectOf(costCentre: string | null): string | null | undefined {
    if (costCentre === null) return null;
    return this.options.knownCostCentre(costCentre) ?? undefined;
  }

  /** "tilaa hälytykset [X] [80 %] [enintään kerran viikossa]". */
  private async subscribeTyped(
    conversation: CommandConversation,
    user: CommandUser,
    lang: Lang,
    query: { subjects: { name: string }[]; threshold: string | null; quietDays?: number | null },
  ): Promise<CommandReply> {
    const named = query.subjects[0]?.name ?? null;
    const costCentre = this.subjectOf(named);
    if (costCentre === undefined) return unknownCostCentre(named ?? '', lang);
    const threshold = query.threshold;
    const quietDays = query.quietDays ?? null;
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
    const existing = await this.existing(conversation.id, costCentre);
    if (!existing) {
      const sub = newSubscription({
        id: this.newId(),
        conversationId: conversation.id,
        scope: conversation.type,
        createdBy: user.id,
        costCentre,
        lang,
        createdAt: this.now().toISOString(),
        threshold,
      });
      if (quietDays !== null) sub.quietDays = quietDays;
      const saved = await this.options.subscriptions.save(sub);
      if (saved.status === 'limit') return atLimit(saved.limit, lang);
      return this.subscriptionReply(
        lang,
        t(lang, 'Hälytykset tilattu', 'Alerts subscribed'),
        saved.subscription,
        null,
      );
    }
    // What the user named changes; what they did not name stays as it was.
    const changed: Subscription = {
      ...existing,
      thresholds: threshold !== null ? [threshold] : existing.thresholds,
      quietDays: quietDays ?? existing.quietDays,
      paused: false,
      pausedReason: null,
      pausedAt: null,
    };
    const changes: string[] = [];
    if (threshold !== null && changed.thresholds.join() !== existing.thresholds.join())
      changes.push(
        t(
          lang,
          `rajat nyt ${stepList(changed.thresholds, lang)} (ennen ${stepList(existing.thresholds, lang)})`,
          `steps now ${stepList(changed.thresholds, lang)} (were ${stepList(existing.thresholds, lang)})`,
        ),
      );
    if (changed.quietDays !== existing.quietDays)
      changes.push(
        t(
          lang,
          `ilmoitukset ${quietWords(changed.quietDays, lang)}`,
          `alerts ${quietWords(changed.quietDays, lang)}`,
        ),
      );
    if (existing.paused) changes.push(t(lang, 'tilaus jatkuu', 'the subscription goes on'));
    if (changes.length === 0) {
      return this.subscriptionReply(
        lang,
        t(lang, 'Tilaus on jo voimassa', 'Already subscribed'),
        existing,
        t(
          lang,
          'Rajat pysyvät ennallaan. Muuta niitä painikkeella.',
          'The steps stay as they are. Change them with the button.',
        ),
      );
    }
    const saved = await this.options.subscriptions.save(changed);
    if (saved.status === 'limit') return atLimit(saved.limit, lang);
    const said = changes.join('; ');
    return this.subscriptionReply(
      lang,
      t(lang, 'Tilaus päivitetty', 'Subscription updated'),
      changed,
      `${said.charAt(0).toUpperCase()}${said.slice(1)}.`,
    );
  }

  /** The step picker, pre-filled with the current rule, else `prefill`, else the defaults. */
  private async form(
    conversation: CommandConversation,
    lang: Lang,
    named: string | null,
    prefill: Partial<RuleInput> | null,
    alert: AlertOrigin | null,
  ): Promise<CommandReply> {
    const costCentre = this.subjectOf(named);
    if (costCentre === undefined) return unknownCostCentre(named ?? '', lang);
    const existing = await this.existing(conversation.id, costCentre);
    const defaults = {
      steps: DEFAULT_RULES.thresholds.join(','),
      quietDays: String(DEFAULT_RULES.quietDays),
      projection: DEFAULT_RULES.projection ? ('true' as const) : ('false' as const),
    };
    const rule = existing ? ruleInputOf(existing) : { ...defaults, ...validPrefill(prefill) };
    const steps = parseSteps(rule.steps) ?? [...DEFAULT_RULES.thresholds];
    const quiet = parseQuietDays(rule.quietDays) ?? 0;
    const stepChoices: FormChoice[] = [
      ...new Set([...STEP_CHOICES, ...steps].map((s) => money(s).toString())),
    ]
      .sort((a, b) => money(a).comparedTo(money(b)))
      .map((value) => ({
        title: formatShare(value, lang, money(value).times(100).isInteger() ? 0 : 1),
        value,
      }));
    const quietChoices: FormChoice[] = [...new Set([...QUIET_CHOICES, quiet])]
      .sort((a, b) => a - b)
      .map((d) => {
        const w = quietWords(d, lang);
        return { title: `${w.charAt(0).toUpperCase()}${w.slice(1)}`, value: String(d) };
      });
    const name = subject(costCentre, lang);
    const title = t(lang, `Hälytysten rajat: ${name}`, `Alert steps: ${name}`);
    const intro = existing
      ? t(
          lang,
          `Nykyinen tilaus: ${ruleSentence(existing, lang, this.scopeOf(costCentre))} Muutokset tulevat voimaan, kun tallennat.`,
          `Current subscription: ${ruleSentence(existing, lang, this.scopeOf(costCentre))} Changes take effect when you save.`,
        )
      : t(
          lang,
          'Valitse, milloin haluat ilmoituksen tähän keskusteluun. Mitään ei tilata ennen kuin tallennat.',
          'Choose when you want an alert in this conversation. Nothing is subscribed until you save.',
        );
    const card = renderSubscriptionForm({
      title,
      intro,
      stepsLabel: t(
        lang,
        'Ilmoita, kun budjetista on käytetty',
        'Alert when this share of the budget is used',
      ),
      stepsError: t(lang, 'Valitse vähintään yksi raja.', 'Choose at least one step.'),
      steps: steps.join(','),
      stepChoices,
      projectionTitle: t(
        lang,
        'Ilmoita myös, kun ennuste ylittää budjetin',
        'Also alert when the projection exceeds the budget',
      ),
      projection: rule.projection === 'false' ? 'false' : 'true',
      quietLabel: t(lang, 'Kuinka usein', 'How often'),
      quietDays: String(quiet),
      quietChoices,
      note: t(
        lang,
        'Ilmoitus tulee myös, kun käyttö on selvästi vuotta edellä.',
        'An alert also comes when spending runs clearly ahead of the year.',
      ),
      costCentre,
      alert,
      saveTitle: t(lang, 'Tallenna', 'Save'),
      cancelTitle: t(lang, 'Peruuta', 'Cancel'),
      fallbackText: title,
    });
    return { text: title, card };
  }

  /** The picker's "Tallenna": the rule as chosen, nothing else changed. */
  private async save(
    conversation: CommandConversation,
    user: CommandUser,
    lang: Lang,
    named: string | null,
    rule: RuleInput,
    alert: AlertOrigin | null,
  ): Promise<CommandReply> {
    const costCentre = this.subjectOf(named);
    if (costCentre === undefined) return unknownCostCentre(named ?? '', lang);
    const steps = parseSteps(rule.steps);
    const quietDays = parseQuietDays(rule.quietDays);
    if (steps === null || quietDays === null) {
      return {
        text: t(
          lang,
          'Valitse vähintään yksi raja (1–200 %) ja hiljainen jakso enintään 90 päivää.',
          'Choose at least one step (1–200 %) and a quiet period of at most 90 days.',
        ),
        card: null,
      };
    }
    const existing = await this.existing(conversation.id, costCentre);
    const base =
      existing ??
      newSubscription({
        id: this.newId(),
        conversationId: conversation.id,
        scope: conversation.type,
        createdBy: user.id,
        costCentre,
        lang,
        createdAt: this.now().toISOString(),
      });
    const saved = await this.options.subscriptions.save({
      ...base,
      thresholds: steps,
      quietDays,
      projection: rule.projection === 'true',
      paused: false,
      pausedReason: null,
      pausedAt: null,
    });
    if (saved.status === 'limit') return atLimit(saved.limit, lang);
    const sub = saved.subscription;
    const title = existing
      ? t(lang, 'Tilaus päivitetty', 'Subscription updated')
      : t(lang, 'Hälytykset tilattu', 'Alerts subscribed');
    if (alert) {
      const card = this.alertCard(sub, alert, 'active');
      if (card) return card;
    }
    return this.subscriptionReply(lang, title, sub, null);
  }

  /** The picker's "Peruuta": the card shows what holds, unchanged. */
  private async cancelEdit(
    conversation: CommandConversation,
    command: { costCentre: string | null; alert: AlertOrigin | null },
    lang: Lang,
  ): Promise<CommandReply> {
    const existing = await this.existing(conversation.id, command.costCentre);
    if (command.alert) {
      const covering = existing ?? (await this.covering(conversation.id, command.alert.costCentre));
      if (covering) {
        const card = this.alertCard(covering, command.alert, 'active');
        if (card) return card;
      }
    }
    if (existing)
      return this.subscriptionReply(
        lang,
        t(lang, 'Tilaus ennallaan', 'Subscription unchanged'),
        existing,
        null,
      );
    const title = t(lang, 'Hälytyksiä ei tilattu', 'No alerts subscribed');
    return {
      text: title,
      card: renderSubscriptionCard({
        title,
        message: t(
          lang,
          `Tähän keskusteluun ei tule hälytyksiä: ${subject(command.costCentre, lang)}.`,
          `No alerts come to this conversation for ${subject(command.costCentre, lang)}.`,
        ),
        subscriptions: [],
        stopped: [],
        fallbackText: title,
      }),
    };
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
    alert: AlertOrigin | null,
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
    if (alert) {
      // Pressed on an alert card: the same card, stopped, with a button to subscribe again.
      const card = this.alertCard(sub, alert, 'stopped');
      if (card) return card;
    }
    return this.stopped(conversation, lang, removed);
  }

  /** An alert card opened later: the current figures under the conversation's current subscription. */
  private async refreshAlert(
    conversation: CommandConversation,
    command: { subscriptionId: string; costCentre: string; asOf: string },
    lang: Lang,
  ): Promise<CommandReply> {
    const subs = await this.options.subscriptions.listFor(conversation.id);
    const sub =
      subs.find((s) => s.id === command.subscriptionId && covers(s, command.costCentre)) ??
      subs.find((s) => covers(s, command.costCentre));
    const origin = { costCentre: command.costCentre, asOf: command.asOf };
    const card = sub
      ? this.alertCard(sub, origin, 'active')
      : this.alertCard(
          // No longer subscribed here: the figures, and a way to subscribe again.
          newSubscription({
            id: command.subscriptionId,
            conversationId: conversation.id,
            scope: conversation.type,
            createdBy: '',
            costCentre: command.costCentre,
            lang,
            createdAt: this.now().toISOString(),
          }),
          origin,
          'stopped',
        );
    if (card) return card;
    return {
      text: t(
        lang,
        `${command.costCentre}: lukuja ei ole nyt saatavilla. Kysy "${command.costCentre} menot".`,
        `${command.costCentre}: no figures available now. Ask "${command.costCentre} expenses".`,
      ),
      card: null,
    };
  }

  /** The alert card of a cost centre with today's figures, evaluated under `sub`; null without data. */
  private alertCard(
    sub: Subscription,
    origin: AlertOrigin,
    state: 'active' | 'stopped',
  ): CommandReply | null {
    const data = this.options.budget?.();
    if (!data) return null;
    const facts = data.facts.filter((f) => f.costCentre === origin.costCentre);
    const position = positionsFromStore({ ...data, facts })[0];
    if (!position) return null;
    const findings = state === 'active' ? evaluatePosition(sub, parseRules(sub), position) : [];
    const cardData = alertCardDataFor(position, findings, {
      subscription: sub,
      state,
      sentAsOf: origin.asOf,
      documentTitle: cardContextOf(data.documents).documentTitle,
    });
    if (!cardData) return null;
    const lang = sub.lang;
    return {
      text: t(lang, `Budjettihälytys: ${origin.costCentre}`, `Budget alert: ${origin.costCentre}`),
      card: renderAlertCard(cardData),
    };
  }

  /** The subscription of this conversation that covers a cost centre (its own, else "all"). */
  private async covering(conversationId: string, costCentre: string): Promise<Subscription | undefined> {
    const subs = await this.options.subscriptions.listFor(conversationId);
    return subs.find((s) => s.costCentre === costCentre) ?? subs.find((s) => covers(s, costCentre));
  }

  /** Which rules apply to a subject: revenue only where the data has a revenue budget for it. */
  private scopeOf(costCentre: string | null): { revenue: boolean } {
    const data = this.options.budget?.();
    if (costCentre === null || !data) return { revenue: true };
    return {
      revenue: data.facts.some(
        (f) => f.costCentre === costCentre && f.account === 'TULOT' && f.table === 'costCentres',
      ),
    };
  }

  private item(s: Subscription, lang: Lang): SubscriptionCardItem {
    return {
      id: s.id,
      name: subject(s.costCentre, lang),
      costCentre: s.costCentre,
      rules: ruleSentence(s, lang, this.scopeOf(s.costCentre)),
      status: s.paused
        ? t(
            lang,
            'Keskeytetty: botti on poistettu keskustelusta.',
            'Paused: the bot was removed from the conversation.',
          )
        : null,
      editTitle: t(lang, 'Muuta rajoja', 'Change steps'),
      stopTitle: t(lang, 'Lopeta tilaus', 'Stop subscription'),
    };
  }

  /** A reply showing one subscription: what was done (title), an optional note, the rule and its buttons. */
  private subscriptionReply(lang: Lang, verb: string, sub: Subscription, note: string | null): CommandReply {
    const title = `${verb}: ${subject(sub.costCentre, lang)}`;
    const message =
      note ??
      t(
        lang,
        'Hälytykset tulevat tähän keskusteluun. Lopeta milloin tahansa: "lopeta hälytykset".',
        'Alerts come to this conversation. Stop at any time: "stop alerts".',
      );
    return {
      text: title,
      card: renderSubscriptionCard({
        // The subject is named once, above its rule.
        title: verb,
        message,
        subscriptions: [this.item(sub, lang)],
        stopped: [],
        fallbackText: `${title}. ${ruleSentence(sub, lang, this.scopeOf(sub.costCentre))}`,
      }),
    };
  }

  /** The reply after stopping: what was stopped (with a way back), and what this conversation still has. */
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
    const again = t(lang, 'Tilaa uudelleen', 'Subscribe again');
    return {
      text: title,
      card: renderSubscriptionCard({
        title,
        message,
        subscriptions: left.map((s) => this.item(s, lang)),
        stopped: removed.map((s) => ({
          title: removed.length === 1 ? again : `${again}: ${subject(s.costCentre, lang)}`,
          costCentre: s.costCentre,
          prefill: ruleInputOf(s),
        })),
        fallbackText: `${title}. ${message}`,
      }),
    };
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
    const title = t(lang, 'Tilaukset tässä keskustelussa', 'Subscriptions in this conversation');
    const lines = subs.map(
      (s) => `• ${subject(s.costCentre, lang)}: ${ruleSentence(s, lang, this.scopeOf(s.costCentre))}`,
    );
    return {
      text: title,
      card: renderSubscriptionCard({
        title,
        message: '',
        subscriptions: subs.map((s) => this.item(s, lang)),
        stopped: [],
        fallbackText: [`${title}:`, ...lines].join('\n'),
      }),
    };
  }
}

/** The parts of a prefill that are valid; the rest falls back to the defaults. */
function validPrefill(prefill: Partial<RuleInput> | null): Partial<RuleInput> {
  if (!prefill) return {};
  const out: Partial<RuleInput> = {};
  if (prefill.steps !== undefined && parseSteps(prefill.steps)) out.steps = prefill.steps;
  if (prefill.quietDays !== undefined && parseQuietDays(prefill.quietDays) !== null)
    out.quietDays = prefill.quietDays;
  if (prefill.projection !== undefined) out.projection = prefill.projection;
  return out;
}
