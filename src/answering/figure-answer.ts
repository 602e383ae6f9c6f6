import type { Answer, Fact, Lang, Query } from '../domain';
import { formatDate, formatEuro, formatPoints, formatShare, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import {
  type BudgetActualValues,
  budgetActualDerived,
  budgetActualValues,
  decimalString,
} from './derived-values';
import { accountWord, formatFigure, isNetRow, periodWords } from './phrases';
import { isYearToDate, pickActual, pickBudget, pickPlan, yearsWith } from './pick-fact';
import { absentYear, type FoundRow } from './row-lookup';

type Flow = 'expense' | 'revenue' | 'net';

/** Whether a row is spending, income or a net row, which decides the words for its variance. */
function flowOf(row: FoundRow, sample: Fact): Flow {
  if (isNetRow(row.label)) return 'net';
  return money(sample.amount).isNegative() || row.label.toUpperCase() === 'MENOT' ? 'expense' : 'revenue';
}

function title(row: FoundRow, lang: Lang, period: string): string {
  return `${row.subject.name} · ${accountWord(row.label, lang)} ${period}`;
}

/** The year a query is about when it names none: the asked date's year, else the newest year with an actual. */
function defaultActualYear(query: Query, row: FoundRow): number | null {
  if (query.asOf) return Number(query.asOf.slice(0, 4));
  return yearsWith(row.facts, 'actual').at(-1) ?? null;
}

/** Answers "figure" questions: one measure of one row for one year, or the default of DOMAIN.md. */
export function answerFigure(index: AnswerIndex, query: Query, row: FoundRow): Answer {
  const lang = query.lang;
  const year = query.years[0] ?? (query.asOf ? Number(query.asOf.slice(0, 4)) : null);
  if (query.measure === 'budget') {
    const y = year ?? yearsWith(row.facts, 'budget').at(-1);
    const budget = y === undefined ? null : pickBudget(index, row.facts, y);
    if (!budget) return absentYear(index, query, row, inYear(year, lang, 'budget'), 'budget');
    return single(
      index,
      query,
      row,
      budget,
      'budget',
      year === null ? defaultNote(lang, 'budget', budget.year) : null,
    );
  }
  if (query.measure === 'plan') {
    const y = year ?? yearsWith(row.facts, 'plan').at(-1);
    const plan = y === undefined ? null : pickPlan(index, row.facts, y);
    if (!plan) return absentYear(index, query, row, inYear(year, lang, 'plan'), 'plan');
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
    return absentYear(
      index,
      query,
      row,
      query.asOf ? inDate(query.asOf, lang) : inYear(y, lang, 'actual'),
      'actual',
    );
  }
  const budget = actual.unit === 'EUR' ? pickBudget(index, row.facts, actual.year) : null;
  const note = year === null && !query.asOf ? defaultNote(lang, 'actual', actual.year) : null;
  if (budget) return budgetVsActual(index, query, row, actual, budget, note);
  return single(index, query, row, actual, 'actual', note);
}

/** Answers budgetVsActual, remaining and forecast: the year's actual beside its final budget. */
export function answerBudgetVsActual(index: AnswerIndex, query: Query, row: FoundRow): Answer {
  const lang = query.lang;
  const y = query.years[0] ?? defaultActualYear(query, row);
  const actual = y === null ? null : pickActual(index, row.facts, y, query.asOf);
  const budget = y === null ? null : pickBudget(index, row.facts, y);
  if (!actual && !budget) return absentYear(index, query, row, inYear(y, lang, 'actual'), 'any');
  if (!actual || !budget) {
    const only = (actual ?? budget) as Fact;
    const missing =
      lang === 'fi'
        ? `Vuodelle ${only.year} ei ole ${actual ? 'talousarviota' : 'toteumaa'}, joten vertailua ei voi tehdä.`
        : `There is no ${actual ? 'budget' : 'actual'} for ${only.year}, so no comparison can be made.`;
    return single(index, query, row, only, actual ? 'actual' : 'budget', missing);
  }
  const note = query.years.length === 0 && !query.asOf ? defaultNote(lang, 'actual', actual.year) : null;
  return budgetVsActual(index, query, row, actual, budget, note);
}

function inYear(year: number | null | undefined, lang: Lang, kind: 'actual' | 'budget' | 'plan'): string {
  if (year === null || year === undefined) return lang === 'fi' ? 'millekään vuodelle' : 'for any year';
  const word = {
    actual: ['toteumana', 'as an actual'],
    budget: ['talousarviossa', 'in the budget'],
    plan: ['taloussuunnitelmassa', 'in the financial plan'],
  }[kind];
  return lang === 'fi' ? `vuodelle ${year} ${word[0]}` : `for ${year} ${word[1]}`;
}

function inDate(asOf: string, lang: Lang): string {
  return lang === 'fi' ? `päivämäärälle ${formatDate(asOf, lang)}` : `as of ${formatDate(asOf, lang)}`;
}

function defaultNote(lang: Lang, kind: 'actual' | 'budget', year: number): string {
  if (kind === 'budget')
    return lang === 'fi'
      ? `Vuotta ei mainittu: käytetty uusinta talousarviovuotta ${year}.`
      : `No year given: used the newest budget year, ${year}.`;
  return lang === 'fi'
    ? `Vuotta ei mainittu: käytetty uusinta toteumaa (${year}).`
    : `No year given: used the newest actual (${year}).`;
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
  const sentence = `${row.subject.name} – ${accountWord(row.label, lang)}, ${periodWords(fact, lang)}: ${formatFigure(fact, lang)}.`;
  return buildAnswer(index, query, {
    title: title(row, lang, String(fact.year)),
    sentences: note ? [sentence, note] : [sentence],
    figures: [{ fact, role }],
    notes: note ? [note] : [],
    options: nextQuestions(row, lang, fact.year),
  });
}

/** The natural next steps: the row's trend, and a comparison with the year before when the row has it. */
function nextQuestions(row: FoundRow, lang: Lang, year: number): Array<{ label: string; ask: string }> {
  const word = accountWord(row.label, lang);
  const previous = row.facts.some((f) => f.year === year - 1);
  const trend =
    lang === 'fi'
      ? { label: 'Kehitys vuosittain', ask: `${row.subject.name} ${word} kehitys` }
      : { label: 'Trend over the years', ask: `${row.subject.name} ${word} trend` };
  if (!previous) return [trend];
  return [
    trend,
    lang === 'fi'
      ? { label: `Vertaa ${year - 1}`, ask: `vertaa ${row.subject.name} ${word} ${year - 1} ja ${year}` }
      : {
          label: `Compare with ${year - 1}`,
          ask: `compare ${row.subject.name} ${word} ${year - 1} and ${year}`,
        },
  ];
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
  const v = budgetActualValues(actual.amount, budget.amount, isYearToDate(actual) ? actual.asOf : null);
  const flow = flowOf(row, budget);
  const derived = budgetActualDerived(v);
  const sentences: string[] = [];
  const detail = `${periodWords(actual, lang)} ${formatFigure(actual, lang)}, ${periodWords(budget, lang)} ${formatFigure(budget, lang)}.`;
  const lead = `${row.subject.name} – ${accountWord(row.label, lang)}: ${detail}`;
  if (actual.unit !== 'EUR') {
    // Posts, percentages, euros per inhabitant: the two figures side by side, no money arithmetic.
    return buildAnswer(index, query, {
      title: title(row, lang, String(actual.year)),
      sentences: [lead],
      figures: [
        { fact: actual, role: 'actual' },
        { fact: budget, role: 'budget' },
      ],
      derived: { difference: decimalString(money(actual.amount).minus(money(budget.amount)), 2) },
      notes: note ? [note] : [],
      options: nextQuestions(row, lang, actual.year),
    });
  }
  if (query.intent === 'remaining')
    sentences.push(remainingSentence(row, v, flow, lang), `${detail[0]?.toUpperCase()}${detail.slice(1)}`);
  else sentences.push(lead, varianceSentence(v, flow, lang));
  // The projection is always among the derived values (the card shows it); the text states it
  // only when a forecast was asked, so a plain question gets a short answer.
  if (v.projection) derived.projectedVariance = decimalString(v.projection.minus(money(budget.amount)), 0);
  if (query.intent === 'forecast') {
    const f = forecastSentence(v, budget, flow, lang);
    if (f) sentences.push(f);
  }
  const notes = note ? [note] : [];
  if (v.projection)
    notes.push(
      lang === 'fi'
        ? 'Ennuste on suoraviivainen arvio (toteuma / kulunut osa vuodesta); kausivaihtelu voi muuttaa sitä.'
        : 'The projection is a naive linear estimate (actual / elapsed share of the year); seasonal costs can change it.',
    );
  return buildAnswer(index, query, {
    title: title(row, lang, String(actual.year)),
    sentences,
    figures: [
      { fact: actual, role: 'actual' },
      { fact: budget, role: 'budget' },
    ],
    derived,
    notes,
    options: nextQuestions(row, lang, actual.year),
  });
}

function euro(d: { abs(): { toString(): string } }, lang: Lang): string {
  return formatEuro(d.abs().toString(), lang);
}

/** Says the variance in words: ylitys/alitus for spending, short of/over the estimate for income. */
function varianceSentence(v: BudgetActualValues, flow: Flow, lang: Lang): string {
  const used = v.usedShare ? formatShare(v.usedShare, lang) : null;
  if (v.elapsed) {
    const elapsed = formatShare(v.elapsed.share, lang);
    const days = `${v.elapsed.day}/${v.elapsed.daysInYear}`;
    if (!used) {
      // No share: the budget is zero, or actual and budget run opposite ways (a net row).
      const diff = formatEuro(v.variance.toString(), lang, { signed: true });
      return lang === 'fi'
        ? `Käyttöastetta ei voi laskea (talousarvio 0 € tai eri etumerkki); erotus toteuma − talousarvio ${diff}, vuodesta kulunut ${elapsed} (${days}).`
        : `No used share can be given (a zero budget or opposite signs); actual − budget ${diff}, with ${elapsed} of the year gone (${days}).`;
    }
    const pace = v.pace ? formatPoints(v.pace, lang) : '';
    if (flow === 'revenue')
      return lang === 'fi'
        ? `Tuloista on kertynyt ${used} arviosta, kun vuodesta on kulunut ${elapsed} (${days}); ero tahtiin ${pace}`
        : `${used} of the estimated revenue has come in with ${elapsed} of the year gone (${days}); ${pace} against pace.`;
    const ahead = v.pace?.isPositive() && !v.pace.isZero();
    // More than the whole budget used: nothing is left, the difference is already an overrun.
    const overrun = v.usedShare?.greaterThan(1) === true;
    const rest =
      lang === 'fi'
        ? overrun
          ? `budjetti on jo ylitetty ${euro(v.remaining, lang)}`
          : `jäljellä ${euro(v.remaining, lang)}`
        : overrun
          ? `the budget is already overspent by ${euro(v.remaining, lang)}`
          : `${euro(v.remaining, lang)} left`;
    return lang === 'fi'
      ? `Budjetista on käytetty ${used}, kun vuodesta on kulunut ${elapsed} (${days}): ${pace} ${ahead ? 'edellä' : 'jäljessä'} tasaisesta tahdista; ${rest}.`
      : `${used} of the budget is used with ${elapsed} of the year gone (${days}): ${pace} ${ahead ? 'ahead of' : 'behind'} an even pace; ${rest}.`;
  }
  const amount = euro(v.variance, lang);
  const share = used
    ? flow === 'revenue'
      ? lang === 'fi'
        ? `; ${used} arviosta`
        : `; ${used} of the estimate`
      : lang === 'fi'
        ? `; käyttöaste ${used}`
        : `; ${used} of budget`
    : '';
  if (v.variance.isZero())
    return lang === 'fi' ? 'Toteuma vastasi talousarviota.' : 'The actual matched the budget.';
  const unfavourable = v.variance.isNegative();
  // A net row budgeted as income (Henkilöstön lomaosake +650 €): no spending to overrun, no
  // share of a budget used; the net income fell short of, or beat, its estimate.
  if (flow === 'net' && v.netIncome)
    return lang === 'fi'
      ? unfavourable
        ? `Nettotulo jäi ${amount} alle arvion (epäsuotuisa).`
        : `Nettotulo ylitti arvion ${amount} (suotuisa).`
      : unfavourable
        ? `Net income fell ${amount} short of the budget (unfavourable).`
        : `Net income beat the budget by ${amount} (favourable).`;
  if (flow === 'revenue')
    return lang === 'fi'
      ? unfavourable
        ? `Tulot jäivät ${amount} alle arvion (epäsuotuisa${share}).`
        : `Tulot ylittivät arvion ${amount} (suotuisa${share}).`
      : unfavourable
        ? `Revenue fell ${amount} short of the estimate (unfavourable${share}).`
        : `Revenue exceeded the estimate by ${amount} (favourable${share}).`;
  return lang === 'fi'
    ? unfavourable
      ? `Ylitys ${amount} (epäsuotuisa${share}).`
      : `Alitus ${amount} (suotuisa${share}).`
    : unfavourable
      ? `Overspent by ${amount} (unfavourable${share}).`
      : `Underspent by ${amount} (favourable${share}).`;
}

function remainingSentence(row: FoundRow, v: BudgetActualValues, flow: Flow, lang: Lang): string {
  const word = accountWord(row.label, lang);
  if (flow === 'revenue') {
    // Revenue is positive: budget − actual < 0 means more has come in than was estimated.
    const beyond = v.remaining.isNegative() && !v.remaining.isZero();
    return lang === 'fi'
      ? beyond
        ? `${row.subject.name} – ${word}: arvio on jo ylitetty ${euro(v.remaining, lang)}.`
        : `${row.subject.name} – ${word}: arviosta puuttuu vielä ${euro(v.remaining, lang)}.`
      : beyond
        ? `${row.subject.name} – ${word}: the estimate is already exceeded by ${euro(v.remaining, lang)}.`
        : `${row.subject.name} – ${word}: ${euro(v.remaining, lang)} still to come in against the estimate.`;
  }
  // More than the whole budget used (expenses and net costs are negative, so budget − actual > 0).
  const over = v.usedShare?.greaterThan(1) === true;
  if (over)
    return lang === 'fi'
      ? `${row.subject.name} – budjetti on ylitetty ${euro(v.remaining, lang)}, jäljellä ei ole mitään.`
      : `${row.subject.name} – the budget is overspent by ${euro(v.remaining, lang)}; nothing is left.`;
  return lang === 'fi'
    ? `${row.subject.name} – ${word}: budjettia on jäljellä ${euro(v.remaining, lang)}${v.usedShare ? ` (käytetty ${formatShare(v.usedShare, lang)})` : ''}.`
    : `${row.subject.name} – ${word}: ${euro(v.remaining, lang)} of the budget is left${v.usedShare ? ` (${formatShare(v.usedShare, lang)} used)` : ''}.`;
}

function forecastSentence(v: BudgetActualValues, budget: Fact, flow: Flow, lang: Lang): string | null {
  if (!v.projection) {
    return lang === 'fi'
      ? 'Vuosi on päättynyt, joten ennustetta ei tarvita: luvut ovat tilinpäätöksestä.'
      : 'The year is closed, so no forecast is needed: the figures are from the financial statements.';
  }
  const diff = v.projection.minus(money(budget.amount));
  const projected = formatEuro(v.projection.abs().toDecimalPlaces(0).toString(), lang);
  // Negative is unfavourable both ways: more spent, or less income, than budgeted.
  const overrun = diff.isNegative();
  const gap = formatEuro(diff.abs().toDecimalPlaces(0).toString(), lang);
  if (flow === 'revenue')
    return lang === 'fi'
      ? `Arvio: samalla tahdilla koko vuoden tulot olisivat noin ${projected} (${overrun ? `${gap} alle` : `${gap} yli`} arvion).`
      : `Estimate: at this pace full-year revenue would be about ${projected} (${gap} ${overrun ? 'below' : 'above'} the estimate).`;
  return lang === 'fi'
    ? `Arvio: samalla tahdilla koko vuoden ${flow === 'net' ? 'nettomenot' : 'menot'} olisivat noin ${projected}, jolloin budjetti ${overrun ? `ylittyisi ${gap}` : `alittuisi ${gap}`}.`
    : `Estimate: at this pace the full year would come to about ${projected}, ${overrun ? `overrunning the budget by ${gap}` : `${gap} under budget`}.`;
}
