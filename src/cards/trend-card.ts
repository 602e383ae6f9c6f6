import type { Answer, AnswerFigure } from '../domain/answer';
import type { BodyOf, SeriesPoint } from '../domain/answer-body';
import { formatDate } from '../domain/format';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type CardContext, NO_CONTEXT } from './card-context';
import {
  type AskButton,
  askButtons,
  type CardHeader,
  cardHeader,
  limitRows,
  withoutNotes,
} from './card-header';
import { type ChartScale, chartScale, chartValue } from './chart-scale';
import { accountWord, formatAmount, isExpenseLike, sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';

/** One bar of the chart: the year (marked "*" for a part of the year) and its height in the chart's unit. */
export interface ChartPoint {
  x: string;
  y: number;
}

/** One series of the chart (actuals, budgets, plans), with its legend. */
export interface ChartSeries {
  legend: string;
  values: ChartPoint[];
}

/** One cell of the table: an exact figure, or "–" where the year has none. */
export interface TableCell {
  text: string;
  weight: 'Bolder' | 'Default';
  alignment: 'Left' | 'Right';
}

/** One row of the table: a year and its figures, one column per series. */
export interface TableRow {
  cells: TableCell[];
}

/** Most years a trend card shows: twelve groups of bars still read on a phone. */
export const MAX_TREND_POINTS = 12;

/** Data model of cards/trend.json: a row over the years, actuals and budgets as two series. */
export interface TrendCardData extends CardHeader {
  chartTitle: string;
  yearLabel: string;
  unitLabel: string;
  /** False when there is nothing to chart (a month series of one year-so-far figure): the table shows instead. */
  hasChart: boolean;
  series: ChartSeries[];
  /** The table: the chart's fallback, and the exact figures behind a toggle where charts show. */
  header: TableRow;
  rows: TableRow[];
  tableTitle: string;
  hasPartYear: boolean;
  partYearNote: string;
  buttons: AskButton[];
}

const ORDER: SeriesPoint['series'][] = ['actual', 'budget', 'plan'];

function legendOf(series: SeriesPoint['series'], lang: Answer['lang']): string {
  const l = cardLabels(lang);
  return series === 'actual' ? l.actual : series === 'budget' ? l.budget : l.plan;
}

/** The chart's category of a year: marked "*" when its actual covers only part of it (every series of that year shares it). */
function yearLabel(year: number, partYears: ReadonlySet<number>): string {
  return partYears.has(year) ? `${year}*` : String(year);
}

/**
 * Builds the trend card's data model: per year the actual and the budget (and a plan) side by
 * side as two series with a legend, in euros scaled to t€ or milj. €; a year-to-date actual is
 * marked "*" and explained. The table has every figure exact.
 */
export function trendCardData(answer: Answer, context: CardContext = NO_CONTEXT): TrendCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const body = bodyOf(answer, 'series', 'monthlySeries');
  if (body.kind === 'monthlySeries') return monthlyCardData(answer, body, context);
  const all = body.points.map((p) => ({ point: p, figure: figureAt(answer, p.figure) }));
  const header = cardHeader(
    answer,
    sourceLines(
      all.map((a) => a.figure),
      lang,
      context,
    ),
  );
  // A series is read from its newest end: when it is too long, the oldest years are left out.
  const years = limitRows(
    [...new Set(all.map((a) => a.point.year))].sort((a, b) => b - a),
    MAX_TREND_POINTS,
    header,
    lang,
    'newest',
  ).sort((a, b) => a - b);
  const points = all.filter((a) => years.includes(a.point.year));
  const figures = points.map((p) => p.figure);
  const expense = isExpenseLike(figures);
  const scale: ChartScale = chartScale(figures, lang);
  const kinds = ORDER.filter((k) => points.some((p) => p.point.series === k));
  const cellOf = (f: AnswerFigure | undefined): TableCell => ({
    text: f ? formatAmount(f.amount, f.unit, lang, expense) : '–',
    weight: 'Default',
    alignment: 'Right',
  });
  const partYear = points.find((p) => p.point.partYear);
  const partYears = new Set(points.filter((p) => p.point.partYear).map((p) => p.point.year));
  const budgetToo =
    partYear !== undefined &&
    points.some((p) => p.point.year === partYear.point.year && p.point.series !== 'actual');
  // The part-year caveat is said once, under the chart.
  const head = partYear ? withoutNotes(header, PART_YEAR_NOTE) : header;
  return Object.assign(head, {
    chartTitle: `${capitalise(accountWord(body.row.account, lang))} ${l.byYear}`,
    yearLabel: l.year,
    unitLabel: scale.label,
    hasChart: true,
    series: kinds.map((k) => ({
      legend: legendOf(k, lang),
      values: points
        .filter((p) => p.point.series === k)
        .map((p) => ({ x: yearLabel(p.point.year, partYears), y: chartValue(p.figure, expense, scale) })),
    })),
    header: {
      cells: [
        { text: l.year, weight: 'Bolder', alignment: 'Left' },
        ...kinds.map((k): TableCell => ({ text: legendOf(k, lang), weight: 'Bolder', alignment: 'Right' })),
      ],
    },
    rows: years.map((year) => ({
      cells: [
        {
          text: yearLabel(year, partYears),
          weight: 'Default',
          alignment: 'Left',
        },
        ...kinds.map((k) =>
          cellOf(points.find((p) => p.point.year === year && p.point.series === k)?.figure),
        ),
      ],
    })),
    tableTitle: l.exactFigures,
    hasPartYear: partYear !== undefined,
    partYearNote: partYear?.point.asOf
      ? lang === 'fi'
        ? `* ${partYear.point.year}: toteuma 1.1.–${formatDate(partYear.point.asOf, lang)} (osa vuotta)${budgetToo ? ', budjetti koko vuoden' : ''}.`
        : `* ${partYear.point.year}: actual 1 Jan–${formatDate(partYear.point.asOf, lang)} (part of the year)${budgetToo ? ', budget for the whole year' : ''}.`
      : '',
    buttons: askButtons(answer.options),
  } satisfies Omit<TrendCardData, keyof CardHeader>);
}

