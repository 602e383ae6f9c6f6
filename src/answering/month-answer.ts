import type { Answer, Fact, Lang, MonthPoint, Query } from '../domain';
import { formatDate, formatEuro, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { decimalString } from './derived-values';
import { rowRef } from './figure-answer';
import { messages } from './messages';
import { accountWord, formatFigure, periodWords } from './phrases';
import { isYearToDate, newestYearToDate, pickActual, yearsWith } from './pick-fact';
import { absentYear, type FoundRow } from './row-lookup';

/** The last day of a month, as an ISO date. */
export function monthEndDate(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The year-to-date actual of a row at a date: the ledger's or report's figure of that date; at
 * 31.12. a ledger's own year-end (the like of its other month ends) before the year's TP.
 */
function ytdAt(index: AnswerIndex, row: FoundRow, date: string): Fact | null {
  const year = Number(date.slice(0, 4));
  return (
    newestYearToDate(
      index,
      row.facts.filter((f) => f.asOf === date),
    ) ?? pickActual(index, row.facts, year, date)
  );
}

function atMonthEnd(index: AnswerIndex, row: FoundRow, year: number, month: number): Fact | null {
  return ytdAt(index, row, monthEndDate(year, month));
}

/** A month's words: "maaliskuussa 2022" / "in March 2022"; a span's: "heinä–syyskuussa 2022". */
function monthWords(lang: Lang, year: number, month: number, from: number = month): string {
  const m = messages(lang).months;
  return from < month ? m.inMonths(from, month, year) : m.inMonth(month, year);
}

/**
 * "Tietohallinnon menot maaliskuussa 2022": the year-to-date actual at the month's end less the
 * one at the previous month's end (January's is its own), said as the difference of the two. A
 * span of months ("heinä–syyskuussa") is the same with the month before its first. Where either
 * date has no figure, the answer says so and offers the dates there are; never another month's
 * figure.
 */
export function answerMonth(index: AnswerIndex, query: Query, row: FoundRow): Answer {
  const lang = query.lang;
  const m = messages(lang);
  const asOf = query.asOf!;
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const from = query.fromMonth !== undefined && query.fromMonth < month ? query.fromMonth : month;
  const end = atMonthEnd(index, row, year, month);
  const start = from > 1 ? atMonthEnd(index, row, year, from - 1) : null;
  const missing = !end ? monthEndDate(year, month) : from > 1 && !start ? monthEndDate(year, from - 1) : null;
  if (missing) return noFigureForMonth(index, query, row, year, month, from, missing);
  const figures: UsedFigure[] = [{ fact: end!, role: 'actual' }];
  if (start) figures.push({ fact: start, role: 'actual' });
  const amount = money(end!.amount).minus(start ? money(start.amount) : 0);
  const word = accountWord(row.label, lang);
  const when = monthWords(lang, year, month, from);
  const sentence = start
    ? m.months.difference(
        row.subject.name,
        word,
        when,
        formatEuro(amount.abs(), lang),
        `${periodWords(end!, lang)} ${formatFigure(end!, lang)}`,
        `${periodWords(start, lang)} ${formatFigure(start, lang)}`,
        amount.isNegative() !== money(end!.amount).isNegative() && !amount.isZero(),
      )
    : m.months.january(row.subject.name, word, when, formatEuro(amount.abs(), lang), periodWords(end!, lang));
  return buildAnswer(index, query, {
    body: {
      kind: 'monthAmount',
      row: rowRef(row, query, end!.unit),
      year,
      month,
      fromMonth: from < month ? from : null,
      end: 0,
      start: start ? 1 : null,
      amount: decimalString(amount, 2),
    },
    title: `${row.subject.name} · ${word} ${when}`,
    sentences: [sentence],
    figures,
    notes: [from < month ? m.months.spanDifferenceNote : m.months.differenceNote],
    options: [m.months.seriesOption(row.subject.name, word, year)],
  });
}

/** The dates a row has year-to-date actuals at, in a year. */
function datesOf(row: FoundRow, year: number): string[] {
  return [
    ...new Set(row.facts.filter((f) => f.year === year && isYearToDate(f) && f.asOf).map((f) => f.asOf!)),
  ].sort();
}

/** not_found for a month whose month end (or the one before it) has no figure, offering the months there are. */
function noFigureForMonth(
  index: AnswerIndex,
  query: Query,
  row: FoundRow,
  year: number,
  month: number,
  from: number,
  missing: string,
): Answer {
  const lang = query.lang;
  const m = messages(lang);
  const word = accountWord(row.label, lang);
  const dates = datesOf(row, year);
  // Months whose own figure can be given: both month ends known (January: its own end).
  const known = new Set(dates);
  const months = [...new Set(dates.map((d) => Number(d.slice(5, 7))))].filter(
    (mo) => known.has(monthEndDate(year, mo)) && (mo === 1 || known.has(monthEndDate(year, mo - 1))),
  );
  const asked = month;
  months.sort((a, b) => Math.abs(a - asked) - Math.abs(b - asked) || a - b);
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'period', term: monthWords(lang, year, month, from) },
    title: `${row.subject.name} · ${word}`,
    sentences: [
      m.months.noFigure(
        row.subject.name,
        word,
        monthWords(lang, year, month, from),
        formatDate(missing, lang),
        dates.map((d) => formatDate(d, lang)),
      ),
    ],
    // The months whose own figure can be given, nearest first; else the dates there are, as the year so far.
    options:
      months.length > 0
        ? months.slice(0, 4).map((mo) => ({
            label: m.months.name(mo, year),
            ask: m.rowQuestion(row.subject.name, word, messages('fi').months.inMonth(mo, year)),
          }))
        : dates.slice(-4).map((d) => ({
            label: formatDate(d, lang),
            ask: m.rowQuestion(row.subject.name, word, formatDate(d, 'fi')),
          })),
  });
}

