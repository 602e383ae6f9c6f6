import type { Answer, AnswerBody, Fact, Flow, Lang, Query, RowRef } from '../domain';
import { formatDate, formatEuro, formatPoints, formatShare, isMarginRow, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import {
  type BudgetActualValues,
  budgetActualValues,
  decimalString,
  exactString,
  seasonalProjection,
} from './derived-values';
import { labelAt } from './label-date';
import { messages } from './messages';
import { accountWord, formatFigure, isNetRow, periodWords } from './phrases';
import { isYearToDate, lastYearProfile, pickActual, pickBudget, pickPlan, yearsWith } from './pick-fact';
import { absentYear, type FoundRow, noFigureAtDate } from './row-lookup';

/** Whether a row is spending, income or a net row, which decides the words for its variance. */
function flowOf(row: FoundRow, sample: Fact): Flow {
  if (isNetRow(row.label)) return 'net';
  return money(sample.amount).isNegative() || row.label.toUpperCase() === 'MENOT' ? 'expense' : 'revenue';
}

/** The row an answer is about, as the body names it. */
export function rowRef(row: FoundRow, query: Query, unit: Fact['unit']): RowRef {
  return {
    subject: row.subject,
    account: query.account ?? row.label,
    label: row.label,
    table: row.table,
    unit,
  };
}

function title(row: FoundRow, lang: Lang, period: string, fact?: Pick<Fact, 'asOf'>): string {
  return `${row.subject.name} · ${accountWord(fact ? labelAt(row.label, fact) : row.label, lang)} ${period}`;
}

/** The year a query is about when it names none: the asked date's year, else the newest year with an actual. */
function defaultActualYear(query: Query, row: FoundRow): number | null {
  if (query.asOf) return Number(query.asOf.slice(0, 4));
  return yearsWith(row.facts, 'actual').at(-1) ?? null;
}

/** Answers "figure" questions: one measure of one row for one year, or the default of DOMAIN.md. */
export function answerFigure(index: AnswerIndex, query: Query, row: FoundRow): Answer {
  const m = messages(query.lang);
  const year = query.years[0] ?? (query.asOf ? Number(query.asOf.slice(0, 4)) : null);
  if (query.measure === 'budget') {
    const y = year ?? yearsWith(row.facts, 'budget').at(-1);
    const budget = y === undefined ? null : pickBudget(index, row.facts, y);
    if (!budget) return absentYear(index, query, row, m.inYear(year, 'budget'), 'budget');
    return single(
      index,
      query,
      row,
      budget,
      'budget',
      year === null ? m.noYearGiven('budget', budget.year) : null,
    );
  }
  if (query.measure === 'plan') {
    const y = year ?? yearsWith(row.facts, 'plan').at(-1);
    const plan = y === undefined ? null : pickPlan(index, row.facts, y);
    if (!plan) return absentYear(index, query, row, m.inYear(year, 'plan'), 'plan');
    return single(index, query, row, plan, 'plan', null);
  }
  const y = year ?? defaultActualYear(query, row);
  const actual = y === null ? null : pickActual(index, row.facts, y, query.asOf);
  if (!actual) {
    // No actual for the year: an open question ("Vaalien menot 2023") falls back to the budget or plan, said so.
    const fallback =
      query.measure === null && y !== null && !query.asOf
        ? (pickBudget(index, row.facts, y) ?? pickPlan(index, row.facts, y))
        : null;
    if (fallback)
      return single(
        index,
        query,
        row,
        fallback,
        fallback.basis.toUpperCase().startsWith('TS') ? 'plan' : 'budget',
        null,
      );
    if (query.asOf) return noFigureAtDate(index, query, row, query.asOf);
    return absentYear(index, query, row, m.inYear(y, 'actual'), 'actual');
  }
  const budget = actual.unit === 'EUR' ? pickBudget(index, row.facts, actual.year) : null;
  const note = year === null && !query.asOf ? m.noYearGiven('actual', actual.year) : null;
  if (budget) return budgetVsActual(index, query, row, actual, budget, note);
  return single(index, query, row, actual, 'actual', note);
}

/** Answers budgetVsActual, remaining and forecast: the year's actual beside its final budget. */
export function answerBudgetVsActual(index: AnswerIndex, query: Query, row: FoundRow): Answer {
  const m = messages(query.lang);
  const y = query.years[0] ?? defaultActualYear(query, row);
  const actual = y === null ? null : pickActual(index, row.facts, y, query.asOf);
  const budget = y === null ? null : pickBudget(index, row.facts, y);
  // A date asked that has no actual: say so and offer the dates there are, never the budget alone.
  if (!actual && query.asOf) return noFigureAtDate(index, query, row, query.asOf);
  if (!actual && !budget) return absentYear(index, query, row, m.inYear(y, 'actual'), 'any');
  if (!actual || !budget) {
    const only = (actual ?? budget) as Fact;
    return single(
      index,
      query,
      row,
      only,
      actual ? 'actual' : 'budget',
      m.noPairToCompare(only.year, actual ? 'budget' : 'actual'),
    );
  }
  const note = query.years.length === 0 && !query.asOf ? m.noYearGiven('actual', actual.year) : null;
  return budgetVsActual(index, query, row, actual, budget, note);
}

/** One figure on its own (a budget, a plan, an actual without a budget, a key figure). */
function single(
  index: AnswerIndex,
  query: Query,
  row: FoundRow,
  fact: Fact,
  role: UsedFigure['role'],
  note: string | null,
): Answer {
  const lang = query.lang;
  // A label with a date of its own ("… 31.12.") is said without it beside a figure of another day.
  const sentence = `${row.subject.name} – ${accountWord(labelAt(row.label, fact), lang)}, ${periodWords(fact, lang)}: ${formatFigure(fact, lang)}.`;
  return buildAnswer(index, query, {
    body: { kind: 'figure', row: rowRef(row, query, fact.unit), figure: 0 },
    title: title(
      row,
      lang,
      fact.asOf && labelAt(row.label, fact) !== row.label ? formatDate(fact.asOf, lang) : String(fact.year),
      fact,
    ),
    sentences: note ? [sentence, note] : [sentence],
    figures: [{ fact, role }],
    notes: note ? [note] : [],
    options: nextQuestions(row, lang, fact.year),
  });
}

/** The natural next steps: the row's trend, and a comparison with the year before when the row has it. */
function nextQuestions(row: FoundRow, lang: Lang, year: number): Array<{ label: string; ask: string }> {
  const m = messages(lang);
  const word = accountWord(row.label, lang);
  const trend = m.trendOption(row.subject.name, word);
  if (!row.facts.some((f) => f.year === year - 1)) return [trend];
  return [trend, m.compareYearOption(row.subject.name, word, year)];
}

/** The actual beside the year's budget, with variance, used share and, in an open year, pace and projection. */
function budgetVsActual(
  index: AnswerIndex,
  query: Query,
  row: FoundRow,
  actual: Fact,
  budget: Fact,
  note: string | null,
): Answer {
  const lang = query.lang;
  const m = messages(lang);
  const detail = `${periodWords(actual, lang)} ${formatFigure(actual, lang)}, ${periodWords(budget, lang)} ${formatFigure(budget, lang)}.`;
  const lead = `${row.subject.name} – ${accountWord(row.label, lang)}: ${detail}`;
  const figures: UsedFigure[] = [
    { fact: actual, role: 'actual' },
    { fact: budget, role: 'budget' },
  ];
  if (actual.unit !== 'EUR') {
    // Posts, percentages, euros per inhabitant: the two figures side by side, no money arithmetic.
    return buildAnswer(index, query, {
      body: {
        kind: 'keyFigures',
        rows: [0, 1],
        difference: decimalString(money(actual.amount).minus(money(budget.amount)), 2),
      },
      title: title(row, lang, String(actual.year)),
      sentences: [lead],
      figures,
      notes: note ? [note] : [],
      options: nextQuestions(row, lang, actual.year),
    });
  }
  const v = budgetActualValues(actual.amount, budget.amount, isYearToDate(actual) ? actual.asOf : null);
  const flow = flowOf(row, budget);
  const focus =
    query.intent === 'remaining' ? 'remaining' : query.intent === 'forecast' ? 'forecast' : 'overview';
  // Beside the linear estimate, the seasonal one when last year's ledger has the same date; only
  // when a forecast is asked, which says it (other answers would cite last year's rows unsaid).
  const profile =
    focus === 'forecast' && v.projection && actual.asOf
      ? lastYearProfile(index, row.facts, actual.asOf)
      : null;
  const seasonal = profile
    ? seasonalProjection(actual.amount, profile.toDate.amount, profile.total.amount)
    : null;
  if (profile && seasonal)
    figures.push({ fact: profile.toDate, role: 'value' }, { fact: profile.total, role: 'value' });
  const body: AnswerBody = {
    kind: 'budgetVsActual',
    row: rowRef(row, query, actual.unit),
    actual: 0,
    budget: 1,
    flow,
    focus,
    variance: decimalString(v.variance, 2),
    remaining: decimalString(v.remaining, 2),
    // A margin has no budget to use: no käyttöaste, no pace (isMarginRow).
    usedShare: v.usedShare && !isMarginRow(row.label) ? exactString(v.usedShare) : null,
    elapsed: v.elapsed
      ? { day: v.elapsed.day, daysInYear: v.elapsed.daysInYear, share: exactString(v.elapsed.share) }
      : null,
    pace: v.pace && !isMarginRow(row.label) ? exactString(v.pace) : null,
    projection: v.projection ? decimalString(v.projection, 0) : null,
    // The projection is always in the body (the card shows it); the text states it only when a
    // forecast was asked, so a plain question gets a short answer.
    projectedVariance: v.projection ? decimalString(v.projection.minus(money(budget.amount)), 0) : null,
    seasonal: seasonal
      ? {
          projection: decimalString(seasonal.projection, 0),
          projectedVariance: decimalString(seasonal.projection.minus(money(budget.amount)), 0),
          share: exactString(seasonal.share),
          lastYearToDate: 2,
          lastYearTotal: 3,
        }
      : null,
  };
  const sentences: string[] = [];
  if (focus === 'remaining')
    sentences.push(remainingSentence(row, v, flow, lang), `${detail[0]?.toUpperCase()}${detail.slice(1)}`);
  else sentences.push(lead, varianceSentence(v, flow, lang, row.label));
  if (focus === 'forecast') {
    const f = forecastSentence(v, actual, budget, flow, lang);
    if (f) sentences.push(f);
    if (seasonal && profile) {
      const diff = seasonal.projection.minus(money(budget.amount));
      sentences.push(
        m.forecast.seasonal(
          profile.toDate.year,
          formatDate(profile.toDate.asOf!, lang),
          formatShare(seasonal.share, lang),
          formatEuro(seasonal.projection.abs().toDecimalPlaces(0).toString(), lang),
          formatEuro(diff.abs().toDecimalPlaces(0).toString(), lang),
          diff.isNegative(),
          flow,
        ),
      );
    }
  }
  const notes = note ? [note] : [];
  if (v.projection) notes.push(m.linearProjectionNote);
  if (seasonal && profile) notes.push(m.seasonalProjectionNote(profile.toDate.year));
  return buildAnswer(index, query, {
    body,
    title: title(row, lang, String(actual.year)),
    sentences,
    figures,
    notes,
    options: nextQuestions(row, lang, actual.year),
  });
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function euro(d: { abs(): { toString(): string } }, lang: Lang): string {
  return formatEuro(d.abs().toString(), lang);
}

/** Says the variance in words: ylitys/alitus for spending, short of/over the estimate for income. */
function varianceSentence(v: BudgetActualValues, flow: Flow, lang: Lang, label: string): string {
  const m = messages(lang).variance;
  // A margin (toimintakate) is better or worse than estimated; it has no share of a budget used.
  const margin = isMarginRow(label) ? capitalised(accountWord(label, lang).toLowerCase()) : null;
  const used = v.usedShare && !margin ? formatShare(v.usedShare, lang) : null;
  if (v.elapsed) {
    const elapsed = formatShare(v.elapsed.share, lang);
    const days = `${v.elapsed.day}/${v.elapsed.daysInYear}`;
    // No share: the budget is zero, or actual and budget run opposite ways (a net row).
    if (margin) return m.marginOpenYear(elapsed, days);
    if (!used) return m.noShareOpenYear(euro(v.variance, lang), v.variance.isNegative(), elapsed, days);
    const pace = v.pace ? formatPoints(v.pace, lang) : '';
    if (flow === 'revenue') return m.revenueOpenYear(used, elapsed, days, pace);
    // "edellä"/"jäljessä" says the direction: the points are said once, unsigned.
    const points = v.pace ? formatPoints(v.pace.abs(), lang).replace(/^\+/, '') : '';
    const ahead = v.pace?.isPositive() === true && !v.pace.isZero();
    // More than the whole budget used: nothing is left, the difference is already an overrun.
    const overrun = v.usedShare?.greaterThan(1) === true;
    return m.spendingOpenYear(used, elapsed, days, points, ahead, overrun, euro(v.remaining, lang));
  }
  const amount = euro(v.variance, lang);
  // Both zero (a cost centre not yet running that year): nothing matched, nothing was there.
  if (v.variance.isZero()) return v.usedShare ? m.matched : m.bothZero;
  const unfavourable = v.variance.isNegative();
  if (margin) return m.marginClosed(margin, amount, unfavourable);
  // A net row budgeted as income (Henkilöstön lomaosake +650 €): no spending to overrun, no
  // share of a budget used; the net income fell short of, or beat, its estimate.
  if (flow === 'net' && v.netIncome) return m.netIncomeClosed(amount, unfavourable);
  if (flow === 'revenue') return m.revenueClosed(amount, unfavourable, used);
  return m.spendingClosed(amount, unfavourable, used);
}

function remainingSentence(row: FoundRow, v: BudgetActualValues, flow: Flow, lang: Lang): string {
  const m = messages(lang).remaining;
  const word = accountWord(row.label, lang);
  const name = row.subject.name;
  if (flow === 'revenue') {
    // Revenue is positive: budget − actual < 0 means more has come in than was estimated.
    const beyond = v.remaining.isNegative() && !v.remaining.isZero();
    return m.revenue(name, word, euro(v.remaining, lang), beyond);
  }
  // More than the whole budget used (expenses and net costs are negative, so budget − actual > 0).
  if (v.usedShare?.greaterThan(1) === true) return m.overspent(name, euro(v.remaining, lang));
  return m.left(name, word, euro(v.remaining, lang), v.usedShare ? formatShare(v.usedShare, lang) : null);
}

function forecastSentence(
  v: BudgetActualValues,
  actual: Fact,
  budget: Fact,
  flow: Flow,
  lang: Lang,
): string | null {
  const m = messages(lang).forecast;
  // A ledger's 31.12. is the whole year, but not yet the audited statements.
  if (!v.projection)
    return m.closedYear(isYearToDate(actual) && actual.asOf ? formatDate(actual.asOf, lang) : null);
  const diff = v.projection.minus(money(budget.amount));
  const projected = formatEuro(v.projection.abs().toDecimalPlaces(0).toString(), lang);
  // Negative is unfavourable both ways: more spent, or less income, than budgeted.
  const overrun = diff.isNegative();
  const gap = formatEuro(diff.abs().toDecimalPlaces(0).toString(), lang);
  if (flow === 'revenue') return m.revenue(projected, gap, overrun);
  return m.spending(projected, gap, overrun, flow === 'net');
}
