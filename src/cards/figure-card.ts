import type { Answer, AnswerFigure } from '../domain/answer';
import { formatEuro, formatPoints, formatShare } from '../domain/format';
import { money } from '../domain/money';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type AskButton, askButtons, type CardHeader, cardHeader } from './card-header';
import { accountWord, columnName, formatAmount, isExpenseLike, sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { type ShareBar, shareBar } from './share-bar';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** One labelled amount of the figure card. */
export interface FigureRow {
  label: string;
  value: string;
  colour: 'default' | 'good' | 'attention';
}

/** Data model of cards/figure.json: budget against actual for one subject and period. */
export interface FigureCardData extends CardHeader {
  rows: FigureRow[];
  hasStatus: boolean;
  statusText: string;
  statusColour: 'good' | 'attention';
  hasBars: boolean;
  bars: ShareBar[];
  hasProjection: boolean;
  projectionLabel: string;
  projectionValue: string;
  projectionNote: string;
  /** What the projection means for the budget, in words ("budjetti ylittyisi arviolta 375 161 €"). */
  hasProjectionOutcome: boolean;
  projectionOutcome: string;
  projectionColour: 'good' | 'attention';
  buttons: AskButton[];
  hasSubscribe: boolean;
  subscribeTitle: string;
  costCentre: string;
}

function status(
  answer: Answer,
  d: Values,
  actual: AnswerFigure | undefined,
  budget: AnswerFigure | undefined,
  expense: boolean,
): { text: string; colour: 'good' | 'attention' } | null {
  const fi = answer.lang === 'fi';
  const openYear = actual?.asOf !== undefined && d.elapsedShare !== undefined;
  if (openYear && d.usedShare !== undefined && d.elapsedShare !== undefined) {
    // Pace from the two shares themselves: exact, and the same numbers the bars show.
    const points = money(d.usedShare).minus(money(d.elapsedShare)).times(100);
    const pts = formatPoints(points.abs(), answer.lang).replace(/^\+/, '');
    if (expense && money(d.usedShare).gt(1)) {
      return {
        text: fi ? 'Koko vuoden budjetti on jo käytetty.' : 'The whole year’s budget is already used.',
        colour: 'attention',
      };
    }
    if (expense) {
      return points.gt(0)
        ? {
            text: fi
              ? `Käyttö on ${pts} edellä vuoden kulumista.`
              : `Spending is ${pts} ahead of the year elapsed.`,
            colour: 'attention',
          }
        : {
            text: fi
              ? `Käyttö on vuoden kulumisen tahdissa (${pts} jäljessä).`
              : `Spending is in step with the year (${pts} behind).`,
            colour: 'good',
          };
    }
    return points.gte(0)
      ? {
          text: fi
            ? `Tuloja on kertynyt ${pts} vuoden kulumista edellä.`
            : `Revenue is ${pts} ahead of the year elapsed.`,
          colour: 'good',
        }
      : {
          text: fi
            ? `Tulot ovat ${pts} jäljessä vuoden kulumisesta.`
            : `Revenue is ${pts} behind the year elapsed.`,
          colour: 'attention',
        };
  }
  if (d.variance !== undefined && actual && budget) {
    const v = money(d.variance);
    const abs = formatEuro(v.abs(), answer.lang);
    if (v.isZero())
      return { text: fi ? 'Toteuma vastaa budjettia.' : 'Actual matches the budget.', colour: 'good' };
    if (expense) {
      return v.isNegative()
        ? { text: fi ? `Ylitys ${abs}.` : `Overspent by ${abs}.`, colour: 'attention' }
        : { text: fi ? `Alitus ${abs}.` : `Underspent by ${abs}.`, colour: 'good' };
    }
    return v.isNegative()
      ? {
          text: fi ? `Tulot jäivät ${abs} alle arvion.` : `Revenue fell ${abs} short of the estimate.`,
          colour: 'attention',
        }
      : {
          text: fi ? `Tulot ylittivät arvion ${abs}.` : `Revenue exceeded the estimate by ${abs}.`,
          colour: 'good',
        };
  }
  return null;
}

/** The projection against the budget, for expenses: over by how much, or how much would be left. */
function projectionOutcome(
  answer: Answer,
  p: string | undefined,
  budget: AnswerFigure | undefined,
  expense: boolean,
): Pick<FigureCardData, 'hasProjectionOutcome' | 'projectionOutcome' | 'projectionColour'> {
  if (p === undefined || !budget || !expense || money(budget.amount).isZero()) {
    return { hasProjectionOutcome: false, projectionOutcome: '', projectionColour: 'good' };
  }
  const gap = money(p).abs().minus(money(budget.amount).abs());
  const amount = formatEuro(gap.abs(), answer.lang);
  const fi = answer.lang === 'fi';
  return gap.gt(0)
    ? {
        hasProjectionOutcome: true,
        projectionOutcome: fi
          ? `Samalla tahdilla budjetti ylittyisi arviolta ${amount}.`
          : `At this pace the budget would be exceeded by about ${amount}.`,
        projectionColour: 'attention',
      }
    : {
        hasProjectionOutcome: true,
        projectionOutcome: fi
          ? `Samalla tahdilla budjettia jäisi arviolta ${amount} käyttämättä.`
          : `At this pace about ${amount} of the budget would be left.`,
        projectionColour: 'good',
      };
}

/** The budget-vs-actual values a figure card shows, as exact decimal strings (absent on a single figure). */
interface Values {
  variance?: string;
  remaining?: string;
  usedShare?: string;
  elapsedShare?: string;
  projection?: string;
}

/** Builds the figure card's data model from a figure or budget-vs-actual answer. */
export function figureCardData(answer: Answer): FigureCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const body = bodyOf(answer, 'figure', 'budgetVsActual');
  // A single figure is shown as the actual or the budget it is, or (a plan) under its column's name.
  const one = body.kind === 'figure' ? figureAt(answer, body.figure) : undefined;
  const actual =
    body.kind === 'budgetVsActual' ? figureAt(answer, body.actual) : one?.role === 'actual' ? one : undefined;
  const budget =
    body.kind === 'budgetVsActual' ? figureAt(answer, body.budget) : one?.role === 'budget' ? one : undefined;
  const single = one && one !== actual && one !== budget ? one : undefined;
  const shown = one ? [one] : [actual, budget].filter((f): f is AnswerFigure => f !== undefined);
  const lead = actual ?? budget ?? single;
  const expense = isExpenseLike(shown);
  const d: Values =
    body.kind === 'budgetVsActual'
      ? {
          variance: body.variance,
          remaining: body.remaining,
          ...(body.usedShare === null ? {} : { usedShare: body.usedShare }),
          ...(body.elapsed === null ? {} : { elapsedShare: body.elapsed.share }),
          ...(body.projection === null ? {} : { projection: body.projection }),
        }
      : {};

  const rows: FigureRow[] = [];
  if (budget) {
    rows.push({
      label: `${l.budget} (${columnName(budget, lang)})`,
      value: formatAmount(budget.amount, budget.unit, lang, expense),
      colour: 'default',
    });
  }
  if (actual) {
    rows.push({
      label: columnName(actual, lang),
      value: formatAmount(actual.amount, actual.unit, lang, expense),
      colour: 'default',
    });
  }
  if (single) {
    rows.push({
      label: columnName(single, lang),
      value: formatAmount(single.amount, single.unit, lang, expense),
      colour: 'default',
    });
  }
  // An open year shows what is left of the budget; a closed year shows the variance (actual − budget).
  const openYear = actual?.asOf !== undefined && d.elapsedShare !== undefined;
  if (d.remaining !== undefined && budget && (openYear || d.variance === undefined)) {
    const rem = money(d.remaining);
    // Remaining = budget − actual; a sign opposite to the budget's means the budget is exceeded.
    const over = !rem.isZero() && rem.isNegative() !== money(budget.amount).isNegative();
    rows.push({
      label: over ? l.overspent : l.remaining,
      value: formatEuro(rem.abs(), lang),
      colour: over ? 'attention' : 'default',
    });
  }
  if (d.variance !== undefined && !openYear && actual && budget) {
    const v = money(d.variance);
    rows.push({
      label: l.variance,
      value: formatEuro(v, lang, { signed: true }),
      colour: v.isZero() ? 'default' : v.isNegative() ? 'attention' : 'good',
    });
  }

  const st = status(answer, d, actual, budget, expense);
  const bars: ShareBar[] = [];
  if (d.usedShare !== undefined) {
    bars.push(
      shareBar(
        l.used,
        formatShare(d.usedShare, lang),
        money(d.usedShare),
        st?.colour === 'attention' ? 'attention' : 'good',
      ),
    );
  }
  if (d.elapsedShare !== undefined) {
    bars.push(shareBar(l.elapsed, formatShare(d.elapsedShare, lang), money(d.elapsedShare), 'accent'));
  }

  const subject = lead?.costCentre ?? '';
  const defaults =
    lead && answer.status === 'answer'
      ? [
          {
            label: l.trend,
            ask:
              lang === 'fi'
                ? `${subject} ${accountWord(lead.account, lang)} kehitys vuosittain`
                : `${subject} ${accountWord(lead.account, lang)} trend over the years`,
          },
          {
            label: `${l.previousYear} (${lead.year - 1})`,
            ask: `${subject} ${accountWord(lead.account, lang)} ${lead.year - 1}`,
          },
        ]
      : [];
  return {
    ...cardHeader(answer, sourceLines(shown, lang), 'lead'),
    rows: rows.map((r) => ({ ...r, label: literal(r.label) })),
    hasStatus: st !== null,
    statusText: st?.text ?? '',
    statusColour: st?.colour ?? 'good',
    hasBars: bars.length > 0,
    bars,
    hasProjection: d.projection !== undefined,
    projectionLabel: l.projection,
    projectionValue: d.projection !== undefined ? formatAmount(d.projection, 'EUR', lang, expense) : '',
    projectionNote: l.projectionNote,
    ...projectionOutcome(answer, d.projection, budget, expense),
    buttons: askButtons(answer.options.length > 0 ? answer.options : defaults, 4),
    // Alerts follow cost centres; a service-area total has no subscription of its own.
    hasSubscribe:
      subject.length > 0 &&
      answer.status === 'answer' &&
      !(answer.query?.subjects ?? []).some((s) => s.kind === 'serviceArea' && s.name === subject),
    subscribeTitle: l.subscribe,
    costCentre: literal(subject),
  };
}

/** Renders the figure / budget-vs-actual card. */
export function renderFigureCard(answer: Answer): AdaptiveCard {
  return expandTemplate('figure', figureCardData(answer));
}