/** Notes that say a year's figure covers only part of it: the card says so under the chart. */
const PART_YEAR_NOTE = /koko vuosi|whole year|part of the year|osa vuotta/i;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A year month by month: each month's own figure (the difference of two year-to-date figures)
 * as a bar, and where the month before is not in the data, the year so far at that date. One
 * series; the table names each month and whether its figure is a difference.
 */
function monthlyCardData(answer: Answer, body: BodyOf<'monthlySeries'>, context: CardContext): TrendCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const figures = body.points.map((p) => figureAt(answer, p.figure));
  const expense = isExpenseLike(figures);
  const header = cardHeader(answer, sourceLines(figures, lang, context));
  const points = body.points.map((p, i) => {
    const f = figures[i] as AnswerFigure;
    const own = p.monthAmount !== null;
    // January's year to date is January itself; any other month without the one before it in
    // the data is the year so far (1.1.–30.6.2022), several months in one figure.
    const single = own || p.month === 1;
    return {
      single,
      x: l.monthShort(p.month),
      label: own
        ? l.monthAmount(p.month, body.year, p.month > 1)
        : single
          ? l.monthAmount(p.month, body.year, false)
          : l.yearSoFar(formatDate(p.asOf, lang)),
      amount: { amount: own ? (p.monthAmount as string) : f.amount },
      unit: f.unit,
    };
  });
  // The chart draws single months only: a bar of several months would read as one month.
  const months = points.filter((p) => p.single);
  const sums = points.filter((p) => !p.single);
  const scale = chartScale(
    months.map((p) => p.amount),
    lang,
  );
  const legend = capitalise(accountWord(body.row.account, lang));
  const first = months[0];
  const last = months.at(-1);
  const range = sums.length > 0 && first && last && first !== last ? ` (${first.x}–${last.x})` : '';
  return Object.assign(header, {
    chartTitle: `${l.chartTitleMonthly} ${body.year}${range}`,
    yearLabel: l.month,
    unitLabel: scale.label,
    hasChart: months.length > 0,
    series: [{ legend, values: months.map((p) => ({ x: p.x, y: chartValue(p.amount, expense, scale) })) }],
    header: {
      cells: [
        { text: l.month, weight: 'Bolder', alignment: 'Left' },
        { text: legend, weight: 'Bolder', alignment: 'Right' },
      ],
    },
    rows: points.map((p) => ({
      cells: [
        { text: p.label, weight: 'Default', alignment: 'Left' },
        { text: formatAmount(p.amount.amount, p.unit, lang, expense), weight: 'Default', alignment: 'Right' },
      ],
    })),
    tableTitle: l.exactFigures,
    // Said once, under the chart: what the chart leaves out, and where it is.
    hasPartYear: sums.length > 0 && months.length > 0,
    partYearNote:
      sums.length > 0 && months.length > 0
        ? l.monthsOnly(
            sums.map((p) => `${p.label} (${formatAmount(p.amount.amount, p.unit, lang, expense)})`),
          )
        : '',
    buttons: askButtons(answer.options),
  } satisfies Omit<TrendCardData, keyof CardHeader>);
}

/** Renders the trend card: a grouped bar chart in Teams, the table everywhere else (fallback). */
export function renderTrendCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return expandTemplate('trend', trendCardData(answer, context));
}
