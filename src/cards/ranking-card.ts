import type { Answer } from '../domain/answer';
import type { RankItem } from '../domain/answer-body';
import { formatChangePercent, formatEuro } from '../domain/format';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type CardContext, NO_CONTEXT } from './card-context';
import { type AskButton, askButtons, type CardHeader, cardHeader, limitRows } from './card-header';
import { chartScale, chartValue } from './chart-scale';
import { columnName, formatAmount, isExpenseLike, sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** One row of the ranking table. */
export interface RankingRow {
  rank: string;
  name: string;
  value: string;
  /** A second, quieter line under the name: in a ranking by change, the two years' figures. */
  hasDetail: boolean;
  detail: string;
}

/** Most rows a ranking card lists; the rest are counted in a note, so the card stays far below 28 KB. */
export const MAX_RANKING_ROWS = 30;

/** One bar of the ranking chart: the subject and its value in the chart's unit. */
export interface RankingBar {
  x: string;
  y: number;
}

/** Data model of cards/ranking.json: subjects in rank order, as bars (Teams) and as a table. */
export interface RankingCardData extends CardHeader {
  rankLabel: string;
  nameLabel: string;
  valueLabel: string;
  rows: RankingRow[];
  chartTitle: string;
  unitLabel: string;
  bars: RankingBar[];
  buttons: AskButton[];
}

/** Builds the ranking card's data model from a ranking by amount or by change, in rank order. */
export function rankingCardData(answer: Answer, context: CardContext = NO_CONTEXT): RankingCardData {
  const body = bodyOf(answer, 'ranking');
  if (body.metric === 'change') return changeRankingCardData(answer, body.items, context);
  const l = cardLabels(answer.lang);
  const lineItems = body.of === 'lineItems';
  const ranked = body.items.map((item) => ({ item, figure: figureAt(answer, item.figures[0] as number) }));
  const figures = ranked.map((r) => r.figure);
  const expense = isExpenseLike(figures);
  const first = figures[0];
  const header = cardHeader(answer, sourceLines(figures.slice(0, MAX_RANKING_ROWS), answer.lang, context));
  const shown = limitRows(ranked, MAX_RANKING_ROWS, header, answer.lang);
  const scale = chartScale(
    shown.map((r) => r.figure),
    answer.lang,
  );
  return Object.assign(header, {
    chartTitle: first ? columnName(first, answer.lang) : l.amount,
    unitLabel: scale.label,
    // Every row of the table is a bar, in the same order: the chart shows exactly what is ranked.
    bars: shown.map((r) => ({ x: literal(r.item.name), y: chartValue(r.figure, expense, scale) })),
    rankLabel: l.rank,
    nameLabel: lineItems ? l.item : l.costCentre,
    valueLabel: first ? columnName(first, answer.lang) : l.amount,
    // Rankings of line items name the row label; rankings of cost centres name the cost centre.
    rows: shown.map((r, i) => ({
      rank: `${i + 1}.`,
      name: literal(r.item.name),
      value: formatAmount(r.figure.amount, r.figure.unit, answer.lang, expense),
      hasDetail: false,
      detail: '',
    })),
    buttons: askButtons(answer.options),
  });
}

/**
 * A ranking by change between two years: each item rests on its later and earlier year's
 * figures and carries the change (in magnitude) and the change in percent.
 */
function changeRankingCardData(answer: Answer, items: RankItem[], context: CardContext): RankingCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const body = bodyOf(answer, 'ranking');
  // Each item rests on its later year's figure and then its earlier year's.
  const pairs = items.map((item) => ({
    item,
    to: figureAt(answer, item.figures[0] as number),
    from: figureAt(answer, item.figures[1] ?? (item.figures[0] as number)),
  }));
  const figures = pairs.flatMap((p) => [p.to, p.from]);
  const expense = isExpenseLike(figures);
  const header = cardHeader(answer, sourceLines(figures.slice(0, 2 * MAX_RANKING_ROWS), lang, context));
  const shown = limitRows(pairs, MAX_RANKING_ROWS, header, lang);
  const first = shown[0];
  // The change in magnitude (+ = more spent or received), as the table gives it.
  const changes = shown.map((p) => ({ name: p.item.name, change: { amount: p.item.value } }));
  const scale = chartScale(
    changes.map((c) => c.change),
    lang,
  );
  return Object.assign(header, {
    chartTitle: first ? `${l.change} ${first.from.year}–${first.to.year}` : l.change,
    unitLabel: scale.label,
    bars: changes.map((c) => ({ x: literal(c.name), y: chartValue(c.change, false, scale) })),
    rankLabel: l.rank,
    nameLabel: body.of === 'lineItems' ? l.item : l.costCentre,
    valueLabel: first ? `${l.change} ${first.from.year}–${first.to.year}` : l.change,
    rows: shown.map((p, i) => {
      const value = formatEuro(p.item.value, lang, { signed: true });
      return {
        rank: `${i + 1}.`,
        name: literal(p.item.name),
        value: p.item.percent === null ? value : `${value} (${formatChangePercent(p.item.percent, lang)})`,
        hasDetail: true,
        detail: `${formatAmount(p.from.amount, p.from.unit, lang, expense)} → ${formatAmount(p.to.amount, p.to.unit, lang, expense)}`,
      };
    }),
    buttons: askButtons(answer.options),
  });
}

/** Renders the ranking card (a table of ColumnSet rows, readable at 1.0 level). */
export function renderRankingCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return expandTemplate('ranking', rankingCardData(answer, context));
}
