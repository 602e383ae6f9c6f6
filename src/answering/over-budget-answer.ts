import type Decimal from 'decimal.js';
import type { Answer, Fact, Query } from '../domain';
import { formatEuro, formatPoints, formatShare, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { type BudgetActualValues, budgetActualValues, decimalString } from './derived-values';
import { accountWord, lineItemsWord, periodWords } from './phrases';
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

/** The words of a list: which side of the budget, for spending or revenue, in a closed or open year. */
function listSide(
  revenue: boolean,
  under: boolean,
  open: boolean,
): { fi: string; en: string; titleFi: string; titleEn: string } {
  if (revenue) {
    // Read literally: over the estimate is more revenue, under it is less.
    const favourable = !under;
    if (open)
      return favourable
        ? {
            fi: 'Tuloja kertynyt tasaista tahtia enemmän',
            en: 'Revenue ahead of an even pace',
            titleFi: 'Tulot edellä',
            titleEn: 'Revenue ahead',
          }
        : {
            fi: 'Tuloja kertynyt tasaista tahtia vähemmän',
            en: 'Revenue behind an even pace',
            titleFi: 'Tulot jäljessä',
            titleEn: 'Revenue behind',
          };
    return favourable
      ? {
          fi: 'Tuloarvionsa ylittäneet',
          en: 'Revenue above the estimate',
          titleFi: 'Tulot yli arvion',
          titleEn: 'Revenue above estimate',
        }
      : {
          fi: 'Tuloarviostaan jääneet',
          en: 'Revenue short of the estimate',
          titleFi: 'Tulot alle arvion',
          titleEn: 'Revenue short',
        };
  }
  if (open)
    return under
      ? {
          fi: 'Tasaista tahtia jäljessä',
          en: 'Behind an even pace',
          titleFi: 'Jäljessä tahdista',
          titleEn: 'Behind pace',
        }
      : {
          fi: 'Tasaista tahtia edellä',
          en: 'Ahead of an even pace',
          titleFi: 'Ylitykset',
          titleEn: 'Over budget',
        };
  return under
    ? { fi: 'Talousarvionsa alittaneet', en: 'Under budget', titleFi: 'Alitukset', titleEn: 'Under budget' }
    : { fi: 'Talousarvionsa ylittäneet', en: 'Over budget', titleFi: 'Ylitykset', titleEn: 'Over budget' };
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
  const under = query.side === 'under';
  const { flagged, compared, sample } = flagOverBudget(index, query, account, rows, year, lineItems, under);
  const shown = flagged.slice(0, query.topN ?? DEFAULT_OVER_LIST);
  const label = (f: Flagged): string => {
    const v = f.values;
    if (!v.elapsed) return formatEuro(v.variance, lang, { signed: true });
    if (v.usedShare && v.pace) return `${formatShare(v.usedShare, lang)} (${formatPoints(v.pace, lang)})`;
    return lang === 'fi' ? 'ei budjettia' : 'no budget';
  };
  const open = sample ? isYearToDate(sample) : false;
  const period = sample ? periodWords(sample, lang) : String(year);
  const word = lineItems ? lineItemsWord(false, lang) : accountWord(account, lang);
  const name = (f: Flagged): string => (lineItems ? f.row.label : f.row.subject.name);
  const list = shown.map((f) => `${name(f)} ${label(f)}`).join(', ');
  const more =
    flagged.length > shown.length
      ? lang === 'fi'
        ? ` (${shown.length} suurinta näytetty)`
        : ` (the ${shown.length} largest shown)`
      : '';
  const side = listSide(account === 'TULOT', under, open);
  const sentences: string[] = [];
  if (flagged.length === 0)
    sentences.push(
      lang === 'fi'
        ? `Yksikään ${compared} ${lineItems ? 'kululajista' : 'kustannuspaikasta'} ei ole listalla "${side.fi}" (${word}, ${period}).`
        : `None of the ${compared} ${lineItems ? 'expense types' : 'cost centres'} is ${side.en.toLowerCase()} (${word}, ${period}).`,
    );
  else
    sentences.push(
      lang === 'fi'
        ? `${side.fi} (${word}, ${period}), ${flagged.length}/${compared}${more}: ${list}.`
        : `${side.en} (${word}, ${period}), ${flagged.length} of ${compared}${more}: ${list}.`,
    );
  const figures: UsedFigure[] = shown.flatMap((f) => [
    { fact: f.actual, role: 'actual' as const },
    { fact: f.budget, role: 'budget' as const },
  ]);
  const derived: Record<string, string> = { count: String(flagged.length), compared: String(compared) };
  const elapsed = shown.find((f) => f.values.elapsed)?.values.elapsed;
  if (elapsed) derived.elapsedShare = decimalString(elapsed.share, 4);
  return buildAnswer(index, query, {
    title: lang === 'fi' ? `${side.titleFi} · ${word} ${year}` : `${side.titleEn} · ${word} ${year}`,
    sentences,
    figures,
    derived,
  });
}
