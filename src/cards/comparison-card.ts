import type { Answer } from '../domain/answer';
import { formatEuro, formatPercentFigure } from '../domain/format';
import { money } from '../domain/money';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type AskButton, askButtons, type CardHeader, cardHeader } from './card-header';
import { columnName, formatAmount, isExpenseLike, sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** A labelled value of a comparison. */
export interface ComparisonRow {
  label: string;
  value: string;
}

/** Data model of cards/comparison.json: two or more figures, their difference and change. */
export interface ComparisonCardData extends CardHeader {
  rows: ComparisonRow[];
  hasDifference: boolean;
  differenceLabel: string;
  difference: string;
  hasChange: boolean;
  changeLabel: string;
  change: string;
  buttons: AskButton[];
}

/**
 * Builds the comparison card's data model. For expenses the difference and change are shown as
 * the change of the amount spent (+ = more spent), because people read expenses as magnitudes.
 */
export function comparisonCardData(answer: Answer): ComparisonCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const body = bodyOf(answer, 'yearChange', 'subjectComparison');
  const figures = (body.kind === 'yearChange' ? body.points : body.items).map((ref) => figureAt(answer, ref));
  const expense = isExpenseLike(figures);
  const oneSubject = figures.every((f) => f.costCentre === figures[0]?.costCentre);
  // The answer's difference and change are signed as in the source (last − first, over |first|);
  // for expenses people read magnitudes, so both are turned into the change of the amount spent.
  const flip = (v: string) => (expense ? money(v).neg() : money(v));
  const diff = flip(body.difference);
  const change = body.changePercent !== null ? flip(body.changePercent) : null;
  const direction = !diff.isZero() ? (diff.isPositive() ? l.increase : l.decrease) : null;
  const signed = (s: string) => (s.startsWith('−') || s.startsWith('-') ? s : `+${s}`);
  return {
    ...cardHeader(answer, sourceLines(figures, lang)),
    rows: figures.map((f) => ({
      label: literal(oneSubject ? columnName(f, lang) : `${f.costCentre} · ${columnName(f, lang)}`),
      value: formatAmount(f.amount, f.unit, lang, expense),
    })),
    hasDifference: true,
    differenceLabel: direction ? `${l.difference} (${direction})` : l.difference,
    difference: formatEuro(diff, lang, { signed: true }),
    hasChange: change !== null,
    changeLabel: l.change,
    change: change ? signed(formatPercentFigure(change, lang)) : '',
    buttons: askButtons(answer.options),
  };
}

/** Renders the comparison card. */
export function renderComparisonCard(answer: Answer): AdaptiveCard {
  return expandTemplate('comparison', comparisonCardData(answer));
}
