import type { Answer, Fact, Query, SeriesPoint } from '../domain';
import { formatDate, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { changeValues, decimalString, exactString } from './derived-values';
import { rowRef } from './figure-answer';
import { messages } from './messages';
import { accountWord, formatFigure, formatInUnit, magnitudeChange } from './phrases';
import { isYearToDate, pickActual, pickBudget, pickPlan, yearsWith } from './pick-fact';
import { absentYear, type FoundRow } from './row-lookup';

/**
 * The change over the series in words. People read magnitudes: spending that went from
 * 1 341 404 € to 1 577 137 € grew by 17,6 %, though both are negative in the source. A series
 * whose sign turns (a net row) is given as the source-signed difference instead.
 */
function changeSentence(from: Fact, to: Fact, lang: Query['lang']): string {
  const m = messages(lang).trend;
  const a = money(from.amount);
  const b = money(to.amount);
  const span = `${from.year}–${to.year}`;
  if (!a.isZero() && a.isNegative() === b.isNegative()) {
    const { grew, more, percent } = magnitudeChange(a, b, lang);
    return m.change(span, formatInUnit(grew.abs(), from.unit, lang), more, percent);
  }
  return m.signedDifference(span, formatInUnit(b.minus(a), from.unit, lang, { signed: true }));
}

/** Answers trend questions: every year of a row in order, actuals and budgets apart. */
export function answerTrend(index: AnswerIndex, query: Query, row: FoundRow): Answer {
  const lang = query.lang;
  const m = messages(lang);
  const wanted = query.years.length > 0 ? new Set(query.years) : null;
  const years = yearsWith(row.facts, 'any').filter((y) => !wanted || wanted.has(y));
  const actuals: Fact[] = [];
  const budgets: Fact[] = [];
  const plans: Fact[] = [];
  for (const y of years) {
    const a =
      query.measure === 'budget' || query.measure === 'plan' ? null : pickActual(index, row.facts, y, null);
    const b = query.measure === 'actual' || query.measure === 'plan' ? null : pickBudget(index, row.facts, y);
    if (a) actuals.push(a);
    if (b) budgets.push(b);
    if (!a && !b && query.measure !== 'actual' && query.measure !== 'budget') {
      const p = pickPlan(index, row.facts, y);
      if (p) plans.push(p);
    }
  }
  if (actuals.length + budgets.length + plans.length === 0)
    return absentYear(index, query, row, m.inYear(null, 'any'), 'any');
  const figures: UsedFigure[] = [];
  const points: SeriesPoint[] = [];
  const add = (f: Fact, series: SeriesPoint['series']) => {
    points.push({
      figure: figures.length,
      year: f.year,
      series,
      basis: f.basis,
      asOf: f.asOf,
      partYear: isYearToDate(f),
    });
    figures.push({ fact: f, role: series });
  };
  for (const y of years) {
    for (const f of actuals.filter((x) => x.year === y)) add(f, 'actual');
    for (const f of budgets.filter((x) => x.year === y)) add(f, 'budget');
    for (const f of plans.filter((x) => x.year === y)) add(f, 'plan');
  }
  const item = (f: Fact): string => {
    const tag = isYearToDate(f) && f.asOf ? `TOT ${formatDate(f.asOf, lang)}` : f.basis;
    return `${f.year} ${formatFigure(f, lang)} (${tag})`;
  };
  const word = accountWord(row.label, lang);
  const sentences = [m.trend.byYear(row.subject.name, word)];
  if (actuals.length) sentences.push(`${m.trend.actuals}: ${actuals.map(item).join(', ')}.`);
  if (budgets.length) sentences.push(`${m.trend.budgets}: ${budgets.map(item).join(', ')}.`);
  if (plans.length) sentences.push(`${m.trend.plans}: ${plans.map(item).join(', ')}.`);
  // The change is measured over full years only: a year-to-date actual would understate the last year.
  const full = actuals.filter((f) => !isYearToDate(f));
  const from = full[0];
  const to = full.at(-1);
  let change = null;
  if (from && to && from !== to) {
    // Kept signed as in the source (last − first over |first|), as the cards expect.
    const values = changeValues(from.amount, to.amount);
    const ref = (f: Fact) => figures.findIndex((u) => u.fact === f);
    change = {
      from: ref(from),
      to: ref(to),
      fromYear: from.year,
      toYear: to.year,
      difference: decimalString(values.difference, 2),
      changePercent: values.changePercent ? exactString(values.changePercent) : null,
    };
    sentences.push(changeSentence(from, to, lang));
  }
  return buildAnswer(index, query, {
    body: { kind: 'series', row: rowRef(row, query, (figures[0] as UsedFigure).fact.unit), points, change },
    title: `${row.subject.name} · ${word} ${years[0]}–${years.at(-1)}`,
    sentences,
    figures,
  });
}
