import type { Answer } from '../domain/answer';
import type { AnswerBody, RowRef } from '../domain/answer-body';
import type { AdaptiveCard } from './adaptive-card';
import { type CardContext, NO_CONTEXT } from './card-context';
import { renderClarifyCard, renderNotFoundCard } from './choice-card';
import { renderComparisonCard } from './comparison-card';
import { renderFigureCard } from './figure-card';
import { renderInvestmentPlanCard } from './investment-plan-card';
import { renderKeyFiguresCard } from './key-figures-card';
import { renderListCard } from './list-card';
import { renderOverBudgetCard } from './over-budget-card';
import { renderProseCard } from './prose-card';
import { renderRankingCard } from './ranking-card';
import { renderTrendCard } from './trend-card';
import { renderHelpCard } from './welcome-card';

/** Which template an answer is shown with. */
export type AnswerCardKind =
  | 'figure'
  | 'comparison'
  | 'ranking'
  | 'overBudget'
  | 'trend'
  | 'keyFigures'
  | 'investmentPlan'
  | 'prose'
  | 'list'
  | 'clarify'
  | 'notFound'
  | 'help';

/** A row of the key-figure table, or one not in euros, is laid out as key figures. */
function isKeyFigureRow(row: RowRef): boolean {
  return row.table === 'keyFigures' || row.unit !== 'EUR';
}

/** The card for an answer's body: one case per body kind, checked exhaustively by the compiler. */
export function cardKindOf(body: AnswerBody): AnswerCardKind {
  switch (body.kind) {
    case 'figure':
    case 'budgetVsActual':
      return isKeyFigureRow(body.row) ? 'keyFigures' : 'figure';
    case 'yearChange':
    case 'subjectComparison':
      return 'comparison';
    case 'ranking':
      // Ranked by money left or share used, each row is an actual beside its budget.
      return body.metric === 'remaining' || body.metric === 'usedShare' ? 'overBudget' : 'ranking';
    case 'overBudgetList':
      return 'overBudget';
    case 'series':
    case 'monthlySeries':
      return 'trend';
    case 'monthAmount':
      return 'figure';
    case 'keyFigures':
      return 'keyFigures';
    case 'investmentPlan':
      return 'investmentPlan';
    case 'prose':
    case 'message':
      return 'prose';
    case 'list':
      return 'list';
    case 'help':
      return 'help';
    case 'clarify':
      return 'clarify';
    case 'notFound':
      return 'notFound';
    default:
      return unreachable(body);
  }
}

function unreachable(body: never): never {
  throw new Error(`no card for answer body ${JSON.stringify(body)}`);
}

/** Picks the card for an answer from its body. */
export function answerCardKind(answer: Answer): AnswerCardKind {
  return cardKindOf(answer.body);
}

const renderers: Record<AnswerCardKind, (answer: Answer, context: CardContext) => AdaptiveCard> = {
  figure: renderFigureCard,
  comparison: renderComparisonCard,
  ranking: renderRankingCard,
  overBudget: renderOverBudgetCard,
  trend: renderTrendCard,
  keyFigures: renderKeyFiguresCard,
  investmentPlan: renderInvestmentPlanCard,
  prose: renderProseCard,
  list: renderListCard,
  clarify: renderClarifyCard,
  notFound: renderNotFoundCard,
  help: renderHelpCard,
};

/**
 * Renders the Adaptive Card for an answer, picking the template by its body's kind. `context`
 * names the source documents by title (the store's; without it they are named generically).
 */
export function renderAnswerCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return renderers[answerCardKind(answer)](answer, context);
}
