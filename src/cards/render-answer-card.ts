import type { Answer } from '../domain/answer';
import type { AdaptiveCard } from './adaptive-card';
import { renderClarifyCard, renderNotFoundCard } from './choice-card';
import { renderComparisonCard } from './comparison-card';
import { renderFigureCard } from './figure-card';
import { renderInvestmentPlanCard } from './investment-plan-card';
import { renderKeyFiguresCard } from './key-figures-card';
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
  | 'clarify'
  | 'notFound'
  | 'help';

/** Picks the card for an answer: by status first, then the table asked about, then the intent. */
export function answerCardKind(answer: Answer): AnswerCardKind {
  if (answer.status === 'clarify') return 'clarify';
  if (answer.status === 'not_found') return 'notFound';
  const intent = answer.intent;
  if (intent === 'help' || intent === 'greeting') return 'help';
  // Words-only answers (thanks, subscriptions, prose) have no figures to lay out.
  if (answer.figures.length === 0 || intent === 'prose') return 'prose';
  if (intent === 'trend') return 'trend';
  // Over budget lists each subject's actual beside its budget; a plain list of figures is a ranking.
  // So does a ranking by money left or share used: each row is an actual beside its budget.
  if ((intent === 'overBudget' || intent === 'ranking') && answer.figures.some((f) => f.role === 'budget'))
    return 'overBudget';
  if (intent === 'ranking' || intent === 'overBudget') return 'ranking';
  if (intent === 'compare') return 'comparison';
  const table = answer.query?.table;
  if (table === 'investments') return 'investmentPlan';
  if (table === 'keyFigures') return 'keyFigures';
  // Counts, percentages and €/inhabitant are key figures whatever the table; so are long lists.
  if (answer.figures.some((f) => f.unit !== 'EUR')) return 'keyFigures';
  const hasPair = answer.figures.some((f) => f.role === 'actual' || f.role === 'budget');
  if (!hasPair && answer.figures.length > 3) return 'keyFigures';
  return 'figure';
}

const renderers: Record<AnswerCardKind, (answer: Answer) => AdaptiveCard> = {
  figure: renderFigureCard,
  comparison: renderComparisonCard,
  ranking: renderRankingCard,
  overBudget: renderOverBudgetCard,
  trend: renderTrendCard,
  keyFigures: renderKeyFiguresCard,
  investmentPlan: renderInvestmentPlanCard,
  prose: renderProseCard,
  clarify: renderClarifyCard,
  notFound: renderNotFoundCard,
  help: renderHelpCard,
};

/** Renders the Adaptive Card for an answer, picking the template by status and intent. */
export function renderAnswerCard(answer: Answer): AdaptiveCard {
  return renderers[answerCardKind(answer)](answer);
}
