import type Decimal from 'decimal.js';
import type { Answer, Fact, Lang, Query } from '../domain';
import { formatChangePercent, formatEuro, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { valueFor } from './compare-answer';
import { decimalString, exactString } from './derived-values';
import { messages } from './messages';
import { accountWord, lineItemsWord, periodWords } from './phrases';
import { isYearToDate, yearsWith } from './pick-fact';
import { noData, rankedRows, ranksIncome, ranksLineItems } from './ranking-rows';
import { type FoundRow, queryAccount } from './row-lookup';

const DEFAULT_TOP = 5;

/** One subject's figures of the two years and how much it grew, as people read it (magnitude). */
interface Moved {
  row: FoundRow;
  from: Fact;
  to: Fact;
  change: Decimal;
  /** Relative to the earlier figure's magnitude; null when that is zero. */
  percent: Decimal | null;
}

/** The measure whose years are compared: budgets, plans, or actuals (the default). */
function measureKind(query: Query): 'actual' | 'budget' | 'plan' {
  return query.measure === 'budget' ? 'budget' : query.measure === 'plan' ? 'plan' : 'actual';
}

/**
 * The two years a change ranking compares: the first and last named, a named year and the one
 * before it, else the two newest years with full-year figures of the measure (a year-to-date
 * actual is half a year, not a year to grow from).
 */
function changeYears(index: AnswerIndex, query: Query, rows: FoundRow[]): [number, number] | null {
  const named = [...new Set(query.years)].sort((a, b) => a - b);
  if (named.length >= 2) return [named[0]!, named.at(-1)!];
  if (named.length === 1) return [named[0]! - 1, named[0]!];
  const kind = measureKind(query);
  const years = new Set<number>();
  for (const row of rows) {
    for (const year of yearsWith(row.facts, kind)) {
      const fact = valueFor(index, query, row, year);
      if (fact && !isYearToDate(fact)) years.add(year);
    }
  }
  const sorted = [...years].sort((a, b) => a - b);
  return sorted.length >= 2 ? [sorted.at(-2)!, sorted.at(-1)!] : null;
}

/** The change of one subject in words: "+99 228 € (+6,7 %)". */
function changeText(m: Moved, lang: Lang): string {
  const size = formatEuro(m.change, lang, { signed: true });
  return m.percent ? `${size} (${formatChangePercent(m.percent, lang)})` : size;
}

/** A year-to-date actual against a whole year says nothing of growth: say so, offer budgets instead. */
function partYear(index: AnswerIndex, query: Query, from: number, to: number, ytd: Fact): Answer {
  const lang = query.lang;
  const m = messages(lang).changeRanking;
  const word = accountWord(queryAccount(query), lang);
  const other = from === ytd.year ? to : from;
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'partYear', term: null },
    title: m.partYearTitle,
    sentences: [m.partYear(ytd.year, periodWords(ytd, lang), other)],
    options: [m.budgetsOption(query.order === 'asc', word, from, to)],
  });
}

/**
 * Answers "which grew most" ("mikä kasvoi eniten 2020–2021", "biggest decrease"): cost centres
 * (or expense/income types) ranked by the change of their figure between two years, exact.
 * Growth is in magnitude: spending more is growth, though expenses are negative in the source.
 */
export function answerChangeRanking(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const m = messages(lang).changeRanking;
  const lineItems = ranksLineItems(query);
  const income = lineItems && ranksIncome(query);
  const rows = rankedRows(index, query, lineItems);
  const years = rows.length > 0 ? changeYears(index, query, rows) : null;
  if (!years) return noData(index, query, lang);
  const [fromYear, toYear] = years;

  const moved: Moved[] = [];
  let yearToDate: Fact | null = null;
  let missing = 0;
  for (const row of rows) {
    const from = valueFor(index, query, row, fromYear);
    const to = valueFor(index, query, row, toYear);
    if (!from || !to) {
      missing += 1;
      continue;
    }
    if (isYearToDate(from) !== isYearToDate(to)) {
      yearToDate = isYearToDate(from) ? from : to;
      continue;
    }
    const a = money(from.amount);
    const b = money(to.amount);
    if (a.isZero() && b.isZero()) continue;
    // Expense types are negative, income types positive: "kululajit" leaves income rows out.
    if (lineItems && !b.isZero() && b.isNegative() === income) continue;
    moved.push({ row, from, to, change: b.minus(a), percent: null });
  }
  if (moved.length === 0) {
    if (yearToDate) return partYear(index, query, fromYear, toYear, yearToDate);
    return noData(index, query, lang);
  }
  // Expenses and net costs are negative: their growth is a more negative figure.
  const negatives = moved.filter((x) => money(x.to.amount).isNegative()).length;
  const flip = negatives * 2 > moved.length;
  for (const x of moved) {
    if (flip) x.change = x.change.neg();
    const base = money(x.from.amount).abs();
    x.percent = base.isZero() ? null : x.change.div(base).times(100);
  }
  const dir = query.order === 'asc' ? 1 : -1;
  const name = (x: Moved) => (lineItems ? x.row.label : x.row.subject.name);
  moved.sort((x, y) => dir * x.change.comparedTo(y.change) || (name(x) < name(y) ? -1 : 1));

  const top = moved.slice(0, query.topN ?? DEFAULT_TOP);
  const first = top[0]!;
  const what = lineItems ? lineItemsWord(income, lang) : accountWord(first.row.label, lang);
  const heading = m.heading(query.order === 'asc');
  const period = `${periodWords(first.from, lang)} → ${periodWords(first.to, lang)}`;
  const list = top.map((x, i) => `${i + 1}. ${name(x)} ${changeText(x, lang)}`).join(', ');
  const sentences = [`${heading}, ${what}, ${period}: ${list}.`, m.explained(flip, moved.length, lineItems)];
  const figures: UsedFigure[] = top.flatMap((x) => [
    { fact: x.to, role: 'value' as const },
    { fact: x.from, role: 'value' as const },
  ]);
  return buildAnswer(index, query, {
    body: {
      kind: 'ranking',
      metric: 'change',
      of: lineItems ? 'lineItems' : 'costCentres',
      order: query.order === 'asc' ? 'asc' : 'desc',
      account: first.row.label,
      unit: first.to.unit,
      year: toYear,
      fromYear,
      toYear,
      compared: moved.length,
      items: top.map((x, i) => ({
        name: name(x),
        figures: [2 * i, 2 * i + 1],
        value: decimalString(x.change, 2),
        percent: x.percent ? exactString(x.percent) : null,
        usedShare: null,
        pace: null,
      })),
      elapsedShare: null,
    },
    title: `${heading} · ${what} ${fromYear}–${toYear}`,
    sentences,
    figures,
    notes: missing > 0 ? [m.missing(missing, lineItems, fromYear, toYear)] : [],
  });
}
