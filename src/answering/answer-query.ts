import type { Answer, Query } from '../domain';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { answerCompare } from './compare-answer';
import { answerConversation } from './conversation-answer';
import { answerBudgetVsActual, answerFigure } from './figure-answer';
import { answerInvestments } from './investment-answer';
import { answerKeyFigures } from './key-figures-answer';
import { answerOverBudget } from './over-budget-answer';
import { answerProse } from './prose-answer';
import { answerRanking } from './ranking-answer';
import { type FoundRow, lookupRow, queryAccount, querySubjects } from './row-lookup';
import { answerTrend } from './trend-answer';

/** Answers an understood question from the store: exact figures with provenance; the card is left to the cards layer. */
export function answerQuery(query: Query, index: AnswerIndex): Answer {
  switch (query.intent) {
    case 'help':
    case 'greeting':
    case 'thanks':
    case 'subscribe':
    case 'unsubscribe':
    case 'listSubscriptions':
      return answerConversation(index, query);
    case 'prose':
      return answerProse(index, query);
    case 'ranking':
      return answerRanking(index, query);
    case 'overBudget':
      // "Ylittikö Joukkoliikenne budjettinsa?" names its subject: that is budget against actual.
      if (query.subjects.some((s) => s.kind === 'costCentre')) return answerAboutRows(index, query);
      return answerOverBudget(index, query);
    default:
      return answerAboutRows(index, query);
  }
}

/** Intents about named rows: figure, budget vs actual, remaining, forecast, compare, trend. */
function answerAboutRows(index: AnswerIndex, query: Query): Answer {
  // An investment item over several years is its row of the plan, which the plan answer lays out.
  if (query.table === 'investments' && (query.intent !== 'trend' || query.account !== null))
    return answerInvestments(index, query);
  // "tunnusluvut 2022" names the table but no row: the whole table for the year.
  if (query.table === 'keyFigures' && query.account === null && query.intent !== 'trend')
    return answerKeyFigures(index, query);
  const subjects = querySubjects(index, query);
  if (subjects.length === 0) {
    const fi = query.lang === 'fi';
    return buildAnswer(index, query, {
      status: 'not_found',
      title: fi ? 'Ei aineistoa' : 'No data',
      sentences: [
        fi ? 'Aineistossa ei ole lukuja, joista vastata.' : 'The data has no figures to answer from.',
      ],
    });
  }
  const account = queryAccount(query);
  const rows: FoundRow[] = [];
  for (const subject of subjects) {
    const found = lookupRow(index, query, subject, account);
    if (!found.ok) return found.answer;
    rows.push(found.row);
  }
  const first = rows[0] as FoundRow;
  if (query.intent === 'trend') return answerTrend(index, query, first);
  if (query.intent === 'compare' || rows.length > 1 || query.years.length > 1)
    return answerCompare(index, query, rows);
  if (query.intent === 'figure') return answerFigure(index, query, first);
  // overBudget with a named subject, budgetVsActual, remaining, forecast: the year's actual beside its budget.
  return answerBudgetVsActual(index, query, first);
}
