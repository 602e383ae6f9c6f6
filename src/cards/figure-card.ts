import type { Answer, AnswerFigure } from '../domain/answer';
import type { BodyOf } from '../domain/answer-body';
import { formatDate, formatEuro, formatPoints, formatShare } from '../domain/format';
import { money } from '../domain/money';
import { isMarginRow } from '../domain/row-kind';
import { genitive } from '../text/finnish-inflection';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type CardContext, NO_CONTEXT } from './card-context';
import { type AskButton, askButtons, type CardHeader, cardHeader, withoutNotes } from './card-header';
import { accountWord, columnName, formatAmount, isExpenseLike, sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { type ShareBar, shareBar } from './share-bar';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** A button's question about the card's row, in correct Finnish ("Tietohallinnon menot 2021"). */
function rowQuestion(subject: string, word: string, rest: string, lang: 'fi' | 'en'): string {
  return lang === 'fi' ? `${genitive(subject)} ${word.toLowerCase()} ${rest}` : `${subject} ${word} ${rest}`;
}

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
  /** The seasonal projection beside the linear one, where last year's months give it. */
  hasSeasonal: boolean;
  seasonalLabel: string;
  seasonalValue: string;
  seasonalNote: string;
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
    // A margin is better or worse than estimated (a closed year's; part of a year says nothing
    // of it); it is neither spending nor revenue.
    if (isMarginRow(actual.account) && openYear) return null;
    if (isMarginRow(actual.account))
      return v.isNegative()
        ? {
            text: fi ? `${abs} heikompi kuin arvioitu.` : `${abs} worse than estimated.`,
            colour: 'attention',
          }
        : { text: fi ? `${abs} parempi kuin arvioitu.` : `${abs} better than estimated.`, colour: 'good' };
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
export function figureCardData(answer: Answer, context: CardContext = NO_CONTEXT): FigureCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const body = bodyOf(answer, 'figure', 'budgetVsActual', 'monthAmount');
  if (body.kind === 'monthAmount') return monthCardData(answer, body, context);
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
      // The year's final budget, in plain words; its column code is in the source line.
      label: body.kind === 'budgetVsActual' ? `${l.budget} ${budget.year}` : columnName(budget, lang),
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
            ask: rowQuestion(
              subject,
              accountWord(lead.account, lang),
              lang === 'fi' ? 'vuosittain' : 'trend over the years',
              lang,
            ),
          },
          {
            label: `${l.previousYear} (${lead.year - 1})`,
            ask: rowQuestion(subject, accountWord(lead.account, lang), String(lead.year - 1), lang),
          },
        ]
      : [];
  // The projection's caveat is said once, under the projection.
  const header =
    d.projection !== undefined
      ? withoutNotes(cardHeader(answer, sourceLines(shown, lang, context)), PROJECTION_NOTE)
      : cardHeader(answer, sourceLines(shown, lang, context));
  const outcome = projectionOutcome(answer, d.projection, budget, expense);
  const seasonal = seasonalRow(answer, body, expense);
  // The header made for this card, with the card's own fields added: no copy of its fields (a
  // literal spreading them took ~40 µs per card).
  return Object.assign(header, {
    rows: rows.map((r) => ({ label: literal(r.label), value: r.value, colour: r.colour })),
    hasStatus: st !== null,
    statusText: st?.text ?? '',
    statusColour: st?.colour ?? 'good',
    hasBars: bars.length > 0,
    bars,
    hasProjection: d.projection !== undefined,
    projectionLabel: l.projection,
    projectionValue: d.projection !== undefined ? formatAmount(d.projection, 'EUR', lang, expense) : '',
    projectionNote: l.projectionNote,
    hasProjectionOutcome: outcome.hasProjectionOutcome,
    projectionOutcome: outcome.projectionOutcome,
    projectionColour: outcome.projectionColour,
    hasSeasonal: seasonal.hasSeasonal,
    seasonalLabel: seasonal.seasonalLabel,
    seasonalValue: seasonal.seasonalValue,
    seasonalNote: seasonal.seasonalNote,
    buttons: askButtons(answer.options.length > 0 ? answer.options : defaults, 4),
    // Alerts follow cost centres; a service-area total has no subscription of its own.
    hasSubscribe:
      subject.length > 0 &&
      answer.status === 'answer' &&
      !(answer.query?.subjects ?? []).some((s) => s.kind === 'serviceArea' && s.name === subject),
    subscribeTitle: l.subscribe,
    costCentre: literal(subject),
  });
}

