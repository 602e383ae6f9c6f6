import type { Answer, Fact, Lang, Query } from '../domain';
import { changeRowLabel, formatEuro, formatNumber, formatShare, money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import { type AnswerIndex, findRow } from './answer-index';
import { changeValues, decimalString } from './derived-values';
import { accountWord, formatFigure, magnitudeChange, periodWords } from './phrases';
import { isYearToDate, pickActual, pickBudget, pickPlan, yearsWith } from './pick-fact';
import { absentYear, type FoundRow } from './row-lookup';

/** The figure of a row for a year under the query's measure: budget, plan, or the actual (TP/TOT). */
export function valueFor(index: AnswerIndex, query: Query, row: FoundRow, year: number): Fact | null {
  if (query.measure === 'budget') return pickBudget(index, row.facts, year);
  if (query.measure === 'plan') return pickPlan(index, row.facts, year);
  const actual = pickActual(index, row.facts, year, query.asOf?.startsWith(String(year)) ? query.asOf : null);
  if (actual || query.measure === 'actual') return actual;
  return pickBudget(index, row.facts, year) ?? pickPlan(index, row.facts, year);
}

/** Answers comparisons: one row across years, or several subjects in one year. */
export function answerCompare(index: AnswerIndex, query: Query, rows: FoundRow[]): Answer {
  const lang = query.lang;
  const first = rows[0] as FoundRow;
  const pairs: Array<{ row: FoundRow; fact: Fact }> = [];
  if (rows.length > 1) {
    const year =
      query.years[0] ??
      (query.asOf ? Number(query.asOf.slice(0, 4)) : null) ??
      yearsWith(first.facts, query.measure === 'budget' ? 'budget' : 'actual').at(-1) ??
      null;
    if (year === null)
      return absentYear(index, query, first, lang === 'fi' ? 'millekään vuodelle' : 'for any year', 'any');
    for (const row of rows) {
      const fact = valueFor(index, query, row, year);
      if (!fact)
        return absentYear(index, query, row, lang === 'fi' ? `vuodelle ${year}` : `for ${year}`, 'any');
      pairs.push({ row, fact });
    }
  } else {
    const years = [...new Set(query.years)].sort((a, b) => a - b);
    if (years.length < 2) {
      // "vertaa edelliseen vuoteen": the named (or newest) year against the one before it.
      const newest =
        years[0] ?? yearsWith(first.facts, query.measure === 'budget' ? 'budget' : 'actual').at(-1);
      if (newest === undefined)
        return absentYear(index, query, first, lang === 'fi' ? 'millekään vuodelle' : 'for any year', 'any');
      years.splice(0, years.length, newest - 1, newest);
    }
    // With no measure named, a year that has no actual (a plan year) makes the whole comparison
    // one of budgets and plans: an actual beside a plan would compare different things.
    const allActual = years.every((y) => pickActual(index, first.facts, y, null) !== null);
    const measured: Query = query.measure === null && !allActual ? { ...query, measure: 'budget' } : query;
    for (const year of years) {
      const fact =
        valueFor(index, measured, first, year) ??
        (measured !== query ? pickPlan(index, first.facts, year) : null);
      if (!fact)
        return absentYear(index, query, first, lang === 'fi' ? `vuodelle ${year}` : `for ${year}`, 'any');
      pairs.push({ row: first, fact });
    }
  }
  const a = pairs[0] as { row: FoundRow; fact: Fact };
  const b = pairs.at(-1) as { row: FoundRow; fact: Fact };
  const change = changeValues(a.fact.amount, b.fact.amount);
  const derived: Record<string, string> = { difference: decimalString(change.difference, 2) };
  if (change.changePercent) derived.changePercent = decimalString(change.changePercent, 2);
  const listed = pairs.map(({ row, fact }) =>
    rows.length > 1
      ? `${row.subject.name} ${formatFigure(fact, lang)}`
      : `${periodWords(fact, lang)} ${formatFigure(fact, lang)}`,
  );
  const word = accountWord(first.label, lang);
  const lead =
    rows.length > 1
      ? `${word[0]?.toUpperCase()}${word.slice(1)}, ${periodWords(a.fact, lang)}: ${listed.join('; ')}.`
      : `${first.subject.name} – ${word}: ${listed.join('; ')}.`;
  const sentences = [lead];
  const amountA = money(a.fact.amount);
  const amountB = money(b.fact.amount);
  if (amountA.isNegative() === amountB.isNegative() && !amountA.isZero()) {
    // Same sign (expenses, or revenues): people read magnitudes, so say "more" or "less" of it.
    const m = magnitudeChange(amountA, amountB, lang);
    const pct = m.percent;
    const size = formatEuroOrNumber(m.grew.abs().toString(), a.fact, lang).replace(/^[+−-]/, '');
    const more = m.more;
    sentences.push(
      rows.length > 1
        ? lang === 'fi'
          ? `${b.row.subject.name}: ${size} ${more} kuin ${a.row.subject.name} (${pct}).`
          : `${b.row.subject.name}: ${size} ${more} than ${a.row.subject.name} (${pct}).`
        : lang === 'fi'
          ? `Muutos ${a.fact.year}–${b.fact.year}: ${size} ${more} (${pct}).`
          : `Change ${a.fact.year}–${b.fact.year}: ${size} ${more} (${pct}).`,
    );
  } else {
    const diffText = formatEuroOrNumber(change.difference.toString(), a.fact, lang);
    const between =
      rows.length > 1 ? `${b.row.subject.name} − ${a.row.subject.name}` : `${b.fact.year} − ${a.fact.year}`;
    sentences.push(
      lang === 'fi'
        ? `Erotus (${between}) ${diffText} (etumerkit kuten lähteessä: menot negatiivisia).`
        : `Difference (${between}) ${diffText} (signed as in the source: expenses negative).`,
    );
  }
  if (rows.length > 1 && query.combine) sentences.push(combined(pairs, query.combine, lang, derived));
  const notes: string[] = [];
  const printed = rows.length === 1 ? printedChange(index, first, b.fact) : null;
  if (printed)
    notes.push(
      lang === 'fi'
        ? `Asiakirjan oma muutosrivi vuodelle ${printed.year}: ${formatFigure(printed, lang)} (${printed.document}, rivi ${printed.line}).`
        : `The document's own change row for ${printed.year}: ${formatFigure(printed, lang)} (${printed.document}, line ${printed.line}).`,
    );
  if (pairs.some((p) => isYearToDate(p.fact)) && pairs.some((p) => !isYearToDate(p.fact)))
    notes.push(
      lang === 'fi'
        ? 'Huom: osa luvuista on kesken vuoden toteumaa (TOT), joten ne eivät ole koko vuoden lukuja.'
        : 'Note: some figures are year-to-date actuals (TOT), not full-year figures.',
    );
  sentences.push(...notes);
  const figures: UsedFigure[] = pairs.map((p) => ({ fact: p.fact, role: 'value' }));
  return buildAnswer(index, query, {
    title:
      rows.length > 1
        ? `${rows.map((r) => r.subject.name).join(' / ')} · ${word} ${a.fact.year}`
        : `${first.subject.name} · ${word} ${a.fact.year}–${b.fact.year}`,
    sentences,
    figures,
    derived,
    notes,
  });
}

/**
 * The subjects together ("yhteensä"), or the first one's share of the last ("osuus"): exact,
 * in magnitudes, with the figures they rest on already listed.
 */
function combined(
  pairs: Array<{ row: FoundRow; fact: Fact }>,
  combine: 'total' | 'share',
  lang: Lang,
  derived: Record<string, string>,
): string {
  const amounts = pairs.map((p) => money(p.fact.amount));
  const first = pairs[0] as { row: FoundRow; fact: Fact };
  if (combine === 'total') {
    const total = amounts.reduce((a, b) => a.plus(b), money(0));
    derived.total = decimalString(total, 2);
    const size = formatEuroOrNumber(total.abs().toString(), first.fact, lang).replace(/^[+−-]/, '');
    return lang === 'fi' ? `Yhteensä ${size}.` : `Together ${size}.`;
  }
  const whole = pairs.at(-1) as { row: FoundRow; fact: Fact };
  const wholeAmount = money(whole.fact.amount).abs();
  if (wholeAmount.isZero()) return '';
  const share = money(first.fact.amount).abs().div(wholeAmount);
  derived.share = decimalString(share, 4);
  return lang === 'fi'
    ? `${first.row.subject.name}: ${formatShare(share, lang)} kohteen ${whole.row.subject.name} luvusta.`
    : `${first.row.subject.name}: ${formatShare(share, lang)} of ${whole.row.subject.name}.`;
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
  if (like.unit === 'EUR') return formatEuro(value, lang, { signed: true });
  return `${value.startsWith('-') ? '' : '+'}${formatNumber(value, lang, like.unit === 'count' ? 0 : 1)}`;
}
