import type Decimal from 'decimal.js';
import type { Answer, Fact, Query } from '../domain';
import { formatEuro, formatShare, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { budgetActualValues, decimalString, exactString } from './derived-values';
import { messages } from './messages';
import { accountWord, periodWords } from './phrases';
import { commonAsOf, isYearToDate, pickActual, pickBudget } from './pick-fact';
import { noData, noListFiguresAtDate, rankedRows, rankingYear } from './ranking-rows';
import { type FoundRow, queryAccount } from './row-lookup';

const DEFAULT_TOP = 5;

interface Measured {
  row: FoundRow;
  actual: Fact;
  budget: Fact;
  /** Budget left in magnitudes (negative when overspent), or the share of the budget used. */
  metric: Decimal;
  usedShare: Decimal | null;
  /** Open year: the used share against the share of the year gone, in points. */
  pace: Decimal | null;
}

/**
 * Answers "missä on eniten budjettia jäljellä?" and "kuka on käyttänyt suurimman osan
 * budjetistaan?": cost centres ranked by the money left (budget − actual, in magnitudes) or by
 * the share of the budget used, each with its actual beside its budget, exact.
 */
export function answerBudgetMetricRanking(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const m = messages(lang).budgetMetric;
  const account = queryAccount(query);
  const byRemaining = query.rankBy === 'remaining';
  const rows = rankedRows(index, query, false);
  const year =
    query.years[0] ??
    (query.asOf ? Number(query.asOf.slice(0, 4)) : null) ??
    rankingYear({ ...query, measure: 'actual' }, rows);
  if (year === null || rows.length === 0) return noData(index, query, lang);

  const measured: Measured[] = [];
  // Year-to-date actuals at one date: the newest any cost centre has.
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
    const values = budgetActualValues(
      actual.amount,
      budget.amount,
      isYearToDate(actual) ? actual.asOf : null,
    );
    if (byRemaining) {
      const a = money(actual.amount);
      const b = money(budget.amount);
      // Money left only means something where actual and budget run the same way.
      if (b.isZero() || (!a.isZero() && a.isNegative() !== b.isNegative())) continue;
      measured.push({
        row,
        actual,
        budget,
        metric: b.abs().minus(a.abs()),
        usedShare: values.usedShare,
        pace: values.pace,
      });
    } else if (values.usedShare) {
      measured.push({
        row,
        actual,
        budget,
        metric: values.usedShare,
        usedShare: values.usedShare,
        pace: values.pace,
      });
    }
  }
  if (measured.length === 0)
    return query.asOf ? noListFiguresAtDate(index, query, rows, query.asOf) : noData(index, query, lang);
  const dir = query.order === 'asc' ? 1 : -1;
  measured.sort(
    (x, y) => dir * x.metric.comparedTo(y.metric) || (x.row.subject.name < y.row.subject.name ? -1 : 1),
  );
  // "yli puolet budjetistaan": every cost centre past the share, however many.
  const past = !byRemaining && query.threshold ? money(query.threshold) : null;
  const top = past ? measured.filter((x) => x.metric.gt(past)) : measured.slice(0, query.topN ?? DEFAULT_TOP);
  const first = (top[0] ?? measured[0]) as Measured;
  const period = periodWords(first.actual, lang);
  const word = accountWord(account, lang);
  // A share asked in words or whole percents reads as asked: "yli 50 %".
  const pastWords = past ? formatShare(past, lang, past.times(100).isInteger() ? 0 : 1) : '';
  const heading = past ? m.pastShare(pastWords) : m.heading(byRemaining, query.order !== 'asc');
  const item = (x: Measured, i: number): string => {
    if (!byRemaining) return `${i + 1}. ${x.row.subject.name} ${formatShare(x.metric, lang)}`;
    const left = x.metric.isNegative()
      ? m.overspentBy(formatEuro(x.metric.abs(), lang))
      : formatEuro(x.metric, lang);
    const used = x.usedShare ? m.usedBeside(formatShare(x.usedShare, lang)) : '';
    return `${i + 1}. ${x.row.subject.name} ${left}${used}`;
  };
  const sentences =
    past && top.length === 0
      ? [m.nonePastShare(pastWords, period, measured.length)]
      : [
          `${heading}${past ? `, ${m.pastShareCount(top.length, measured.length)}` : ''} (${word}, ${period}): ${top.map(item).join(', ')}.`,
          m.compared(measured.length),
        ];
  const figures: UsedFigure[] = top.flatMap((x) => [
    { fact: x.actual, role: 'actual' as const },
    { fact: x.budget, role: 'budget' as const },
  ]);
  const elapsedAt = isYearToDate(first.actual) && first.actual.asOf ? first.actual.asOf : null;
  const elapsed = elapsedAt
    ? budgetActualValues(first.actual.amount, first.budget.amount, elapsedAt).elapsed
    : null;
  return buildAnswer(index, query, {
    body: {
      kind: 'ranking',
      metric: byRemaining ? 'remaining' : 'usedShare',
      of: 'costCentres',
      order: query.order === 'asc' ? 'asc' : 'desc',
      account,
      unit: byRemaining ? first.actual.unit : '%',
      year,
      fromYear: null,
      toYear: null,
      compared: measured.length,
      items: top.map((x, i) => ({
        name: x.row.subject.name,
        figures: [2 * i, 2 * i + 1],
        value: byRemaining ? decimalString(x.metric, 2) : exactString(x.metric),
        percent: null,
        usedShare: x.usedShare ? exactString(x.usedShare) : null,
        pace: x.pace ? exactString(x.pace) : null,
      })),
      elapsedShare: elapsed ? exactString(elapsed.share) : null,
    },
    title: `${heading} · ${word} ${year}`,
    sentences,
    figures,
  });
}
