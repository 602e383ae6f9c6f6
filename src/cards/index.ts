/** Cards: Answer → Adaptive Card 1.5 from the JSON templates in cards/. Pure: no botbuilder here. */
export type { AdaptiveCard } from './adaptive-card';
export { renderAlertCard } from './alert-card';
export { type AlertCardData, AlertCardDataSchema, type CrossedRule } from './alert-card-data';
export { cardSizeBytes, TEAMS_CARD_LIMIT_BYTES } from './card-size';
export { renderClarifyCard, renderNotFoundCard } from './choice-card';
export { renderComparisonCard } from './comparison-card';
export { renderErrorCard } from './error-card';
export { renderFigureCard } from './figure-card';
export { renderInvestmentPlanCard } from './investment-plan-card';
export { renderKeyFiguresCard } from './key-figures-card';
export { renderOverBudgetCard } from './over-budget-card';
export { renderProseCard } from './prose-card';
export { renderRankingCard } from './ranking-card';
export { type AnswerCardKind, answerCardKind, renderAnswerCard } from './render-answer-card';
export { renderTrendCard } from './trend-card';
export { literal } from './user-text';
export { exampleQuestions, renderHelpCard, renderWelcomeCard } from './welcome-card';
