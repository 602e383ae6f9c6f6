import type Decimal from 'decimal.js';
import type { Answer, BudgetCondition, Fact, Query } from '../domain';
import { formatEuro, formatPoints, formatShare, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { type BudgetActualValues, budgetActualValues, decimalString, exactString } from './derived-values';
import { messages } from './messages';
import { accountWord, lineItemsWord, periodWords } from './phrases';
import { isYearToDate, pickActual, pickBudget } from './pick-fact';
import { noData, RANKING_CACHE_LIMIT, rankedRows, rankingYear, ranksLineItems } from './ranking-rows';
import { type FoundRow, queryAccount } from './row-lookup';

const DEFAULT_OVER_LIST = 10;

interface Flagged {
  row: FoundRow;
  actual: Fact;
  budget: Fact;
  values: BudgetActualValues;
  severity: Decimal;
}

const overBudgetCache = new WeakMap<
  AnswerIndex,
  Map<string, { flagged: Flagged[]; compared: number; sample: Fact | null }>
>();

/** The cost centres over budget (closed year) or ahead of pace (open year), worst first; kept with the index. */
function flagOverBudget(
  index: AnswerIndex,
  query: Query,
  account: string,
  rows: FoundRow[],
  year: number,
  lineItems: boolean,
  under: boolean,
) {
  const area = query.subjects.find((s) => s.kind === 'serviceArea')?.name ?? '';
  const key = [account, year, query.asOf, area, lineItems, under].join('\u0000');
  let cache = overBudgetCache.get(index);
  const hit = cache?.get(key);
  if (hit) return hit;
  const flagged: Flagged[] = [];
  let compared = 0;
  let sample: Fact | null = null;
  for (const row of rows) {
    const actual = pickActual(index, row.facts, year, query.asOf);
    const budget = pickBudget(index, row.facts, year);
    if (!actual || !budget) continue;
    // Expense types only: an income row's shortfall is not an overspend.
    if (lineItems && (money(actual.amount).isPositive() || money(budget.amount).isPositive())) continue;
    compared++;
    sample ??= actual;
    const values = budgetActualValues(
      actual.amount,
      budget.amount,
      isYearToDate(actual) ? actual.asOf : null,
    );
    // The side asked, read literally: "over" is more than budgeted (spent, or come in), "under"
    // less. In the open year that is ahead of or behind an even pace.
    const revenue = account === 'TULOT';
    if (values.elapsed) {
      if (!values.pace) {
        // No share of a budget: a zero budget with spending is always over (listed first).
        if (!under && !revenue && !money(actual.amount).isZero())
          flagged.push({ row, actual, budget, values, severity: money(Number.MAX_SAFE_INTEGER) });
        continue;
      }
      const ahead = values.pace.isPositive() && !values.pace.isZero();
      const behind = values.pace.isNegative() && !values.pace.isZero();
      if (under ? behind : ahead) flagged.push({ row, actual, budget, values, severity: values.pace.abs() });
    } else {
      // actual − budget: negative is more spent, or less come in.
      const negative = values.variance.isNegative() && !values.variance.isZero();
      const positive = values.variance.isPositive() && !values.variance.isZero();
      const more = revenue ? positive : negative;
      const less = revenue ? negative : positive;
      if (under ? less : more) flagged.push({ row, actual, budget, values, severity: values.variance.abs() });
    }
  }
  flagged.sort((a, b) => b.severity.comparedTo(a.severity));
  const result = { flagged, compared, sample: flagged[0]?.actual ?? sample };
  if (!cache) {
    cache = new Map();
    overBudgetCache.set(index, cache);
  }
  if (cache.size >= RANKING_CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

/** The condition a list's rows satisfy: over or under the budget (a closed year), ahead of or behind pace (an open one). */
function conditionOf(under: boolean, open: boolean): BudgetCondition {
  if (open) return under ? 'behindPace' : 'aheadOfPace';
  return under ? 'underBudget' : 'overBudget';
}

/** Answers "which cost centres are over budget" (closed year) or "ahead of pace" (open year), worst first. */
export function answerOverBudget(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const m = messages(lang).overBudget;
  const account = queryAccount(query);
  // "Mitkä kululajit ylittivät budjetin": the expense types of the operating statement.
  const lineItems = ranksLineItems(query) && !['TULOT', 'toimintatuotot'].includes(account);
  const rows = rankedRows(index, query, lineItems);
  const year =
    query.years[0] ??
    (query.asOf ? Number(query.asOf.slice(0, 4)) : null) ??
    rankingYear({ ...query, measure: 'actual' }, rows);
  if (year === null || rows.length === 0) return noData(index, query, lang);
  const under = query.side === 'under';
  const { flagged, compared, sample } = flagOverBudget(index, query, account, rows, year, lineItems, under);
  const shown = flagged.slice(0, query.topN ?? DEFAULT_OVER_LIST);
  const label = (f: Flagged): string => {
    const v = f.values;
    if (!v.elapsed) return formatEuro(v.variance, lang, { signed: true });
    if (v.usedShare && v.pace) return `${formatShare(v.usedShare, lang)} (${formatPoints(v.pace, lang)})`;
    return m.noBudget;
  };
  const open = sample ? isYearToDate(sample) : false;
  const period = sample ? periodWords(sample, lang) : String(year);
  const word = lineItems ? lineItemsWord(false, lang) : accountWord(account, lang);
  const name = (f: Flagged): string => (lineItems ? f.row.label : f.row.subject.name);
  const revenue = account === 'TULOT';
  const condition = conditionOf(under, open);
  const side = m.side(condition, revenue);
  const sentences = [
    flagged.length === 0
      ? m.none(compared, lineItems, side.list, word, period)
      : m.listed(
          side.list,
          word,
          period,
          flagged.length,
          compared,
          flagged.length > shown.length ? shown.length : null,
          shown.map((f) => `${name(f)} ${label(f)}`).join(', '),
        ),
  ];
  const figures: UsedFigure[] = shown.flatMap((f) => [
    { fact: f.actual, role: 'actual' as const },
    { fact: f.budget, role: 'budget' as const },
  ]);
  const elapsed = shown.find((f) => f.values.elapsed)?.values.elapsed;
  return buildAnswer(index, query, {
    body: {
      kind: 'overBudgetList',
      condition,
      of: lineItems ? 'lineItems' : 'costCentres',
      account,
      revenue,
      year,
      count: flagged.length,
      compared,
      items: shown.map((f, i) => ({
        name: name(f),
        actual: 2 * i,
        budget: 2 * i + 1,
        variance: decimalString(f.values.variance, 2),
        usedShare: f.values.usedShare ? exactString(f.values.usedShare) : null,
        pace: f.values.pace ? exactString(f.values.pace) : null,
      })),
      elapsedShare: elapsed ? exactString(elapsed.share) : null,
    },
    title: `${side.title} · ${word} ${year}`,
    sentences,
    figures,
  });
}
