import type { Answer, AnswerBody, BodyOf, Fact, Lang, Query } from '../domain';
import { changeRowLabel, formatChangePercent, formatEuro, formatShare, isMarginRow, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import { type AnswerIndex, findRow } from './answer-index';
import { changeValues, decimalString, elapsedShare, exactString } from './derived-values';
import { rowRef } from './figure-answer';
import { messages } from './messages';
import {
  accountWord,
  formatFigure,
  formatInUnit,
  magnitudeChange,
  marginChange,
  periodWords,
} from './phrases';
import { atCommonDate, isYearToDate, pickActual, pickBudget, pickPlan, yearsWith } from './pick-fact';
import { absentYear, type FoundRow, noFigureAtDate } from './row-lookup';

/** The figure of a row for a year under the query's measure: budget, plan, or the actual (TP/TOT). */
export function valueFor(index: AnswerIndex, query: Query, row: FoundRow, year: number): Fact | null {
  if (query.measure === 'budget') return pickBudget(index, row.facts, year);
  if (query.measure === 'plan') return pickPlan(index, row.facts, year);
  const dated = query.asOf?.startsWith(String(year)) === true;
  const actual = pickActual(index, row.facts, year, dated ? query.asOf : null);
  // A date asked is an actual's date: with none there, no budget stands in for it.
  if (actual || query.measure === 'actual' || dated) return actual;
  return pickBudget(index, row.facts, year) ?? pickPlan(index, row.facts, year);
}

type Pair = { row: FoundRow; fact: Fact };

/** A year that has only a year-to-date actual, beside the full year compared with it. */
interface PartYear {
  actual: Fact;
  previous: Fact | null;
}

/** What a comparison compares: the pairs, and the part-year actual the pairs stand in for. */
interface Compared {
  pairs: Pair[];
  partYear: PartYear | null;
}

/** The figures to compare: several subjects in one year, or one row over two or more years. */
function comparedPairs(index: AnswerIndex, query: Query, rows: FoundRow[]): Compared | Answer {
  const m = messages(query.lang);
  const first = rows[0] as FoundRow;
  if (rows.length > 1) {
    const year =
      query.years[0] ??
      (query.asOf ? Number(query.asOf.slice(0, 4)) : null) ??
      yearsWith(first.facts, query.measure === 'budget' ? 'budget' : 'actual').at(-1) ??
      null;
    if (year === null) return absentYear(index, query, first, m.inYear(null, 'any'), 'any');
    const pairs: Pair[] = [];
    // Subjects side by side at one date: the newest year-to-date date nearly all of them have.
    const atDate = atCommonDate(index, query, rows, year);
    for (const row of rows) {
      const fact = valueFor(index, atDate, row, year);
      if (!fact)
        return atDate.asOf?.startsWith(String(year))
          ? noFigureAtDate(index, query, row, atDate.asOf)
          : absentYear(index, query, row, m.forYear(year), 'any');
      pairs.push({ row, fact });
    }
    return { pairs, partYear: null };
  }
  const years = [...new Set(query.years)].sort((a, b) => a - b);
  if (years.length < 2) {
    // "vertaa edelliseen vuoteen": the named (or newest) year against the one before it.
    const newest =
      years[0] ?? yearsWith(first.facts, query.measure === 'budget' ? 'budget' : 'actual').at(-1);
    if (newest === undefined) return absentYear(index, query, first, m.inYear(null, 'any'), 'any');
    years.splice(0, years.length, newest - 1, newest);
  }
  // With no measure named, a year that has no actual (a plan year) makes the whole comparison
  // one of budgets and plans: an actual beside a plan would compare different things.
  const allActual = years.every((y) => pickActual(index, first.facts, y, null) !== null);
  const measured: Query = query.measure === null && !allActual ? { ...query, measure: 'budget' } : query;
  const facts: Fact[] = [];
  for (const year of years) {
    const fact =
      valueFor(index, measured, first, year) ??
      (measured !== query ? pickPlan(index, first.facts, year) : null);
    if (!fact)
      return query.asOf?.startsWith(String(year))
        ? noFigureAtDate(index, query, first, query.asOf)
        : absentYear(index, query, first, m.forYear(year), 'any');
    facts.push(fact);
  }
  // A ledger's 31.12. is a whole year like a TP: only an earlier date makes a figure part of a year.
  const partOfYear = (f: Fact) => isYearToDate(f) && !(f.asOf ?? '').endsWith('-12-31');
  const ytd = facts.filter(partOfYear).at(-1);
  if (!ytd || facts.every(partOfYear))
    return { pairs: facts.map((fact) => ({ row: first, fact })), partYear: null };
  return likeWithLike(index, query, first, years, facts, ytd);
}

/**
 * A year-to-date actual is never compared with a whole year. The same date a year earlier is
 * compared when the data has it; otherwise the years' budgets, with the part-year actual, the
 * full year before it and the linear projection said beside them (an estimate).
 */
function likeWithLike(
  index: AnswerIndex,
  query: Query,
  row: FoundRow,
  years: number[],
  facts: Fact[],
  ytd: Fact,
): Compared | Answer {
  const monthDay = ytd.asOf?.slice(4) ?? null;
  const sameDate = monthDay
    ? years.map((y) => (y === ytd.year ? ytd : pickActual(index, row.facts, y, `${y}${monthDay}`)))
    : [];
  if (sameDate.length > 0 && sameDate.every((f): f is Fact => f !== null && isYearToDate(f)))
    return { pairs: sameDate.map((fact) => ({ row, fact })), partYear: null };
  const previous = facts.filter((f) => f.year < ytd.year && !isYearToDate(f)).at(-1) ?? null;
  const budgets = years.map((y) => pickBudget(index, row.facts, y));
  if (budgets.every((f): f is Fact => f !== null))
    return { pairs: budgets.map((fact) => ({ row, fact })), partYear: { actual: ytd, previous } };
  return partYearOnly(index, query, row, ytd, previous);
}

/** No like-with-like figures at all: say why no change is given, with the figures side by side. */
function partYearOnly(
  index: AnswerIndex,
  query: Query,
  row: FoundRow,
  ytd: Fact,
  previous: Fact | null,
): Answer {
  const lang = query.lang;
  const m = messages(lang).compare;
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'partYear', term: null },
    title: `${row.subject.name} · ${accountWord(row.label, lang)}`,
    sentences: [
      m.noLikeWithLike(ytd.year, periodWords(ytd, lang), formatFigure(ytd, lang), previous?.year ?? null),
    ],
  });
}

