import type Decimal from 'decimal.js';
import type { Answer, Fact, Query } from '../domain';
import { formatEuro, formatShare, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { budgetActualValues, decimalString } from './derived-values';
import { accountWord, periodWords } from './phrases';
import { isYearToDate, pickActual, pickBudget } from './pick-fact';
import { costCentreRows, noData, rankingYear } from './ranking-answer';
import { type FoundRow, queryAccount } from './row-lookup';

const DEFAULT_TOP = 5;

interface Measured {
  row: FoundRow;
  actual: Fact;
  budget: Fact;
  /** Budget left in magnitudes (negative when overspent), or the share of the budget used. */
  metric: Decimal;
  usedShare: Decimal | null;
}

/**
 * Answers "missä on eniten budjettia jäljellä?" and "kuka on käyttänyt suurimman osan
 * budjetistaan?": cost centres ranked by the money left (budget − actual, in magnitudes) or by
 * the share of the budget used, each with its actual beside its budget, exact.
 */
export function answerBudgetMetricRanking(index: AnswerIndex, query: Query): Answer {
  const lang = query.lang;
  const fi = lang === 'fi';
  const account = queryAccount(query);
  const byRemaining = query.rankBy === 'remaining';
  const rows = costCentreRows(index, query, account);
  const year =
    query.years[0] ??
    (query.asOf ? Number(query.asOf.slice(0, 4)) : null) ??
    rankingYear({ ...query, measure: 'actual' }, rows);
  if (year === null || rows.length === 0) return noData(index, query, lang);

  const measured: Measured[] = [];
  for (const row of rows) {
    const actual = pickActual(index, row.facts, year, query.asOf);
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
      measured.push({ row, actual, budget, metric: b.abs().minus(a.abs()), usedShare: values.usedShare });
    } else if (values.usedShare) {
      measured.push({ row, actual, budget, metric: values.usedShare, usedShare: values.usedShare });
    }
  }
  if (measured.length === 0) return noData(index, query, lang);
  const dir = query.order === 'asc' ? 1 : -1;
  measured.sort(
    (x, y) => dir * x.metric.comparedTo(y.metric) || (x.row.subject.name < y.row.subject.name ? -1 : 1),
  );
  const top = measured.slice(0, query.topN ?? DEFAULT_TOP);
  const first = top[0] as Measured;
  const period = periodWords(first.actual, lang);
  const word = accountWord(account, lang);
  const most = query.order !== 'asc';
  const heading = byRemaining
    ? fi
      ? most
        ? 'Eniten budjettia jäljellä'
        : 'Vähiten budjettia jäljellä'
      : most
        ? 'Most budget left'
        : 'Least budget left'
    : fi
      ? most
        ? 'Suurin käyttöaste'
        : 'Pienin käyttöaste'
      : most
        ? 'Largest share of budget used'
        : 'Smallest share of budget used';
  const item = (m: Measured, i: number): string => {
    const used = m.usedShare ? formatShare(m.usedShare, lang) : null;
    if (!byRemaining) return `${i + 1}. ${m.row.subject.name} ${formatShare(m.metric, lang)}`;
    const left = m.metric.isNegative()
      ? fi
        ? `ylitetty ${formatEuro(m.metric.abs(), lang)}`
        : `overspent by ${formatEuro(m.metric.abs(), lang)}`
      : formatEuro(m.metric, lang);
    return `${i + 1}. ${m.row.subject.name} ${left}${used ? (fi ? ` (käytetty ${used})` : ` (${used} used)`) : ''}`;
  };
  const sentences = [
    `${heading} (${word}, ${period}): ${top.map(item).join(', ')}.`,
    fi
      ? `Mukana ${measured.length} kustannuspaikkaa, joilla on sekä toteuma että talousarvio; yhteissummat eivät ole mukana.`
      : `${measured.length} cost centres with both an actual and a budget; totals are left out.`,
  ];
  const figures: UsedFigure[] = top.flatMap((m) => [
    { fact: m.actual, role: 'actual' as const },
    { fact: m.budget, role: 'budget' as const },
  ]);
  const derived: Record<string, string> = { count: String(top.length), compared: String(measured.length) };
  top.forEach((m, i) => {
    derived[`${byRemaining ? 'remaining' : 'usedShare'}${i + 1}`] = decimalString(
      m.metric,
      byRemaining ? 2 : 4,
    );
  });
  const elapsed = isYearToDate(first.actual) && first.actual.asOf ? first.actual.asOf : null;
  if (elapsed) {
    const v = budgetActualValues(first.actual.amount, first.budget.amount, elapsed);
    if (v.elapsed) derived.elapsedShare = decimalString(v.elapsed.share, 4);
  }
  return buildAnswer(index, query, {
    title: `${heading} · ${word} ${year}`,
    sentences,
    figures,
    derived,
  });
}
