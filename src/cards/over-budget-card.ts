import type { Answer, AnswerFigure } from '../domain/answer';
import { formatPoints, formatShare } from '../domain/format';
import { money } from '../domain/money';
import type { AdaptiveCard } from './adaptive-card';
import { type AskButton, askButtons, type CardHeader, cardHeader, limitRows } from './card-header';
import { columnName, formatAmount, sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** One subject over budget or ahead of pace: its figures, used share and pace. */
export interface OverBudgetRow {
  name: string;
  amounts: string;
  share: string;
  pace: string;
  hasPace: boolean;
}

/** Data model of cards/over-budget.json. */
export interface OverBudgetCardData extends CardHeader {
  hasElapsed: boolean;
  elapsedText: string;
  nameLabel: string;
  shareLabel: string;
  rows: OverBudgetRow[];
  buttons: AskButton[];
}

/** Most subjects an over-budget card lists. */
export const MAX_OVER_BUDGET_ROWS = 30;

/** True when every figure is of one subject (an area's expense types), so rows are its row labels. */
function sameSubject(answer: Answer): boolean {
  const first = answer.figures[0];
  return answer.figures.length > 2 && answer.figures.every((f) => f.costCentre === first?.costCentre);
}

/** The subjects of an over-budget answer in its order, each with its actual and budget figure. */
function pairs(answer: Answer): { name: string; actual?: AnswerFigure; budget?: AnswerFigure }[] {
  const out: { name: string; actual?: AnswerFigure; budget?: AnswerFigure }[] = [];
  // Expense types of one service area are told apart by their row label, cost centres by name.
  const items = sameSubject(answer);
  for (const f of answer.figures) {
    const name = items ? f.account : f.costCentre;
    let p = out.find((x) => x.name === name);
    if (!p) {
      p = { name };
      out.push(p);
    }
    if (f.role === 'actual') p.actual = f;
    if (f.role === 'budget') p.budget = f;
  }
  return out;
}

/**
 * Builds the over-budget card's data model. The used share of each row is |actual| ÷ |budget| of
 * the figures on the row (exact decimals), the same definition the answer's text uses.
 */
export function overBudgetCardData(answer: Answer): OverBudgetCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const elapsed = answer.derived.elapsedShare;
  const header = cardHeader(answer, sourceLines(answer.figures, lang));
  const rows = limitRows(pairs(answer), MAX_OVER_BUDGET_ROWS, header, lang).map((p): OverBudgetRow => {
    const a = p.actual ? money(p.actual.amount) : null;
    const b = p.budget ? money(p.budget.amount) : null;
    const share = a && b && !b.isZero() ? a.abs().div(b.abs()) : null;
    const amount = (f: AnswerFigure | undefined) => (f ? formatAmount(f.amount, f.unit, lang, true) : '–');
    return {
      name: literal(p.name),
      amounts: `${amount(p.actual)} / ${amount(p.budget)}`,
      share: share ? formatShare(share, lang) : lang === 'fi' ? 'ei budjettia' : 'no budget',
      pace: share && elapsed ? formatPoints(share.minus(money(elapsed)).times(100), lang) : '',
      hasPace: share !== null && elapsed !== undefined,
    };
  });
  const first = answer.figures.find((f) => f.role === 'actual');
  return {
    ...header,
    hasElapsed: elapsed !== undefined,
    elapsedText: elapsed !== undefined ? `${l.elapsed}: ${formatShare(elapsed, lang)}` : '',
    nameLabel: `${sameSubject(answer) ? l.item : l.costCentre} · ${first ? columnName(first, lang) : l.actual} / ${l.budget.toLowerCase()}`,
    shareLabel: l.used,
    rows,
    buttons: askButtons(answer.options),
  };
}

/** Renders the over-budget card: who is over budget or ahead of the year, by how much. */
export function renderOverBudgetCard(answer: Answer): AdaptiveCard {
  return expandTemplate('over-budget', overBudgetCardData(answer));
}
