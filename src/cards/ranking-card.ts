import type { Answer, AnswerFigure } from '../domain/answer';
import { formatChangePercent, formatEuro } from '../domain/format';
import type { AdaptiveCard } from './adaptive-card';
import { type AskButton, askButtons, type CardHeader, cardHeader, limitRows } from './card-header';
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

/** Data model of cards/ranking.json: subjects in rank order with their amounts. */
export interface RankingCardData extends CardHeader {
  rankLabel: string;
  nameLabel: string;
  valueLabel: string;
  rows: RankingRow[];
  buttons: AskButton[];
}

/** Builds the ranking card's data model; the figures come in rank order (DESIGN.md). */
export function rankingCardData(answer: Answer): RankingCardData {
  if (answer.query?.rankBy === 'change') return changeRankingCardData(answer);
  const l = cardLabels(answer.lang);
  const expense = isExpenseLike(answer.figures);
  const first = answer.figures[0];
  const sameSubject = answer.figures.every((f) => f.costCentre === first?.costCentre);
  const header = cardHeader(answer, sourceLines(answer.figures.slice(0, MAX_RANKING_ROWS), answer.lang));
  const shown = limitRows(answer.figures, MAX_RANKING_ROWS, header, answer.lang);
  return {
    ...header,
    rankLabel: l.rank,
    nameLabel: sameSubject ? l.item : l.costCentre,
    valueLabel: first ? columnName(first, answer.lang) : l.amount,
    // Rankings of line items name the row label; rankings of cost centres name the cost centre.
    rows: shown.map((f, i) => ({
      rank: `${i + 1}.`,
      name: literal(sameSubject ? f.account : f.costCentre),
      value: formatAmount(f.amount, f.unit, answer.lang, expense),
      hasDetail: false,
      detail: '',
    })),
    buttons: askButtons(answer.options),
  };
}

/**
 * A ranking by change between two years: the figures come in pairs (newer year, older year)
 * in rank order, and the answer's derived values carry each change (change1, changePercent1…).
 */
function changeRankingCardData(answer: Answer): RankingCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const expense = isExpenseLike(answer.figures);
  const pairs: Array<{ to: AnswerFigure; from: AnswerFigure }> = [];
  for (let i = 0; i + 1 < answer.figures.length; i += 2)
    pairs.push({ to: answer.figures[i]!, from: answer.figures[i + 1]! });
  const sameSubject = pairs.every((p) => p.to.costCentre === pairs[0]?.to.costCentre);
  const header = cardHeader(answer, sourceLines(answer.figures.slice(0, 2 * MAX_RANKING_ROWS), lang));
  const shown = limitRows(pairs, MAX_RANKING_ROWS, header, lang);
  const first = shown[0];
  return {
    ...header,
    rankLabel: l.rank,
    nameLabel: sameSubject ? l.item : l.costCentre,
    valueLabel: first ? `${l.change} ${first.from.year}–${first.to.year}` : l.change,
    rows: shown.map((p, i) => {
      const change = answer.derived[`change${i + 1}`];
      const percent = answer.derived[`changePercent${i + 1}`];
      const value = change === undefined ? '' : formatEuro(change, lang, { signed: true });
      return {
        rank: `${i + 1}.`,
        name: literal(sameSubject ? p.to.account : p.to.costCentre),
        value: percent === undefined ? value : `${value} (${formatChangePercent(percent, lang)})`,
        hasDetail: true,
        detail: `${formatAmount(p.from.amount, p.from.unit, lang, expense)} → ${formatAmount(p.to.amount, p.to.unit, lang, expense)}`,
      };
    }),
    buttons: askButtons(answer.options),
  };
}

/** Renders the ranking card (a table of ColumnSet rows, readable at 1.0 level). */
export function renderRankingCard(answer: Answer): AdaptiveCard {
  return expandTemplate('ranking', rankingCardData(answer));
}