/**
 * "Tietohallinnon menot kuukausittain 2022": every month end of the year the data has, each with
 * its year-to-date figure and, where the month end before it is known too, the month's own.
 */
export function answerMonthlySeries(index: AnswerIndex, query: Query, row: FoundRow): Answer {
  const lang = query.lang;
  const m = messages(lang);
  const withMonths = (y: number) =>
    datesOf(row, y).filter((d) => d === monthEndDate(y, Number(d.slice(5, 7))));
  const year =
    query.years.at(-1) ??
    [...yearsWith(row.facts, 'actual')].reverse().find((y) => withMonths(y).length > 1) ??
    yearsWith(row.facts, 'actual').at(-1);
  if (year === undefined) return absentYear(index, query, row, m.inYear(null, 'actual'), 'actual');
  const dates = withMonths(year);
  if (dates.length === 0) return absentYear(index, query, row, m.inYear(year, 'actual'), 'actual');
  const figures: UsedFigure[] = [];
  const points: MonthPoint[] = [];
  let previous: Fact | null = null;
  for (const date of dates) {
    const fact = ytdAt(index, row, date);
    if (!fact) continue;
    const month = Number(date.slice(5, 7));
    const before =
      month === 1 ? null : previous && previous.asOf === monthEndDate(year, month - 1) ? previous : null;
    const monthAmount =
      month === 1 ? money(fact.amount) : before ? money(fact.amount).minus(money(before.amount)) : null;
    points.push({
      figure: figures.length,
      asOf: date,
      month,
      monthAmount: monthAmount ? decimalString(monthAmount, 2) : null,
    });
    figures.push({ fact, role: 'actual' });
    previous = fact;
  }
  const word = accountWord(row.label, lang);
  const listed = points
    .map((p) =>
      p.monthAmount === null
        ? m.months.pointToDate(
            formatDate(p.asOf, lang),
            formatEuro(money(figures[p.figure]!.fact.amount).abs(), lang),
          )
        : m.months.point(m.months.name(p.month, null), formatEuro(money(p.monthAmount).abs(), lang)),
    )
    .join(', ');
  return buildAnswer(index, query, {
    body: { kind: 'monthlySeries', row: rowRef(row, query, figures[0]!.fact.unit), year, points },
    title: `${row.subject.name} · ${word} ${m.months.byMonth} ${year}`,
    sentences: [m.months.series(row.subject.name, word, year, listed)],
    figures,
    notes: [m.months.differenceNote],
    options: [m.trendOption(row.subject.name, word)],
  });
}
