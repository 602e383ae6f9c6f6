import type { Answer, AnswerFigure } from '../domain/answer';
import { formatPoints, formatShare } from '../domain/format';
import { money } from '../domain/money';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type CardContext, NO_CONTEXT } from './card-context';
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

/** One row of the card: a subject's actual beside its budget, with its used share and pace. */
interface Row {
  name: string;
  actual: AnswerFigure;
  budget: AnswerFigure;
  usedShare: string | null;
  pace: string | null;
}

/**
 * Builds the over-budget card's data model: a budget list, or a ranking by money left or share
 * used (each row an actual beside its budget), with the used share and pace the answer worked out.
 */
export function overBudgetCardData(answer: Answer, context: CardContext = NO_CONTEXT): OverBudgetCardData {
  const l = cardLabels(answer.lang);
  const lang = answer.lang;
  const body = bodyOf(answer, 'overBudgetList', 'ranking');
  const elapsed = body.elapsedShare ?? undefined;
  const items: Row[] =
    body.kind === 'overBudgetList'
      ? body.items.map((i) => ({
          name: i.name,
          actual: figureAt(answer, i.actual),
          budget: figureAt(answer, i.budget),
          usedShare: i.usedShare,
          pace: i.pace,
        }))
      : body.items.map((i) => ({
          name: i.name,
          actual: figureAt(answer, i.figures[0] as number),
          budget: figureAt(answer, i.figures[1] ?? (i.figures[0] as number)),
          usedShare: i.usedShare,
          pace: i.pace,
        }));
  const figures = items.flatMap((i) => [i.actual, i.budget]);
  const header = cardHeader(answer, sourceLines(figures, lang, context));
  const rows = limitRows(items, MAX_OVER_BUDGET_ROWS, header, lang).map((p): OverBudgetRow => {
    const amount = (f: AnswerFigure) => formatAmount(f.amount, f.unit, lang, true);
    const share = p.usedShare === null ? null : money(p.usedShare);
    const pace = p.pace;
    return {
      name: literal(p.name),
      amounts: `${amount(p.actual)} / ${amount(p.budget)}`,
      share: share ? formatShare(share, lang) : l.noBudget,
      pace: share && pace !== null ? formatPoints(pace, lang) : '',
      hasPace: share !== null && elapsed !== undefined,
    };
  });
  const first = figures[0];
  return Object.assign(header, {
    hasElapsed: elapsed !== undefined,
    elapsedText: elapsed !== undefined ? `${l.elapsed}: ${formatShare(elapsed, lang)}` : '',
    nameLabel: `${body.of === 'lineItems' ? l.item : l.costCentre} · ${first ? columnName(first, lang) : l.actual} / ${l.budget.toLowerCase()}`,
    shareLabel: l.used,
    rows,
    buttons: askButtons(answer.options),
  });
}

/** Renders the over-budget card: who is over budget or ahead of the year, by how much. */
export function renderOverBudgetCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return expandTemplate('over-budget', overBudgetCardData(answer, context));
}
