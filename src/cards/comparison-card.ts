import type { Answer } from '../domain/answer';
import { formatEuro, formatPercentFigure } from '../domain/format';
import { money } from '../domain/money';
import type { AdaptiveCard } from './adaptive-card';
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
  const expense = isExpenseLike(answer.figures);
  const oneSubject = answer.figures.every((f) => f.costCentre === answer.figures[0]?.costCentre);
  const d = answer.derived;
  // The answer's difference and change are signed as in the source (last − first, over |first|);
  // for expenses people read magnitudes, so both are turned into the change of the amount spent.
  const flip = (v: string) => (expense ? money(v).neg() : money(v));
  const diff = d.difference !== undefined ? flip(d.difference) : null;
  const change = d.changePercent !== undefined ? flip(d.changePercent) : null;
  const direction = diff && !diff.isZero() ? (diff.isPositive() ? l.increase : l.decrease) : null;
  const signed = (s: string) => (s.startsWith('−') || s.startsWith('-') ? s : `+${s}`);
  return {
    ...cardHeader(answer, sourceLines(answer.figures, lang)),
    rows: answer.figures.map((f) => ({
      label: literal(oneSubject ? columnName(f, lang) : `${f.costCentre} · ${columnName(f, lang)}`),
      value: formatAmount(f.amount, f.unit, lang, expense),
    })),
    hasDifference: diff !== null,
    differenceLabel: direction ? `${l.difference} (${direction})` : l.difference,
    difference: diff ? formatEuro(diff, lang, { signed: true }) : '',
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