/** Answers comparisons: one row across years, or several subjects in one year. */
export function answerCompare(index: AnswerIndex, query: Query, rows: FoundRow[]): Answer {
  const lang = query.lang;
  const m = messages(lang).compare;
  const first = rows[0] as FoundRow;
  const found = comparedPairs(index, query, rows);
  if (!('pairs' in found)) return found;
  const { pairs, partYear } = found;
  const bySubject = rows.length > 1;
  const a = pairs[0] as Pair;
  const b = pairs.at(-1) as Pair;
  const change = changeValues(a.fact.amount, b.fact.amount);
  const difference = decimalString(change.difference, 2);
  const changePercent = change.changePercent ? exactString(change.changePercent) : null;
  const listed = pairs.map(({ row, fact }) =>
    bySubject
      ? `${row.subject.name} ${formatFigure(fact, lang)}`
      : `${periodWords(fact, lang)} ${formatFigure(fact, lang)}`,
  );
  const word = accountWord(first.label, lang);
  const lead = bySubject
    ? `${word[0]?.toUpperCase()}${word.slice(1)}, ${periodWords(a.fact, lang)}: ${listed.join('; ')}.`
    : `${first.subject.name} – ${word}: ${listed.join('; ')}.`;
  const sentences = [lead];
  const amountA = money(a.fact.amount);
  const amountB = money(b.fact.amount);
  if (amountA.isNegative() === amountB.isNegative() && !amountA.isZero()) {
    // Same sign (expenses, or revenues): people read magnitudes, so say "more" or "less" of it.
    // A margin (toimintakate) got better or worse: its signed change, never "more" of it.
    const moved = isMarginRow(first.label)
      ? marginChange(amountA, amountB, lang)
      : magnitudeChange(amountA, amountB, lang);
    const size = formatEuroOrNumber(moved.grew.abs().toString(), a.fact, lang).replace(/^[+−-]/, '');
    sentences.push(
      bySubject
        ? m.subjectsMore(b.row.subject.name, a.row.subject.name, size, moved.more, moved.percent)
        : m.yearsMore(a.fact.year, b.fact.year, size, moved.more, moved.percent),
    );
  } else {
    const between = bySubject
      ? `${b.row.subject.name} − ${a.row.subject.name}`
      : `${b.fact.year} − ${a.fact.year}`;
    sentences.push(
      m.signedDifference(between, formatEuroOrNumber(change.difference.toString(), a.fact, lang)),
    );
  }
  const combined = bySubject && query.combine ? combine(pairs, query.combine) : null;
  if (combined) sentences.push(combinedSentence(pairs, combined, lang));
  const notes: string[] = [];
  const printed = bySubject ? null : printedChange(index, first, b.fact);
  if (printed) notes.push(m.printedChangeRow(printed, formatFigure(printed, lang)));
  const figures: UsedFigure[] = pairs.map((p) => ({ fact: p.fact, role: 'value' }));
  const refs = pairs.map((_, i) => i);
  const printedRef = printed ? figures.push({ fact: printed, role: 'change' }) - 1 : null;
  const estimate = partYear ? partYearEstimate(partYear, figures, lang) : null;
  if (estimate) sentences.push(...estimate.sentences);
  sentences.push(...notes);
  const body: AnswerBody = bySubject
    ? {
        kind: 'subjectComparison',
        account: query.account ?? first.label,
        label: first.label,
        year: a.fact.year,
        unit: a.fact.unit,
        items: refs,
        difference,
        changePercent,
        combined:
          combined === null
            ? null
            : combined.kind === 'total'
              ? { kind: 'total', total: decimalString(combined.value, 2) }
              : { kind: 'share', share: exactString(combined.value) },
      }
    : {
        kind: 'yearChange',
        row: rowRef(first, query, a.fact.unit),
        points: refs,
        difference,
        changePercent,
        printedChange: printedRef,
        partYear: estimate?.body ?? null,
      };
  return buildAnswer(index, query, {
    body,
    title: bySubject
      ? `${rows.map((r) => r.subject.name).join(' / ')} · ${word} ${a.fact.year}`
      : `${first.subject.name} · ${word} ${a.fact.year}–${b.fact.year}`,
    sentences,
    figures,
    notes,
  });
}

