import type Decimal from 'decimal.js';
import type { Answer, Fact, Query } from '../domain';
import { formatEuro, formatPoints, formatShare, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { type BudgetActualValues, budgetActualValues, decimalString } from './derived-values';
import { accountWord, periodWords } from './phrases';
import { isYearToDate, pickActual, pickBudget } from './pick-fact';
import {
  costCentreRows,
  lineItemRows,
  noData,
  RANKING_CACHE_LIMIT,
  rankingYear,
  ranksLineItems,
} from './ranking-answer';
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
) {
  const area = query.subjects.find((s) => s.kind === 'serviceArea')?.name ?? '';
  const key = [account, year, query.asOf, area, lineItems].join('\u0000');
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
    if (values.elapsed) {
      // Open year: ahead of an even pace; a zero budget with spending is always flagged (first).
      const ahead = values.pace
        ? values.pace.isPositive() && !values.pace.isZero()
        : !money(actual.amount).isZero();
      if (ahead)
        flagged.push({
          row,
          actual,
          budget,
          values,
          severity: values.pace ?? money(Number.MAX_SAFE_INTEGER),
        });
    } else if (values.variance.isNegative() && !values.variance.isZero()) {
      flagged.push({ row, actual, budget, values, severity: values.variance.abs() });
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

/** Answers "which cost centres are over budget" (closed year) or "ahead of pace" (open year), worst first. */
export function answerOverBudget(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const account = queryAccount(query);
  // "Mitkä kululajit ylittivät budjetin": the expense types of the operating statement.
  const lineItems = ranksLineItems(query) && !['TULOT', 'toimintatuotot'].includes(account);
  const rows = lineItems ? lineItemRows(index, query).rows : costCentreRows(index, query, account);
  const year =
    query.years[0] ??
    (query.asOf ? Number(query.asOf.slice(0, 4)) : null) ??
    rankingYear({ ...query, measure: 'actual' }, rows);
  if (year === null || rows.length === 0) return noData(index, query, lang);
  const { flagged, compared, sample } = flagOverBudget(index, query, account, rows, year, lineItems);
  const shown = flagged.slice(0, query.topN ?? DEFAULT_OVER_LIST);
  const label = (f: Flagged): string => {
    const v = f.values;
    if (!v.elapsed) return formatEuro(v.variance, lang, { signed: true });
    if (v.usedShare && v.pace) return `${formatShare(v.usedShare, lang)} (${formatPoints(v.pace, lang)})`;
    return lang === 'fi' ? 'ei budjettia' : 'no budget';
  };
  const open = sample ? isYearToDate(sample) : false;
  const period = sample ? periodWords(sample, lang) : String(year);
  const word = lineItems ? (lang === 'fi' ? 'kululajit' : 'expense types') : accountWord(account, lang);
  const name = (f: Flagged): string => (lineItems ? f.row.label : f.row.subject.name);
  const list = shown.map((f) => `${name(f)} ${label(f)}`).join(', ');
  const more =
    flagged.length > shown.length
      ? lang === 'fi'
        ? ` (${shown.length} suurinta näytetty)`
        : ` (the ${shown.length} largest shown)`
      : '';
  const sentences: string[] = [];
  if (flagged.length === 0)
    sentences.push(
      lang === 'fi'
        ? `Yksikään ${compared} ${lineItems ? 'kululajista' : 'kustannuspaikasta'} ei ole ${open ? 'tasaista tahtia edellä' : 'ylittänyt talousarviotaan'} (${word}, ${period}).`
        : `None of the ${compared} ${lineItems ? 'expense types' : 'cost centres'} is ${open ? 'ahead of an even pace' : 'over budget'} (${word}, ${period}).`,
    );
  else
    sentences.push(
      lang === 'fi'
        ? `${open ? 'Tasaista tahtia edellä' : 'Talousarvionsa ylittäneet'} (${word}, ${period}), ${flagged.length}/${compared}${more}: ${list}.`
        : `${open ? 'Ahead of an even pace' : 'Over budget'} (${word}, ${period}), ${flagged.length} of ${compared}${more}: ${list}.`,
    );
  const figures: UsedFigure[] = shown.flatMap((f) => [
    { fact: f.actual, role: 'actual' as const },
    { fact: f.budget, role: 'budget' as const },
  ]);
  const derived: Record<string, string> = { count: String(flagged.length), compared: String(compared) };
  const elapsed = shown.find((f) => f.values.elapsed)?.values.elapsed;
  if (elapsed) derived.elapsedShare = decimalString(elapsed.share, 4);
  return buildAnswer(index, query, {
    title: lang === 'fi' ? `Ylitykset · ${word} ${year}` : `Over budget · ${word} ${year}`,
    sentences,
    figures,
    derived,
  });
}
