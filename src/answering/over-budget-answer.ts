import type Decimal from 'decimal.js';
import type { Answer, BudgetCondition, Fact, Query } from '../domain';
import { formatEuro, formatPoints, formatShare, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { type BudgetActualValues, budgetActualValues, decimalString, exactString } from './derived-values';
import { messages } from './messages';
import { accountWord, formatFigure, lineItemsWord, periodWords } from './phrases';
import { commonAsOf, isYearToDate, pickActual, pickBudget } from './pick-fact';
import {
  noData,
  noListFiguresAtDate,
  RANKING_CACHE_LIMIT,
  rankedRows,
  rankingYear,
  ranksLineItems,
  rowsKey,
} from './ranking-rows';
import { type FoundRow, queryAccount } from './row-lookup';

const DEFAULT_OVER_LIST = 10;
// "Which ones?" asks for them all: a list this long is shown whole; a longer one is cut to DEFAULT_OVER_LIST.
const WHOLE_OVER_LIST = 20;

interface Flagged {
  row: FoundRow;
  actual: Fact;
  budget: Fact;
  values: BudgetActualValues;
  severity: Decimal;
}

/** What a budget list found: the rows satisfying its condition, the rows with spending but no budget, how many were checked. */
interface Flags {
  flagged: Flagged[];
  unbudgeted: Flagged[];
  compared: number;
  sample: Fact | null;
}

const overBudgetCache = new WeakMap<AnswerIndex, Map<string, Flags>>();

/**
 * Whether a row satisfies a list's condition. Over/under budget compare the actual with the
 * budget itself: in an open year "over" means the whole year's budget is already exceeded.
 * Ahead of/behind pace compare the used share with the share of the year gone.
 */
function satisfies(condition: BudgetCondition, values: BudgetActualValues, revenue: boolean): Decimal | null {
  switch (condition) {
    case 'aheadOfPace':
    case 'behindPace': {
      if (!values.pace || values.pace.isZero()) return null;
      return (condition === 'aheadOfPace') === values.pace.isPositive() ? values.pace.abs() : null;
    }
    case 'overBudget':
    case 'underBudget': {
      // actual − budget: negative is more spent, or less come in.
      if (values.variance.isZero()) return null;
      const more = revenue ? values.variance.isPositive() : values.variance.isNegative();
      return (condition === 'overBudget') === more ? values.variance.abs() : null;
    }
  }
}

/** The rows of a budget list, worst first, and the rows that have no budget to be over or under; kept with the index. */
function flagRows(
  index: AnswerIndex,
  query: Query,
  account: string,
  rows: FoundRow[],
  year: number,
  lineItems: boolean,
  condition: (open: boolean) => BudgetCondition,
): Flags {
  const key = [
    account,
    year,
    query.asOf,
    rowsKey(index, query, lineItems),
    condition(false),
    condition(true),
  ].join('\u0000');
  let cache = overBudgetCache.get(index);
  const hit = cache?.get(key);
  if (hit) return hit;
  const flagged: Flagged[] = [];
  const unbudgeted: Flagged[] = [];
  let compared = 0;
  let sample: Fact | null = null;
  const revenue = account === 'TULOT';
  // Year-to-date actuals at one date: the newest nearly every cost centre has.
  const asOf =
    query.asOf ??
    commonAsOf(
      index,
      rows.map((r) => r.facts),
      year,
    );
  for (const row of rows) {
    const actual = pickActual(index, row.facts, year, asOf);
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
    // Spending with no budget is neither over nor under a budget: it is listed apart.
    if (money(budget.amount).isZero()) {
      if (!money(actual.amount).isZero())
        unbudgeted.push({ row, actual, budget, values, severity: money(actual.amount).abs() });
      continue;
    }
    const severity = satisfies(condition(values.elapsed !== null), values, revenue);
    if (severity) flagged.push({ row, actual, budget, values, severity });
  }
  flagged.sort((a, b) => b.severity.comparedTo(a.severity));
  unbudgeted.sort((a, b) => b.severity.comparedTo(a.severity));
  const result = { flagged, unbudgeted, compared, sample: flagged[0]?.actual ?? sample };
  if (!cache) {
    cache = new Map();
    overBudgetCache.set(index, cache);
  }
  if (cache.size >= RANKING_CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

/**
 * The condition a list's rows satisfy. A closed year: over or under its budget. An open year:
 * pace words ("tahtia edellä", "ylittymässä") ask for ahead of or behind pace; "ylittäneet",
 * "already over budget" ask who has exceeded the whole year's budget already; "alittaneet" in an
 * open year can only mean behind pace (everyone is under a whole year's budget mid-year).
 */
function conditionOf(under: boolean, pace: boolean, open: boolean): BudgetCondition {
  if (!open) return under ? 'underBudget' : 'overBudget';
  if (under) return 'behindPace';
  return pace ? 'aheadOfPace' : 'overBudget';
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
  const { flagged, unbudgeted, compared, sample } = flagRows(
    index,
    query,
    account,
    rows,
    year,
    lineItems,
    (open) => conditionOf(under, query.pace === true, open),
  );
  // A date no row has an actual at: say so, never another date's list.
  if (compared === 0 && unbudgeted.length === 0 && query.asOf)
    return noListFiguresAtDate(index, query, rows, query.asOf);
  const shown = flagged.slice(
    0,
    query.topN ?? (flagged.length <= WHOLE_OVER_LIST ? flagged.length : DEFAULT_OVER_LIST),
  );
  // A year-to-date actual of 31.12. (a ledger's year end) is the whole year: over or under, not pace.
  const open = sample ? isYearToDate(sample) && !(sample.asOf ?? '').endsWith('-12-31') : false;
  const condition = conditionOf(under, query.pace === true, open);
  const label = (f: Flagged): string => {
    const v = f.values;
    if (condition === 'aheadOfPace' || condition === 'behindPace')
      return v.usedShare && v.pace
        ? `${formatShare(v.usedShare, lang)} (${formatPoints(v.pace, lang)})`
        : m.noBudget;
    // Over or under the budget itself: by how much, in magnitudes, the used share beside it.
    const by = formatEuro(v.variance.abs(), lang);
    return v.usedShare ? `${by} (${formatShare(v.usedShare, lang)})` : by;
  };
  const period = sample ? periodWords(sample, lang) : String(year);
  const word = lineItems ? lineItemsWord(false, lang) : accountWord(account, lang);
  const name = (f: Flagged): string => (lineItems ? f.row.label : f.row.subject.name);
  const revenue = account === 'TULOT';
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
  if (unbudgeted.length > 0)
    sentences.push(
      m.unbudgeted(unbudgeted.map((f) => `${name(f)} ${formatFigure(f.actual, lang)}`).join(', ')),
    );
  const figures: UsedFigure[] = [...shown, ...unbudgeted].flatMap((f) => [
    { fact: f.actual, role: 'actual' as const },
    { fact: f.budget, role: 'budget' as const },
  ]);
  const item = (f: Flagged, i: number) => ({
    name: name(f),
    actual: 2 * i,
    budget: 2 * i + 1,
    variance: decimalString(f.values.variance, 2),
    usedShare: f.values.usedShare ? exactString(f.values.usedShare) : null,
    pace: f.values.pace ? exactString(f.values.pace) : null,
  });
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
      items: shown.map(item),
      unbudgeted: unbudgeted.map((f, i) => item(f, shown.length + i)),
      elapsedShare: elapsed ? exactString(elapsed.share) : null,
    },
    title: `${side.title} · ${word} ${year}`,
    sentences,
    figures,
    // A cut list lets every row be reached.
    ...(flagged.length > shown.length ? { options: [m.showAll(flagged.length)] } : {}),
  });
}
