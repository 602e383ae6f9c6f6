import type { Answer, Fact, Query } from '../domain';
import { formatDate, formatEuro, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { changeValues, decimalString } from './derived-values';
import { accountWord, formatFigure, magnitudeChange } from './phrases';
import { isYearToDate, pickActual, pickBudget, pickPlan, yearsWith } from './pick-fact';
import { absentYear, type FoundRow } from './row-lookup';

/**
 * The change over the series in words. People read magnitudes: spending that went from
 * 1 341 404 € to 1 577 137 € grew by 17,6 %, though both are negative in the source. A series
 * whose sign turns (a net row) is given as the source-signed difference instead.
 */
function changeSentence(from: Fact, to: Fact, lang: Query['lang']): string {
  const a = money(from.amount);
  const b = money(to.amount);
  const span = `${from.year}–${to.year}`;
  if (!a.isZero() && a.isNegative() === b.isNegative()) {
    const { grew, more, percent } = magnitudeChange(a, b, lang);
    const size = formatEuro(grew.abs(), lang);
    return lang === 'fi'
      ? `Muutos ${span} (tilinpäätökset): ${size} ${more} (${percent}).`
      : `Change ${span} (financial statements): ${size} ${more} (${percent}).`;
  }
  const diff = formatEuro(b.minus(a), lang, { signed: true });
  return lang === 'fi'
    ? `Erotus ${span} (tilinpäätökset, etumerkit kuten lähteessä): ${diff}.`
    : `Difference ${span} (financial statements, signed as in the source): ${diff}.`;
}

/** Answers trend questions: every year of a row in order, actuals and budgets apart. */
export function answerTrend(index: AnswerIndex, query: Query, row: FoundRow): Answer {
  const lang = query.lang;
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
    return absentYear(index, query, row, lang === 'fi' ? 'millekään vuodelle' : 'for any year', 'any');
  const figures: UsedFigure[] = [];
  for (const y of years) {
    for (const f of actuals.filter((x) => x.year === y)) figures.push({ fact: f, role: 'actual' });
    for (const f of budgets.filter((x) => x.year === y)) figures.push({ fact: f, role: 'budget' });
    for (const f of plans.filter((x) => x.year === y)) figures.push({ fact: f, role: 'plan' });
  }
  const item = (f: Fact): string => {
    const tag = isYearToDate(f) && f.asOf ? `TOT ${formatDate(f.asOf, lang)}` : f.basis;
    return `${f.year} ${formatFigure(f, lang)} (${tag})`;
  };
  const word = accountWord(row.label, lang);
  const sentences = [
    lang === 'fi' ? `${row.subject.name} – ${word} vuosittain.` : `${row.subject.name} – ${word} by year.`,
  ];
  if (actuals.length)
    sentences.push(`${lang === 'fi' ? 'Toteumat' : 'Actuals'}: ${actuals.map(item).join(', ')}.`);
  if (budgets.length)
    sentences.push(`${lang === 'fi' ? 'Talousarviot' : 'Budgets'}: ${budgets.map(item).join(', ')}.`);
  if (plans.length)
    sentences.push(
      `${lang === 'fi' ? 'Taloussuunnitelma' : 'Financial plan'}: ${plans.map(item).join(', ')}.`,
    );
  const derived: Record<string, string> = {};
  // The change is measured over full years only: a year-to-date actual would understate the last year.
  const full = actuals.filter((f) => !isYearToDate(f));
  const from = full[0];
  const to = full.at(-1);
  if (from && to && from !== to) {
    // Derived values keep the source's signs (last − first over |first|), as the cards expect.
    const change = changeValues(from.amount, to.amount);
    derived.difference = decimalString(change.difference, 2);
    if (change.changePercent) derived.changePercent = decimalString(change.changePercent, 2);
    derived.fromYear = String(from.year);
    derived.toYear = String(to.year);
    sentences.push(changeSentence(from, to, lang));
  }
  return buildAnswer(index, query, {
    title: `${row.subject.name} · ${word} ${years[0]}–${years.at(-1)}`,
    sentences,
    figures,
    derived,
  });
}
