import type Decimal from 'decimal.js';
import type { Answer, CostCentre, Fact, Query } from '../domain';
import { money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import { type AnswerIndex, labelsOf } from './answer-index';
import { answerBudgetMetricRanking } from './budget-metric-ranking-answer';
import { answerChangeRanking } from './change-ranking-answer';
import { valueFor } from './compare-answer';
import { messages } from './messages';
import { accountWord, formatFigure, lineItemsWord, periodWords } from './phrases';
import { atCommonDate } from './pick-fact';
import {
  accountLineRows,
  noData,
  noListFiguresAtDate,
  RANKING_CACHE_LIMIT,
  rankedRows,
  rankingYear,
  ranksIncome,
  ranksLineItems,
  rowsKey,
} from './ranking-rows';
import type { FoundRow } from './row-lookup';

const DEFAULT_TOP = 5;

type Ranked = Array<{ row: FoundRow; fact: Fact; size: Decimal }>;

// A store does not change under its index, so a ranking computed once for an account, period
// and measure is kept with the index: rankings over thousands of cost centres then cost a look-up.
const rankingCache = new WeakMap<AnswerIndex, Map<string, { year: number | null; ranked: Ranked }>>();

function rankCandidates(
  index: AnswerIndex,
  query: Query,
  lineItems: boolean,
): { year: number | null; ranked: Ranked } {
  const key = [
    rowsKey(index, query, lineItems),
    query.account,
    query.table,
    query.measure,
    query.years[0],
    query.asOf,
    query.order,
  ].join('\u0000');
  let cache = rankingCache.get(index);
  const hit = cache?.get(key);
  if (hit) return hit;
  const rows = rankedRows(index, query, lineItems);
  const income = lineItems && ranksIncome(query);
  const year = rows.length === 0 ? null : rankingYear(query, rows);
  const ranked: Ranked = [];
  if (year !== null) {
    // Year-to-date actuals are ranked at one date: the newest any cost centre has.
    const atDate = atCommonDate(index, query, rows, year);
    for (const row of rows) {
      const fact = valueFor(index, atDate, row, year);
      if (!fact) continue;
      const amount = money(fact.amount);
      // A zero is no spending at all: it would fill a "smallest" list with nothing to say.
      if (amount.isZero() || (lineItems && amount.isNegative() === income)) continue;
      ranked.push({ row, fact, size: amount });
    }
    // Size runs the way the account mostly runs: expenses and net costs are negative, so the
    // biggest is the most negative; a net row that came out as income then ranks last, not first.
    const negatives = ranked.filter((r) => r.size.isNegative()).length;
    const flip = negatives * 2 > ranked.length;
    for (const r of ranked) r.size = flip ? r.size.neg() : r.size;
    const dir = query.order === 'asc' ? 1 : -1;
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    ranked.sort((a, b) => dir * a.size.comparedTo(b.size) || byName(a.row.subject.name, b.row.subject.name));
  }
  const result = { year, ranked };
  if (!cache) {
    cache = new Map();
    rankingCache.set(index, cache);
  }
  if (cache.size >= RANKING_CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

/**
 * "Mihin Tietohallinto käytti eniten rahaa?": a ranking asked of one cost centre with nothing
 * below it (no expense types, no smaller cost centres) cannot rank its parts; ranking every cost
 * centre instead would answer another question. The named cost centre, or null.
 */
function leafNamed(index: AnswerIndex, query: Query): CostCentre | null {
  if (query.level || query.table === 'investments') return null;
  const named = query.subjects.filter((s) => s.kind === 'costCentre');
  if (named.length !== 1 || query.subjects.length !== 1) return null;
  const cc = index.data.costCentres.find((c) => c.name === named[0]!.name && c.level === 'costCentre');
  if (!cc) return null;
  const parent = index.data.costCentres.some(
    (c) => c !== cc && (c.path ?? []).slice(0, -1).includes(cc.name),
  );
  return parent ? null : cc;
}

/** not_found for a ranking of one cost centre's parts, offering its figure and the area's ranking. */
function noBreakdown(index: AnswerIndex, query: Query, cc: CostCentre): Answer {
  const lang = query.lang;
  const m = messages(lang);
  // The area's expense types are offered only where the area prints them (its operating statement).
  const area =
    cc.serviceArea && labelsOf(index, 'operatingStatement', cc.serviceArea).length > 0
      ? cc.serviceArea
      : null;
  const year = query.years.length === 1 ? ` ${query.years[0]}` : '';
  const word = accountWord(query.account ?? 'MENOT', lang);
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'row', term: null },
    title: `${cc.name} · ${m.ranking.noFiguresTitle}`,
    sentences: [m.ranking.noBreakdown(cc.name, area)],
    options: [
      { label: `${cc.name}: ${word}`, ask: m.rowQuestion(cc.name, word, year.trim()) },
      ...(area
        ? [
            {
              // The area's own parts, ranked: "Hallinto- ja tukipalvelujen suurimmat kululajit 2021".
              label: `${area}: ${lineItemsWord(false, lang)}`,
              ask: m.rowQuestion(
                area,
                `${m.rankingWord(query.order === 'asc')} ${lineItemsWord(false, lang)}`,
                year.trim(),
              ),
            },
          ]
        : []),
    ],
  });
}