/**
 * What a part-year actual says beside the year before it: why the comparison is between
 * budgets, and the linear projection against the full year (an estimate). Adds the two actuals
 * to the figures so the body can refer to them.
 */
function partYearEstimate(
  partYear: PartYear,
  figures: UsedFigure[],
  lang: Lang,
): { sentences: string[]; body: NonNullable<BodyOf<'yearChange'>['partYear']> } | null {
  const m = messages(lang).compare;
  const { actual, previous } = partYear;
  const elapsed = actual.asOf ? elapsedShare(actual.asOf) : null;
  if (!elapsed) return null;
  const projection = money(actual.amount).div(elapsed.share);
  const actualRef = figures.push({ fact: actual, role: 'actual' }) - 1;
  const previousRef = previous ? figures.push({ fact: previous, role: 'actual' }) - 1 : null;
  const base = previous ? money(previous.amount) : null;
  const percent =
    base && !base.isZero() && base.isNegative() === projection.isNegative()
      ? projection.abs().minus(base.abs()).div(base.abs()).times(100)
      : null;
  const projected = formatEuro(projection.abs().toDecimalPlaces(0), lang);
  return {
    sentences: [
      m.partYearNotCompared(
        actual.year,
        periodWords(actual, lang),
        formatFigure(actual, lang),
        previous
          ? { year: previous.year, words: periodWords(previous, lang), value: formatFigure(previous, lang) }
          : null,
      ),
      m.partYearProjection(
        actual.year,
        projected,
        percent ? formatChangePercent(percent, lang) : null,
        previous?.year ?? null,
      ),
    ],
    body: {
      actual: actualRef,
      previous: previousRef,
      projection: decimalString(projection, 0),
      projectedChangePercent: percent ? exactString(percent) : null,
    },
  };
}

/** The subjects together ("yhteensä"), or the first one's share of the last ("osuus"); null when the whole is zero. */
function combine(
  pairs: Pair[],
  kind: 'total' | 'share',
): { kind: 'total' | 'share'; value: ReturnType<typeof money> } | null {
  const amounts = pairs.map((p) => money(p.fact.amount));
  if (kind === 'total') return { kind, value: amounts.reduce((x, y) => x.plus(y), money(0)) };
  const whole = (amounts.at(-1) as ReturnType<typeof money>).abs();
  if (whole.isZero()) return null;
  return { kind, value: (amounts[0] as ReturnType<typeof money>).abs().div(whole) };
}

/** The total or share in words, in magnitudes, with the figures it rests on already listed. */
function combinedSentence(
  pairs: Pair[],
  combined: { kind: 'total' | 'share'; value: ReturnType<typeof money> },
  lang: Lang,
): string {
  const m = messages(lang).compare;
  const first = pairs[0] as Pair;
  if (combined.kind === 'total')
    return m.together(
      formatEuroOrNumber(combined.value.abs().toString(), first.fact, lang).replace(/^[+−-]/, ''),
    );
  const whole = pairs.at(-1) as Pair;
  return m.shareOf(first.row.subject.name, whole.row.subject.name, formatShare(combined.value, lang));
}

/**
 * The change a document prints for a row ("Henkilöstömenot" → "Henkilöstömenot, muutos %") in
 * the later year, from the same document: it may be reckoned from other figures than the two
 * compared, so the answer shows it beside its own.
 */
function printedChange(index: AnswerIndex, row: FoundRow, later: Fact): Fact | null {
  const found = findRow(index, row.subject.name, changeRowLabel(row.label), null);
  return (
    found?.facts.find(
      (f) => f.year === later.year && f.basis === later.basis && f.document === later.document,
    ) ?? null
  );
}

function formatEuroOrNumber(value: string, like: Fact, lang: Lang): string {
  return formatInUnit(value, like.unit, lang, { signed: true });
}
