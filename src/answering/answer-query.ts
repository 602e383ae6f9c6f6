import type { Answer, Intent, Query } from '../domain';
import { leadSentence } from '../domain';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { answerCompare } from './compare-answer';
import { answerConversation } from './conversation-answer';
import { answerDataInfo, answerDefine } from './data-info-answer';
import { answerBudgetVsActual, answerFigure } from './figure-answer';
import { answerInvestments } from './investment-answer';
import { answerKeyFigures } from './key-figures-answer';
import { messages } from './messages';
import { answerMonth, answerMonthlySeries } from './month-answer';
import { answerOverBudget } from './over-budget-answer';
import { answerProse } from './prose-answer';
import { answerRanking } from './ranking-answer';
import { type FoundRow, lookupRow, queryAccount, querySubjects } from './row-lookup';
import { answerTrend } from './trend-answer';
import { notInEuros } from './units-asked';

/** How one question kind is answered from the store. */
export type Answerer = (index: AnswerIndex, query: Query) => Answer;

/**
 * The answer function of every question kind (the registry's answering side; the
 * understanding side is QUESTION_KINDS in src/domain/question-kinds.ts). A new intent does not
 * compile until it has an entry here.
 */
export const ANSWERERS: { readonly [I in Intent]: Answerer } = {
  figure: aboutRows((index, query, rows) =>
    query.span === 'month' && query.asOf
      ? answerMonth(index, query, rows[0] as FoundRow)
      : answerFigure(index, query, rows[0] as FoundRow),
  ),
  budgetVsActual: aboutRows(pairOfYear),
  remaining: aboutRows(pairOfYear),
  forecast: aboutRows(pairOfYear),
  compare: aboutRows(answerCompare, { compares: true }),
  trend: aboutRows(
    (index, query, rows) =>
      query.granularity === 'month'
        ? answerMonthlySeries(index, query, rows[0] as FoundRow)
        : answerTrend(index, query, rows[0] as FoundRow),
    { series: true },
  ),
  ranking: answerRanking,
  // "Ylittikö Joukkoliikenne budjettinsa?" names its subject: that is budget against actual.
  overBudget: (index, query) =>
    query.subjects.some((s) => s.kind === 'costCentre')
      ? aboutRows(pairOfYear)(index, query)
      : answerOverBudget(index, query),
  prose: answerProse,
  dataInfo: answerDataInfo,
  define: answerDefine,
  help: answerConversation,
  greeting: answerConversation,
  thanks: answerConversation,
  subscribe: answerConversation,
  unsubscribe: answerConversation,
  listSubscriptions: answerConversation,
};

/** Answers an understood question from the store: exact figures with provenance; the card is left to the cards layer. */
export function answerQuery(query: Query, index: AnswerIndex): Answer {
  const answer = ANSWERERS[query.intent](index, query);
  return query.city && answer.status === 'answer' ? withCityCoverage(answer, index) : answer;
}

/** A question about the whole city answered from the service areas the store holds: it says which those are. */
function withCityCoverage(answer: Answer, index: AnswerIndex): Answer {
  const note = messages(answer.lang).cityCovers(index.serviceAreas.map((a) => a.name));
  const lead = leadSentence(answer.text);
  const rest = answer.text.slice(lead.length).trim();
  return { ...answer, text: [lead, note, rest].filter((s) => s).join(' '), notes: [note, ...answer.notes] };
}

/** The year's actual beside its budget (budgetVsActual, remaining, forecast, overBudget of one subject). */
function pairOfYear(index: AnswerIndex, query: Query, rows: FoundRow[]): Answer {
  // A month has no budget of its own: "paljonko käytettiin maaliskuussa" is the month's figure.
  if (query.span === 'month' && query.asOf) return answerMonth(index, query, rows[0] as FoundRow);
  return answerBudgetVsActual(index, query, rows[0] as FoundRow);
}

/** How a kind about named rows treats them: a series spans the plan's years; a comparison takes any number of rows. */
interface RowsKind {
  series?: boolean;
  compares?: boolean;
}

/**
 * The answerer of a kind about named rows: finds each subject's row (or says what exists
 * instead), lays out the investment plan or the key-figure table when those are asked, and
 * turns two subjects or two years into a comparison.
 */
function aboutRows(
  answer: (index: AnswerIndex, query: Query, rows: FoundRow[]) => Answer,
  kind: RowsKind = {},
): Answerer {
  return (index, query) => {
    // An investment item over several years is its row of the plan, which the plan answer lays out.
    if (query.table === 'investments' && (!kind.series || query.account !== null))
      return answerInvestments(index, query);
    // "tunnusluvut 2022" names the table but no row: the whole table for the year.
    if (query.table === 'keyFigures' && query.account === null && !kind.series)
      return answerKeyFigures(index, query);
    const subjects = querySubjects(index, query);
    if (subjects.length === 0) {
      const m = messages(query.lang).rows;
      return buildAnswer(index, query, {
        body: { kind: 'notFound', reason: 'noData', term: null },
        title: m.noDataTitle,
        sentences: [m.noData],
      });
    }
    const account = queryAccount(query);
    const rows: FoundRow[] = [];
    for (const subject of subjects) {
      const found = lookupRow(index, query, subject, account);
      if (!found.ok) return found.answer;
      // Euros asked of a row in another unit (sick-leave days, posts): none to give.
      const unitMismatch = notInEuros(index, query, found.row);
      if (unitMismatch) return unitMismatch;
      rows.push(found.row);
    }
    if (!kind.series && !kind.compares && (rows.length > 1 || query.years.length > 1))
      return answerCompare(index, query, rows);
    return answer(index, query, rows);
  };
}
