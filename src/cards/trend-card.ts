import type { Answer } from '../domain/answer';
import { formatDate } from '../domain/format';
import { money } from '../domain/money';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type AskButton, askButtons, type CardHeader, cardHeader, limitRows } from './card-header';
import { columnName, formatAmount, isExpenseLike, sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';

/** One year of a trend: a chart point (Teams) and a table row (every other client). */
export interface TrendPoint {
  /** Chart category: the year, or the TOT date for a year to date. */
  x: string;
  /** Chart height in euros (magnitudes for expenses); the exact figure is in `value`. */
  y: number;
  label: string;
  value: string;
}

/** Most years a trend card shows. */
export const MAX_TREND_POINTS = 30;

/** Data model of cards/trend.json: a series in year order. */
export interface TrendCardData extends CardHeader {
  chartTitle: string;
  yearLabel: string;
  valueLabel: string;
  points: TrendPoint[];
  buttons: AskButton[];
}

/** Builds the trend card's data model from figures in year order. */
export function trendCardData(answer: Answer): TrendCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const body = bodyOf(answer, 'series');
  const figures = body.points.map((p) => figureAt(answer, p.figure));
  const expense = isExpenseLike(figures);
  const header = cardHeader(answer, sourceLines(figures, lang));
  // A series is read from its newest end: when it is too long, the oldest years are left out.
  const shown = limitRows([...figures].reverse(), MAX_TREND_POINTS, header, lang, 'newest').reverse();
  return {
    ...header,
    chartTitle: l.chartTitle,
    yearLabel: l.year,
    valueLabel: l.amount,
    points: shown.map((f) => {
      const amount = expense ? money(f.amount).abs() : money(f.amount);
      return {
        x: f.asOf && f.basis.toUpperCase() === 'TOT' ? formatDate(f.asOf, lang) : String(f.year),
        // Chart geometry only: whole euros fit a double exactly up to 2^53.
        y: amount.toDecimalPlaces(0).toNumber(),
        label: columnName(f, lang),
        value: formatAmount(f.amount, f.unit, lang, expense),
      };
    }),
    buttons: askButtons(answer.options),
  };
}

/** Renders the trend card: Chart.VerticalBar in Teams, a table everywhere else (fallback). */
export function renderTrendCard(answer: Answer): AdaptiveCard {
  return expandTemplate('trend', trendCardData(answer));
}
