import { BudgetBotError } from '../domain/errors';
import { formatDate, formatEuro, formatPoints, formatShare } from '../domain/format';
import { money } from '../domain/money';
import type { AdaptiveCard } from './adaptive-card';
import { type AlertCardData, AlertCardDataSchema, type CrossedRule } from './alert-card-data';
import type { FigureRow } from './figure-card';
import { accountWord, columnName, formatAmount, sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { type ShareBar, shareBar } from './share-bar';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** One crossed rule as shown: what, the threshold, and the value now. */
export interface AlertRuleRow {
  label: string;
  threshold: string;
  value: string;
}

/** Template model of cards/alert.json. */
export interface AlertTemplateData {
  title: string;
  subtitle: string;
  /** Small lines under the title: when the alert was sent, if the figures have moved on since. */
  hasNotes: boolean;
  notes: { text: string }[];
  stopped: boolean;
  stoppedText: string;
  thresholdLabel: string;
  valueLabel: string;
  hasRules: boolean;
  noRulesText: string;
  rules: AlertRuleRow[];
  rows: FigureRow[];
  bars: ShareBar[];
  hasProjection: boolean;
  projectionLabel: string;
  projectionValue: string;
  projectionNote: string;
  sources: { text: string }[];
  sourceTitle: string;
  openTitle: string;
  ask: string;
  editTitle: string;
  unsubscribeTitle: string;
  resubscribeTitle: string;
  subscriptionId: string;
  /** The subscription's subject (null = every cost centre), for the step picker. */
  subscriptionCostCentre: string | null;
  /** Which alert card a subscription button was pressed on: it comes back after the change. */
  origin: { costCentre: string; asOf: string };
  prefill: AlertCardData['prefill'] | null;
  fallbackText: string;
}

const RULE_WORDS: Record<CrossedRule['rule'], [string, string]> = {
  usedShare: ['Käyttöaste', 'Used share'],
  pace: ['Käyttö edellä vuoden kulumista', 'Spending ahead of the year'],
  projectedOverrun: ['Koko vuoden ennuste budjetista (arvio)', 'Full-year projection of budget (estimate)'],
  revenueShortfall: ['Tulot jäljessä vuoden kulumisesta', 'Revenue behind the year'],
};

function ruleRow(r: CrossedRule, lang: AlertCardData['lang']): AlertRuleRow {
  const words = RULE_WORDS[r.rule];
  const isShare = r.rule === 'usedShare' || r.rule === 'projectedOverrun';
  const fmt = (v: string) => (isShare ? formatShare(v, lang) : formatPoints(v, lang));
  return { label: lang === 'fi' ? words[0] : words[1], threshold: fmt(r.threshold), value: fmt(r.value) };
}

/** Builds the alert card's template model from validated alert data. */
export function alertTemplateData(alert: AlertCardData): AlertTemplateData {
  const l = cardLabels(alert.lang);
  const lang = alert.lang;
  const expense = money(alert.budget).lte(0) && money(alert.actual).lte(0);
  const actualFig = { basis: 'TOT', year: alert.year, asOf: alert.asOf };
  const rows: FigureRow[] = [
    { label: l.budget, value: formatAmount(alert.budget, 'EUR', lang, expense), colour: 'default' },
    {
      label: columnName(actualFig, lang),
      value: formatAmount(alert.actual, 'EUR', lang, expense),
      colour: 'default',
    },
  ];
  if (alert.remaining !== undefined) {
    const rem = money(alert.remaining);
    const over = !rem.isZero() && rem.isNegative() !== money(alert.budget).isNegative();
    rows.push({
      label: over ? l.overspent : l.remaining,
      value: formatEuro(rem.abs(), lang),
      colour: over ? 'attention' : 'default',
    });
  }
  const source = sourceLines(
    [
      {
        costCentre: alert.costCentre,
        account: alert.account,
        year: alert.year,
        basis: 'TOT',
        asOf: alert.asOf,
        amount: alert.actual,
        unit: 'EUR',
        role: 'actual',
        source: alert.source,
      },
    ],
    lang,
    { documentTitle: (file) => (file === alert.source.document ? (alert.sourceTitle ?? null) : null) },
  );
  const title = `${l.alertTitle}: ${alert.costCentre}`;
  const stopped = alert.subscriptionState === 'stopped';
  const sentOn = alert.sentAsOf ?? alert.asOf;
  const notes =
    sentOn !== alert.asOf
      ? [
          {
            text:
              lang === 'fi'
                ? `Hälytys lähetettiin ${formatDate(sentOn, lang)} tietojen perusteella; luvut ovat nyt ${formatDate(alert.asOf, lang)} tilanteen mukaiset.`
                : `The alert was sent on the figures of ${formatDate(sentOn, lang)}; the figures are now those of ${formatDate(alert.asOf, lang)}.`,
          },
        ]
      : [];
  return {
    title: literal(title),
    subtitle: literal(`${accountWord(alert.account, lang)} ${alert.year} · ${columnName(actualFig, lang)}`),
    hasNotes: notes.length > 0,
    notes,
    stopped,
    stoppedText: l.subscriptionStopped,
    thresholdLabel: l.threshold,
    valueLabel: l.value,
    hasRules: alert.rules.length > 0,
    noRulesText: l.noRulesCrossed,
    rules: alert.rules.map((r) => ruleRow(r, lang)),
    rows,
    bars: [
      shareBar(l.used, formatShare(alert.usedShare, lang), money(alert.usedShare), 'attention'),
      shareBar(l.elapsed, formatShare(alert.elapsedShare, lang), money(alert.elapsedShare), 'accent'),
    ],
    hasProjection: alert.projection !== undefined,
    projectionLabel: l.projection,
    projectionValue:
      alert.projection !== undefined ? formatAmount(alert.projection, 'EUR', lang, expense) : '',
    projectionNote: l.projectionNote,
    sources: source.map((text) => ({ text: literal(text) })),
    sourceTitle: l.showSource,
    openTitle: l.openAnswer,
    ask: literal(alert.question),
    editTitle: l.editSubscription,
    unsubscribeTitle: l.unsubscribe,
    resubscribeTitle: l.resubscribe,
    subscriptionId: alert.subscriptionId,
    subscriptionCostCentre:
      alert.subscriptionCostCentre === undefined ? alert.costCentre : alert.subscriptionCostCentre,
    origin: { costCentre: alert.costCentre, asOf: sentOn },
    prefill: alert.prefill ?? null,
    fallbackText: literal(
      alert.rules.length > 0
        ? `${title}: ${alert.rules
            .map((r) => ruleRow(r, lang))
            .map((r) => `${r.label} ${r.value}`)
            .join(', ')}`
        : `${title}: ${l.noRulesCrossed}`,
    ),
  };
}

/**
 * The card's `refresh` (Universal Actions): opened later, the card asks the bot for the current
 * figures. In a personal chat the subscriber's card refreshes by itself; in group chats and
 * channels Teams refreshes automatically for up to 60 members, others can refresh by hand.
 */
function refreshOf(alert: AlertCardData): Record<string, unknown> {
  return {
    action: {
      type: 'Action.Execute',
      title: cardLabels(alert.lang).refresh,
      verb: 'refreshAlert',
      data: {
        action: 'refreshAlert',
        subscriptionId: alert.subscriptionId,
        costCentre: alert.costCentre,
        asOf: alert.sentAsOf ?? alert.asOf,
      },
    },
    ...(alert.refreshUserIds ? { userIds: alert.refreshUserIds } : {}),
  };
}

/**
 * Renders an alert card: what crossed which threshold, the figures, pace, and buttons to open the
 * answer, change the steps and stop (or subscribe again); with a `refresh` so it shows the
 * current figures when opened later.
 */
export function renderAlertCard(alert: AlertCardData): AdaptiveCard {
  const parsed = AlertCardDataSchema.safeParse(alert);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new BudgetBotError(
      `alert card data: ${first?.message ?? 'invalid'}`,
      'bad_input',
      first?.path.join('.'),
    );
  }
  return { ...expandTemplate('alert', alertTemplateData(parsed.data)), refresh: refreshOf(parsed.data) };
}
