import type Decimal from 'decimal.js';
import type { Answer, Fact, Lang, Query } from '../domain';
import { formatChangePercent, formatEuro, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { valueFor } from './compare-answer';
import { decimalString } from './derived-values';
import { accountWord, lineItemsWord, periodWords, yearList } from './phrases';
import { isYearToDate, yearsWith } from './pick-fact';
import { costCentreRows, lineItemRows, noData, ranksLineItems } from './ranking-answer';
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
  const word = accountWord(queryAccount(query), lang);
  const other = from === ytd.year ? to : from;
  const decline = query.order === 'asc';
  const ask =
    lang === 'fi'
      ? `${decline ? 'suurin lasku' : 'suurin kasvu'} ${word} talousarvio ${from} ja ${to}`
      : `${decline ? 'largest decrease' : 'largest increase'} ${word} budget ${from} and ${to}`;
  return buildAnswer(index, query, {
    status: 'not_found',
    title: lang === 'fi' ? 'Vuosi on kesken' : 'The year is not over',
    sentences: [
      lang === 'fi'
        ? `Vuodelta ${ytd.year} on vasta ${periodWords(ytd, lang)} eikä koko vuoden lukua, joten muutosta vuoteen ${other} ei voi laskea. Talousarvioita voi verrata.`
        : `For ${ytd.year} there is only the ${periodWords(ytd, lang)}, not a full year, so the change from ${other} cannot be worked out. Budgets can be compared.`,
    ],
    options: [{ label: lang === 'fi' ? `Talousarviot ${from}–${to}` : `Budgets ${from}–${to}`, ask }],
  });
}

/**
 * Answers "which grew most" ("mikä kasvoi eniten 2020–2021", "biggest decrease"): cost centres
 * (or expense/income types) ranked by the change of their figure between two years, exact.
 * Growth is in magnitude: spending more is growth, though expenses are negative in the source.
 */
export function answerChangeRanking(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const lineItems = ranksLineItems(query);
  const { rows, income } = lineItems
    ? lineItemRows(index, query)
    : { rows: costCentreRows(index, query, queryAccount(query)), income: false };
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
  const negatives = moved.filter((m) => money(m.to.amount).isNegative()).length;
  const flip = negatives * 2 > moved.length;
  for (const m of moved) {
    if (flip) m.change = m.change.neg();
    const base = money(m.from.amount).abs();
    m.percent = base.isZero() ? null : m.change.div(base).times(100);
  }
  const dir = query.order === 'asc' ? 1 : -1;
  const name = (m: Moved) => (lineItems ? m.row.label : m.row.subject.name);
  moved.sort((x, y) => dir * x.change.comparedTo(y.change) || (name(x) < name(y) ? -1 : 1));

  const top = moved.slice(0, query.topN ?? DEFAULT_TOP);
  const first = top[0]!;
  const what = lineItems ? lineItemsWord(income, lang) : accountWord(first.row.label, lang);
  const heading =
    query.order === 'asc'
      ? lang === 'fi'
        ? 'Suurin lasku'
        : 'Largest decrease'
      : lang === 'fi'
        ? 'Suurin kasvu'
        : 'Largest increase';
  const period = `${periodWords(first.from, lang)} → ${periodWords(first.to, lang)}`;
  const list = top.map((m, i) => `${i + 1}. ${name(m)} ${changeText(m, lang)}`).join(', ');
  const sentences = [
    `${heading}, ${what}, ${period}: ${list}.`,
    lang === 'fi'
      ? `Muutos on euroina ${flip ? 'käytetyn rahan määrässä (enemmän menoja = kasvu)' : 'lukujen erotus'}; mukana ${moved.length} ${lineItems ? 'riviä' : 'kustannuspaikkaa'}, joilla on luku molempina vuosina; yhteissummat eivät ole mukana.`
      : `The change is in euros ${flip ? 'of money spent (more spending = growth)' : 'between the figures'}; ${moved.length} ${lineItems ? 'rows' : 'cost centres'} with a figure in both years, totals left out.`,
  ];
  const figures: UsedFigure[] = top.flatMap((m) => [
    { fact: m.to, role: 'value' as const },
    { fact: m.from, role: 'value' as const },
  ]);
  const derived: Record<string, string> = {
    count: String(top.length),
    compared: String(moved.length),
    fromYear: String(fromYear),
    toYear: String(toYear),
  };
  top.forEach((m, i) => {
    derived[`change${i + 1}`] = decimalString(m.change, 2);
    if (m.percent) derived[`changePercent${i + 1}`] = decimalString(m.percent, 2);
  });
  return buildAnswer(index, query, {
    title:
      lang === 'fi'
        ? `${heading} · ${what} ${fromYear}–${toYear}`
        : `${heading} · ${what} ${fromYear}–${toYear}`,
    sentences,
    figures,
    derived,
    notes:
      missing > 0
        ? [
            lang === 'fi'
              ? `${missing} ${lineItems ? 'riviltä' : 'kustannuspaikalta'} puuttuu luku jommaltakummalta vuodelta (${yearList([fromYear, toYear])}).`
              : `${missing} ${lineItems ? 'rows lack' : 'cost centres lack'} a figure for one of the years (${yearList([fromYear, toYear])}).`,
          ]
        : [],
  });
}