/** Notes about the projection: the card says its caveat beside the projection itself. */
const PROJECTION_NOTE = /ennuste|projection|estimate/i;

/** The seasonal projection of a budget-vs-actual answer, labelled with the year it follows. */
function seasonalRow(
  answer: Answer,
  body: BodyOf<'figure' | 'budgetVsActual' | 'monthAmount'>,
  expense: boolean,
): Pick<FigureCardData, 'hasSeasonal' | 'seasonalLabel' | 'seasonalValue' | 'seasonalNote'> {
  const seasonal = body.kind === 'budgetVsActual' ? body.seasonal : null;
  const toDate = seasonal ? figureAt(answer, seasonal.lastYearToDate) : undefined;
  if (!seasonal || !toDate)
    return { hasSeasonal: false, seasonalLabel: '', seasonalValue: '', seasonalNote: '' };
  const l = cardLabels(answer.lang);
  return {
    hasSeasonal: true,
    seasonalLabel: l.seasonalProjection(toDate.year),
    seasonalValue: formatAmount(seasonal.projection, 'EUR', answer.lang, expense),
    seasonalNote: l.seasonalProjectionNote(
      toDate.year,
      formatDate(toDate.asOf ?? `${toDate.year}-12-31`, answer.lang),
      formatShare(seasonal.share, answer.lang),
    ),
  };
}

/**
 * A month's figure: the two year-to-date actuals and their difference, the month's own
 * (January: the one figure), so the card shows how the month's figure was made.
 */
function monthCardData(answer: Answer, body: BodyOf<'monthAmount'>, context: CardContext): FigureCardData {
  const lang = answer.lang;
  const l = cardLabels(lang);
  const end = figureAt(answer, body.end);
  const start = body.start === null ? undefined : figureAt(answer, body.start);
  const shown = [end, start].filter((f): f is AnswerFigure => f !== undefined);
  const expense = isExpenseLike(shown);
  const rows: FigureRow[] = shown.map((f) => ({
    label: columnName(f, lang),
    value: formatAmount(f.amount, f.unit, lang, expense),
    colour: 'default',
  }));
  rows.push({
    label: l.monthAmount(body.month, body.year, start !== undefined, body.fromMonth),
    value: formatAmount(body.amount, end?.unit ?? 'EUR', lang, expense),
    colour: 'default',
  });
  const header = cardHeader(answer, sourceLines(shown, lang, context));
  return Object.assign(header, {
    rows: rows.map((r) => ({ label: literal(r.label), value: r.value, colour: r.colour })),
    hasStatus: false,
    statusText: '',
    statusColour: 'good',
    hasBars: false,
    bars: [],
    hasProjection: false,
    projectionLabel: '',
    projectionValue: '',
    projectionNote: '',
    hasProjectionOutcome: false,
    projectionOutcome: '',
    projectionColour: 'good',
    hasSeasonal: false,
    seasonalLabel: '',
    seasonalValue: '',
    seasonalNote: '',
    buttons: askButtons(answer.options, 4),
    hasSubscribe: false,
    subscribeTitle: l.subscribe,
    costCentre: literal(end?.costCentre ?? ''),
  } satisfies Omit<FigureCardData, keyof CardHeader>);
}

/** Renders the figure / budget-vs-actual card. */
export function renderFigureCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return expandTemplate('figure', figureCardData(answer, context));
}
