import type { Answer } from '../domain/answer';
import type { BodyOf } from '../domain/answer-body';
import { formatChangePercent, formatEuro, formatPercentFigure } from '../domain/format';
import { money } from '../domain/money';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type CardContext, NO_CONTEXT } from './card-context';
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
  /** A year that has only a year-to-date actual: why it is not compared, and what is known of it. */
  hasPartYear: boolean;
  partYearText: string;
  partYearRows: ComparisonRow[];
  buttons: AskButton[];
}

/**
 * Builds the comparison card's data model. For expenses the difference and change are shown as
 * the change of the amount spent (+ = more spent), because people read expenses as magnitudes.
 */
export function comparisonCardData(answer: Answer, context: CardContext = NO_CONTEXT): ComparisonCardData {
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
  const part = body.kind === 'yearChange' ? body.partYear : null;
  const partYear = part ? partYearSection(answer, part, expense) : null;
  const head = cardHeader(answer, sourceLines(figures, lang, context));
  return Object.assign(head, {
    rows: figures.map((f) => ({
      label: literal(oneSubject ? columnName(f, lang) : `${f.costCentre} · ${columnName(f, lang)}`),
      value: formatAmount(f.amount, f.unit, lang, expense),
    })),
    hasDifference: true,
    differenceLabel: direction ? `${l.difference} (${direction})` : l.difference,
    // In the row's unit: a count changes by posts, not euros.
    difference:
      (figures[0]?.unit ?? 'EUR') === 'EUR'
        ? formatEuro(diff, lang, { signed: true })
        : signed(formatAmount(diff.toString(), figures[0]!.unit, lang, false)),
    hasChange: change !== null,
    changeLabel: l.change,
    change: change ? signed(formatPercentFigure(change, lang)) : '',
    hasPartYear: partYear !== null,
    partYearText: partYear?.text ?? '',
    partYearRows: partYear?.rows ?? [],
    buttons: askButtons(answer.options),
  });
}

/**
 * A year with only a year-to-date actual is compared by its budget; what is known of it is shown
 * apart: the actual so far, the whole year before, and the linear estimate (marked as one).
 */
function partYearSection(
  answer: Answer,
  part: NonNullable<BodyOf<'yearChange'>['partYear']>,
  expense: boolean,
): { text: string; rows: ComparisonRow[] } {
  const lang = answer.lang;
  const l = cardLabels(lang);
  const actual = figureAt(answer, part.actual);
  const previous = part.previous === null ? null : figureAt(answer, part.previous);
  const estimate = formatAmount(part.projection, actual.unit, lang, expense);
  const pct =
    part.projectedChangePercent === null
      ? ''
      : ` (${formatChangePercent(part.projectedChangePercent, lang)})`;
  return {
    text:
      lang === 'fi'
        ? `Vuodelta ${actual.year} on vasta toteuma osalta vuotta, joten vertailu on talousarvioiden välillä. Osa vuotta ja koko vuosi:`
        : `${actual.year} has only an actual for part of the year, so the budgets are compared. The part year and the whole year:`,
    rows: [
      {
        label: literal(columnName(actual, lang)),
        value: formatAmount(actual.amount, actual.unit, lang, expense),
      },
      ...(previous
        ? [
            {
              label: literal(columnName(previous, lang)),
              value: formatAmount(previous.amount, previous.unit, lang, expense),
            },
          ]
        : []),
      { label: `${l.projection} ${actual.year}`, value: `${estimate}${pct}` },
    ],
  };
}

/** Renders the comparison card. */
export function renderComparisonCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return expandTemplate('comparison', comparisonCardData(answer, context));
}