/** Answers "which cost centres spent most" (or line items when expense/income types are asked), top N in order. */
export function answerRanking(index: AnswerIndex, query: Query): Answer {
  const leaf = leafNamed(index, query);
  // A cost centre with its own account lines (a ledger export) ranks them: its expense types.
  if (leaf && (query.rankBy ?? 'amount') === 'amount' && accountLineRows(index, query).length > 0)
    return answerAmountRanking(index, query, true);
  if (leaf) return noBreakdown(index, query, leaf);
  if (query.rankBy === 'change') return answerChangeRanking(index, query);
  if (query.rankBy === 'remaining' || query.rankBy === 'usedShare')
    return answerBudgetMetricRanking(index, query);
  return answerAmountRanking(index, query);
}

/** Ranks cost centres (or line items) by the amount of one year. */
function answerAmountRanking(index: AnswerIndex, query: Query, lineItems = ranksLineItems(query)): Answer {
  const lang = query.lang;
  const m = messages(lang).ranking;
  const income = lineItems && ranksIncome(query);
  const { year, ranked } = rankCandidates(index, query, lineItems);
  // Actuals asked at a date no row has a figure at: say so, never another date's ranking.
  if (
    year !== null &&
    ranked.length === 0 &&
    query.asOf &&
    query.measure !== 'budget' &&
    query.measure !== 'plan'
  )
    return noListFiguresAtDate(index, query, rankedRows(index, query, lineItems), query.asOf);
  if (year === null || ranked.length === 0) return noData(index, query, lang);
  const top = ranked.slice(0, query.topN ?? DEFAULT_TOP);
  const first = top[0] as { row: FoundRow; fact: Fact; size: Decimal };
  const period = periodWords(first.fact, lang);
  const what =
    query.table === 'investments' && lineItems
      ? messages(lang).words.investmentItems
      : lineItems
        ? lineItemsWord(income, lang)
        : accountWord(first.row.label, lang);
  const name = (t: { row: FoundRow }) => (lineItems ? t.row.label : t.row.subject.name);
  const list = top.map((t, i) => `${i + 1}. ${name(t)} ${formatFigure(t.fact, lang)}`).join(', ');
  const sentences = [m.amountHead(query.order === 'asc', what, period, list)];
  if (!lineItems) sentences.push(m.costCentresCompared(ranked.length, query.level));
  const figures: UsedFigure[] = top.map((t) => ({ fact: t.fact, role: 'value' }));
  return buildAnswer(index, query, {
    body: {
      kind: 'ranking',
      metric: 'amount',
      of: lineItems ? 'lineItems' : 'costCentres',
      order: query.order === 'asc' ? 'asc' : 'desc',
      account: first.row.label,
      unit: first.fact.unit,
      year,
      fromYear: null,
      toYear: null,
      compared: ranked.length,
      items: top.map((t, i) => ({
        name: name(t),
        figures: [i],
        value: t.fact.amount,
        percent: null,
        usedShare: null,
        pace: null,
      })),
      elapsedShare: null,
    },
    title: m.amountTitle(what, year),
    sentences,
    figures,
  });
}
