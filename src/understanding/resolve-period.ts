import { formatDate } from '../domain/format';
import type { Lang } from '../domain/query';
import type { Lexicon } from './lexicon';
import type { Token } from './normalize-text';
import { compilePhrases, findAllPhrases, type Phrase, type PhraseHit, wordMatches } from './phrase-matcher';

/** What the data says about time: the newest (open) year and the newest as-of date of each year. */
export interface PeriodContext {
  newestYear: number | null;
  latestAsOf: ReadonlyMap<number, string>;
}

/** The compiled period words of the lexicon. */
export interface PeriodLexicon {
  relative: Phrase<{ offset: number; asOfLatest: boolean; fromContext?: boolean; comparedTo?: boolean }>[];
  comparedToWords: Phrase<true>[];
  forYear: Phrase<true>[];
  finerThanData: Phrase<true>[];
  /** Quarters and halves: the first and last month. */
  spans: Phrase<{ from: number; to: number }>[];
  since: Phrase<true>[];
  sinceThen: Phrase<true>[];
  months: Phrase<number>[];
  /** Months by the stem written before a hyphen ("heina" of "heinä–syyskuussa"), folded. */
  stems: ReadonlyMap<string, number>;
  monthRange: Phrase<true>[];
  monthList: Phrase<true>[];
  dayBefore: Phrase<true>[];
  sameDate: Phrase<true>[];
  monthShifts: Phrase<number>[];
  yearEnd: Phrase<true>[];
  allYears: Phrase<true>[];
  monthEnd: Phrase<true>[];
  byMonth: Phrase<true>[];
}

/** Compiles the period words of the lexicon once. */
export function compilePeriodLexicon(lexicon: Lexicon): PeriodLexicon {
  const p = lexicon.periods;
  const stems = new Map<string, number>();
  for (const m of p.months)
    if (m.stem)
      for (const w of compilePhrases({ fi: [m.stem], en: [] }, m.month)) stems.set(w.words[0]!.text, m.month);
  return {
    relative: p.relative.flatMap((r) =>
      compilePhrases(r, {
        offset: r.offset,
        asOfLatest: r.asOfLatest,
        ...(r.fromContext ? { fromContext: true } : {}),
        ...(r.comparedTo ? { comparedTo: true } : {}),
      }),
    ),
    comparedToWords: compilePhrases(p.comparedToWords, true as const),
    forYear: compilePhrases(p.forYear, true as const),
    finerThanData: compilePhrases(p.finerThanData, true as const),
    spans: p.spans.flatMap((s) => compilePhrases(s, { from: s.from, to: s.to })),
    since: compilePhrases(p.since, true as const),
    sinceThen: compilePhrases(p.sinceThen, true as const),
    months: p.months.flatMap((m) => compilePhrases(m, m.month)),
    stems,
    monthRange: compilePhrases(p.monthRange, true as const),
    monthList: compilePhrases(p.monthList, true as const),
    dayBefore: compilePhrases(p.dayBefore, true as const),
    sameDate: compilePhrases(p.sameDate, true as const),
    monthShifts: p.monthShifts.flatMap((s) => compilePhrases(s, s.offset)),
    yearEnd: compilePhrases(p.yearEnd, true as const),
    allYears: compilePhrases(p.allYears, true as const),
    monthEnd: compilePhrases(p.monthEnd, true as const),
    byMonth: compilePhrases(p.byMonth, true as const),
  };
}

/** A date said that the calendar lacks (31.4.), with where it stands in the text. */
export interface ImpossibleDate {
  said: string;
  start: number;
  end: number;
  year: number;
  month: number;
  day: number;
}

/** The period a question names, and which of its words said so. */
export interface ResolvedPeriod {
  years: number[];
  asOf: string | null;
  periodNote: string | null;
  /** A range or "all years": a series is asked for. */
  range: boolean;
  /**
   * The year a past year was counted from, when the only year said was relative ("viime
   * vuodesta" → 2021, counted from 2022): "kasvu viime vuodesta" compares the two.
   */
  countedFrom: number | null;
  /** A year said as the one something is for ("vuodelle 2022"): with a plan word, the year asked. */
  forYear: number | null;
  /** A period finer than the data gives, as said ("viikolla 40", "eilen"), or null; and its words. */
  finer: string | null;
  /**
   * A calendar date that does not exist ("31.4.2021", "29.2.2021", "31 kesäkuuta 2021"), where
   * it was said and what it named; never read as its year.
   */
  impossible: ImpossibleDate | null;
  finerTokens: number[];
  /**
   * A month named without an end word ("maaliskuussa", "in March"): the month itself is the
   * period, not the year to its end ("maaliskuun loppuun", "by the end of March"). Also a span
   * of months that does not start in January ("heinä–syyskuussa", "Q3").
   */
  month: boolean;
  /** The first month of a span of months ending at `asOf` ("heinä–syyskuussa": 7); null for one month. */
  fromMonth: number | null;
  /** "kuukausittain", "monthly": a series month by month. */
  byMonth: boolean;
  /**
   * The words that named a date or month without a year ("kesäkuussa", "30.9."): the newest
   * year was assumed, and a follow-up takes the conversation's year instead.
   */
  yearless: string | null;
  /** "samaan aikaan", "the same month": the date the conversation is at, in the year asked. */
  sameDate: boolean;
  /** "edellinen kuukausi", "a month later": months counted from the conversation's date (0: none said). */
  monthShift: number;
  /** A year counted from the conversation's ("vuotta aiemmin", "a year earlier"): a date asked before moves with it. */
  shifted: boolean;
  /** "vuoden lopussa": the date is 31.12. of the year; in a forecast question it is the horizon instead. */
  yearEnd: boolean;
  /** Token indices the period used up. */
  used: Set<number>;
}

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function endOfMonth(y: number, m: number): string {
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate())!;
}

/**
 * The same date in another year: a month's end stays its month's end (28.2.2021 → 29.2.2024),
 * 29.2. becomes 28.2. in a common year.
 */
export function dateInYear(date: string, year: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (date === endOfMonth(y, m)) return endOfMonth(year, m);
  return iso(year, m, d) ?? endOfMonth(year, m);
}

function tokensIn(tokens: readonly Token[], start: number, end: number): number[] {
  const out: number[] = [];
  tokens.forEach((t, i) => {
    if (t.start >= start && t.end <= end) out.push(i);
  });
  return out;
}

// "-19" or "'19" standing alone (not "covid-19", "-19 %"), "v2021" / "v. 2021", "2020-21".
const COLLOQUIAL_YEAR =
  /(?:(?<![\p{L}\p{N}.,/])[-–−'’](\d{2})(?![\d.,]|\s*(?:%|prosent|percent))|(?<![\p{L}\p{N}])v\.?\s?(\d{4})(?!\d)|(?<![\p{N}.])(\d{4})\s*[-–]\s*(\d{2})(?![\d.,]))/giu;

/**
 * A two-digit year as the century nearest the data: "19" → 2019; after `from` ("2020-21"), the
 * first such year not before it.
 */
function fullYear(yy: number, newestYear: number | null, from?: number): number {
  if (from !== undefined) {
    const y = Math.floor(from / 100) * 100 + yy;
    return y >= from ? y : y + 100;
  }
  const y = 2000 + yy;
  return newestYear !== null && y > newestYear + 30 ? y - 100 : y;
}

/** The year right after a "for" word ("vuodelle 2022", "for 2022"), or null. */
function yearAfterFor(tokens: readonly Token[], lexicon: PeriodLexicon): number | null {
  for (const hit of findAllPhrases(lexicon.forYear, tokens, () => true)) {
    const next = tokens[Math.max(...hit.tokens) + 1];
    if (next && isYear(next.fold)) return Number(next.fold);
  }
  return null;
}

function isYear(fold: string): boolean {
  if (!/^\d{4}$/.test(fold)) return false;
  const y = Number(fold);
  return y >= YEAR_MIN && y <= YEAR_MAX;
}

/** What the passes of reading a period share. */
interface PeriodState {
  text: string;
  tokens: readonly Token[];
  lexicon: PeriodLexicon;
  ctx: PeriodContext;
  lang: Lang;
  contextYear: number | null;
  used: Set<number>;
  years: Set<number>;
  asOf: string | null;
  range: boolean;
  /** Period notes with the offset they were said at, so they read in the question's order. */
  notes: { at: number; text: string }[];
  /** "tähän mennessä": the newest date of its year, unless a date or month is named too. */
  latest: string | null;
  /** The end of the month or span named, and whether it stands alone (no end word). */
  monthEndAt: string | null;
  monthOnly: boolean;
  fromMonth: number | null;
  yearless: string | null;
  sameDate: boolean;
  shifted: boolean;
  yearEnd: boolean;
  /** Tokens read as relative years ("viime vuoden"), which "vuoden lopussa" may share. */
  relative: Set<number>;
  impossible: ImpossibleDate | null;
  /** The year a past year was counted from, when it is the other side of a comparison. */
  countedFrom: number | null;
}

const usable = (st: PeriodState) => (i: number) => !st.used.has(i);

/** The words of some tokens as typed, lower case: for period notes. */
function said(st: PeriodState, idx: readonly number[]): string {
  const sorted = [...idx].sort((a, b) => a - b);
  return st.text.slice(st.tokens[sorted[0]!]!.start, st.tokens[sorted.at(-1)!]!.end).toLowerCase();
}

/** The year of a date named with its month: the year word beside it, the one year named, else the newest (yearless). */
function dateYear(st: PeriodState, beside: readonly number[]): { year: number | null; yearless: boolean } {
  for (const i of beside) {
    const t = st.tokens[i];
    if (t && isYear(t.fold)) return { year: Number(t.fold), yearless: false };
  }
  if (st.years.size === 1) return { year: [...st.years][0]!, yearless: false };
  return { year: st.ctx.newestYear, yearless: true };
}

/**
 * The year a date without one is in when the question said its year first ("Joukkoliikenne 2021:
 * käytetty 30.9. mennessä"): the one year of the text, before the date, with no comparison word
 * between (in "TP 2021 vs 30.9." the date is the other side, in the newest year). Else null.
 */
function yearSaidBefore(st: PeriodState, at: number): number | null {
  const years = st.tokens
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => isYear(t.fold) && !/[\d.]\.$/.test(st.text.slice(Math.max(0, t.start - 3), t.start)));
  const distinct = new Set(years.map(({ t }) => t.fold));
  if (distinct.size !== 1 || years.some(({ t }) => t.start > at)) return null;
  const last = Math.max(...years.map(({ i }) => i));
  const between = findAllPhrases(
    st.lexicon.comparedToWords,
    st.tokens,
    (i) => i > last && st.tokens[i]!.end <= at,
  );
  return between.length === 0 ? Number(years[0]!.t.fold) : null;
}

/** Dates: 30.6.2022, 30.6. (the year said before it, else the newest year). */
function readNumericDates(st: PeriodState): void {
  for (const m of st.text.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d])/g)) {
    const before = m[3] ? null : yearSaidBefore(st, m.index);
    const year = m[3] ? Number(m[3]) : (before ?? st.ctx.newestYear);
    if (year === null) continue;
    const date = iso(year, Number(m[2]), Number(m[1]));
    if (!date) {
      noSuchDate(st, m[0], m.index, year, Number(m[2]), Number(m[1]));
      continue;
    }
    st.asOf = date;
    st.years.add(year);
    for (const i of tokensIn(st.tokens, m.index, m.index + m[0].length)) st.used.add(i);
    if (!m[3] && before === null) {
      st.notes.push({ at: m.index, text: `${m[0]} → ${formatDate(date, st.lang)}` });
      st.yearless = m[0];
    }
  }
}

/**
 * "31.4.2021", "29.2.2021": a day its month does not have. Its words (the year too) are used up,
 * so the year alone is not answered in its place.
 */
function noSuchDate(
  st: PeriodState,
  said: string,
  start: number,
  year: number,
  month: number,
  day: number,
): void {
  if (month < 1 || month > 12 || day < 1 || day > 31) return;
  for (const i of tokensIn(st.tokens, start, start + said.length)) st.used.add(i);
  st.impossible ??= { said: said.trim(), start, end: start + said.trim().length, year, month, day };
}

/** Months of a year: "1-6/2021" (January to June), "6/2021": to the end of the last month. */
function readMonthSlashYear(st: PeriodState): void {
  for (const m of st.text.matchAll(/(?<![\d./])(?:(\d{1,2})\s*[-–]\s*)?(\d{1,2})\s*\/\s*(\d{4})(?![\d])/g)) {
    const month = Number(m[2]);
    const year = Number(m[3]);
    if (!isYear(m[3]!) || month < 1 || month > 12 || (m[1] && Number(m[1]) > month)) continue;
    st.asOf = endOfMonth(year, month);
    st.years.add(year);
    for (const i of tokensIn(st.tokens, m.index, m.index + m[0].length)) st.used.add(i);
    st.notes.push({ at: m.index, text: `${m[0]} → ${formatDate(st.asOf, st.lang)}` });
  }
}

/** Ranges: 2020–2021, 2018-2022, "2019 to 2021", "vuodesta 2019 vuoteen 2021". */
function readYearRanges(st: PeriodState): void {
  for (const m of st.text.matchAll(
    /(?<!\d)(\d{4})\s*(?:-|–|—|→|->|=>|\.\.|\bto\b|\buntil\b|\bthrough\b|\bvuoteen\b)\s*(\d{4})(?!\d)/giu,
  )) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (!isYear(m[1]!) || !isYear(m[2]!) || b < a || b - a > 50) continue;
    for (let y = a; y <= b; y++) st.years.add(y);
    st.range = true;
    for (const i of tokensIn(st.tokens, m.index, m.index + m[0].length)) st.used.add(i);
  }
}

/** Years as people type them: "-19", "'21", "v2021", "v. 2020", "2020-21" (a range). */
function readColloquialYears(st: PeriodState): void {
  for (const m of st.text.matchAll(COLLOQUIAL_YEAR)) {
    const start = m.index + m[0].length - m[0].trimStart().length;
    const at = tokensIn(st.tokens, start, m.index + m[0].length).filter((i) => !st.used.has(i));
    if (at.length === 0) continue;
    const first = m[2] ? Number(m[2]) : m[3] ? Number(m[3]) : fullYear(Number(m[1]), st.ctx.newestYear);
    const last = m[4] ? fullYear(Number(m[4]), st.ctx.newestYear, first) : first;
    if (!isYear(String(first)) || last < first || last - first > 50) continue;
    for (let y = first; y <= last; y++) st.years.add(y);
    if (last > first) st.range = true;
    for (const i of at) st.used.add(i);
    st.notes.push({ at: start, text: `${m[0].trim()} → ${last > first ? `${first}–${last}` : first}` });
  }
}

/** "tästä eteenpäin": the series from the conversation's year to the newest. */
function readSinceThen(st: PeriodState): void {
  const { contextYear, ctx } = st;
  const then = findAllPhrases(st.lexicon.sinceThen, st.tokens, usable(st))[0];
  if (!then || contextYear === null || ctx.newestYear === null || st.years.size > 0) return;
  if (contextYear > ctx.newestYear) return;
  for (let y = contextYear; y <= ctx.newestYear; y++) st.years.add(y);
  st.range = true;
  for (const i of then.tokens) st.used.add(i);
}

/**
 * "viikolla 40", "eilen": a period finer than the data, as said (with a week's number). Its
 * words stay unread here: in an alert request they are its quiet period ("kahden viikon välein").
 */
function finerThanData(
  text: string,
  tokens: readonly Token[],
  lexicon: PeriodLexicon,
): { finer: string | null; finerTokens: number[] } {
  const fine = findAllPhrases(lexicon.finerThanData, tokens, () => true, 0).sort(
    (a, b) => b.tokens.length - a.tokens.length,
  )[0];
  if (!fine) return { finer: null, finerTokens: [] };
  const words = [...fine.tokens];
  const next = Math.max(...fine.tokens) + 1;
  if (tokens[next] && /^\d{1,2}$/.test(tokens[next]!.fold)) words.push(next);
  return {
    finer: text.slice(tokens[Math.min(...words)]!.start, tokens[Math.max(...words)]!.end),
    finerTokens: words,
  };
}

/** Single years. */
function readSingleYears(st: PeriodState): void {
  st.tokens.forEach((t, i) => {
    if (st.used.has(i) || !isYear(t.fold)) return;
    st.years.add(Number(t.fold));
    st.used.add(i);
  });
}

/** "vuodesta 2018", "since 2018", "2018 lähtien": the series from that year to the newest. */
function readSince(st: PeriodState): void {
  const { tokens, ctx } = st;
  for (const hit of findAllPhrases(st.lexicon.since, tokens, usable(st))) {
    const at = hit.tokens[0]!;
    const yearAt = [at + 1, at - 1].find((i) => tokens[i] && isYear(tokens[i]!.fold));
    if (yearAt === undefined || ctx.newestYear === null) continue;
    const from = Number(tokens[yearAt]!.fold);
    if (from > ctx.newestYear || [...st.years].some((y) => y > from)) continue;
    for (let y = from; y <= ctx.newestYear; y++) st.years.add(y);
    st.range = true;
    for (const i of hit.tokens) st.used.add(i);
  }
}

/** The month a token names ("syyskuuta", "Sept"), or null. */
function monthOf(st: PeriodState, i: number): number | null {
  const fold = st.tokens[i]?.fold;
  if (fold === undefined || st.used.has(i)) return null;
  for (const p of st.lexicon.months)
    if (p.words.length === 1 && wordMatches(p.words[0]!, fold)) return p.value;
  return null;
}

/** Whether a token is one of a phrase list's one-word phrases ("of", "ja"). */
function isWordOf(phrases: readonly Phrase<true>[], fold: string | undefined): boolean {
  return fold !== undefined && phrases.some((p) => p.words.length === 1 && wordMatches(p.words[0]!, fold));
}

// A day of a date written with its month's name: "15", "15th", "1st".
const DAY = /^(\d{1,2})(?:st|nd|rd|th)?$/;

/**
 * Dates written with the month's name: "15 September 2022", "15th of September", "September
 * 15, 2022", "15. syyskuuta 2022". A bare number before a month is a day only when something
 * says so (an ordinal ending, the Finnish ordinal dot, a year after it, "on"/"by" before it),
 * so "top 5 in March" keeps its 5.
 */
function readDayMonthDates(st: PeriodState): void {
  const { tokens, text } = st;
  for (let i = 0; i < tokens.length && st.asOf === null; i++) {
    const month = monthOf(st, i);
    if (month === null) continue;
    const afterYear = tokens[i + 1] && isYear(tokens[i + 1]!.fold);
    // Day before the month, perhaps with "of" between.
    let d = i - 1;
    const of = isWordOf(st.lexicon.dayBefore, tokens[d]?.fold) && DAY.test(tokens[d - 1]?.fold ?? '');
    if (of) d--;
    const before = tokens[d];
    let dayAt: number | null = null;
    if (before && !st.used.has(d) && DAY.test(before.fold)) {
      const ordinal = /\D$/.test(before.fold) || text[before.end] === '.' || of;
      const lead = isWordOf(st.lexicon.dayBefore, tokens[d - 1]?.fold);
      // "15 syyskuuta 2022": a Finnish date names its month in the partitive, not "5 syyskuussa".
      const dateForm = st.lang === 'en' || tokens[i]!.fold.endsWith('ta');
      if (ordinal || ((lead || afterYear) && dateForm)) dayAt = d;
    }
    // Day after the month ("September 15, 2022").
    const next = tokens[i + 1];
    if (dayAt === null && next && !st.used.has(i + 1) && DAY.test(next.fold) && !isYear(next.fold)) {
      const ordinal = /\D$/.test(next.fold);
      const yearNext = tokens[i + 2] && isYear(tokens[i + 2]!.fold);
      const last = i + 1 === tokens.length - 1;
      if (ordinal || yearNext || last || text[next.end] === ',') dayAt = i + 1;
    }
    if (dayAt === null) continue;
    const day = Number(DAY.exec(tokens[dayAt]!.fold)![1]);
    const { year, yearless } = dateYear(st, [i + 1, dayAt + 1]);
    if (year === null) continue;
    const date = iso(year, month, day);
    if (!date) {
      // "31 syyskuuta": no such day, and not September's end either.
      const yearAt = [i + 1, dayAt + 1].find((k) => tokens[k] && isYear(tokens[k]!.fold));
      const idx = [dayAt, i, ...(yearAt === undefined ? [] : [yearAt])];
      const start = Math.min(...idx.map((k) => tokens[k]!.start));
      const end = Math.max(...idx.map((k) => tokens[k]!.end));
      noSuchDate(st, text.slice(start, end), start, year, month, day);
      continue;
    }
    const yearAt = [i + 1, dayAt + 1].find((k) => tokens[k] && isYear(tokens[k]!.fold));
    const words = [...new Set([dayAt, i, ...(of ? [d + 1] : []), ...(yearAt === undefined ? [] : [yearAt])])];
    st.asOf = date;
    st.years.add(year);
    for (const w of words) st.used.add(w);
    const lead = d - 1;
    if (isWordOf(st.lexicon.dayBefore, tokens[lead]?.fold) && !of) st.used.add(lead);
    // Noted always, so a list asked again at another date can put that date in these words' place.
    const dateWords = said(st, words);
    st.notes.push({
      at: tokens[Math.min(...words)]!.start,
      text: `${dateWords} → ${formatDate(date, st.lang)}`,
    });
    if (yearless) st.yearless = dateWords;
  }
}

/** A span's end and its months: the date at its last month's end, a month alone or a span from its first. */
function setMonths(
  st: PeriodState,
  year: number,
  from: number,
  to: number,
  words: number[],
  yearless: boolean,
) {
  const date = endOfMonth(year, to);
  st.asOf = date;
  st.years.add(year);
  st.monthEndAt = date;
  for (const i of words) st.used.add(i);
  const text = said(st, words);
  st.notes.push({ at: st.tokens[Math.min(...words)]!.start, text: `${text} → ${formatDate(date, st.lang)}` });
  if (yearless) st.yearless = text;
  // From January a span is the year to its end, as "tammi–kesäkuussa" is "kesäkuun loppuun".
  st.monthOnly = from > 1;
  st.fromMonth = from > 1 && from < to ? from : null;
}

/** Whether the text between two tokens is only spaces, dashes and commas; and whether it has a dash. */
function joint(st: PeriodState, a: number, b: number): { ok: boolean; dash: boolean } {
  const between = st.text.slice(st.tokens[a]!.end, st.tokens[b]!.start);
  return { ok: /^[\s,\-–—]*$/.test(between), dash: /[-–—]/.test(between) };
}

/**
 * Spans of months: "heinä–syyskuussa", "kesä- ja heinäkuussa", "heinäkuusta syyskuuhun", "July to
 * September", "between July and September". Months joined only by "ja"/"and" are one span only
 * when they follow each other; a stem ("heinä-") needs its hyphen.
 */
function readMonthRanges(st: PeriodState): void {
  const { tokens, lexicon } = st;
  for (let i = 0; i < tokens.length && st.asOf === null; i++) {
    const stemAt = (k: number) => {
      const m = st.used.has(k) ? undefined : lexicon.stems.get(tokens[k]?.fold ?? '');
      return m !== undefined && tokens[k + 1] && joint(st, k, k + 1).dash ? m : null;
    };
    const first = monthOf(st, i) ?? stemAt(i);
    if (first === null) continue;
    // Each month with the words that joined it to the one before.
    const segments: { month: number; words: number[] }[] = [{ month: first, words: [i] }];
    let ranged = false;
    let listed = false;
    let at = i;
    for (;;) {
      let k = at + 1;
      const joining: number[] = [];
      let range = false;
      let list = false;
      // At most two joining words between two months.
      while (joining.length < 2 && tokens[k] && !st.used.has(k)) {
        const fold = tokens[k]!.fold;
        if (isWordOf(lexicon.monthRange, fold)) range = true;
        else if (isWordOf(lexicon.monthList, fold)) list = true;
        else break;
        joining.push(k++);
      }
      const gap = [at, ...joining, k];
      if (!tokens[k] || !gap.every((g, n) => n === 0 || joint(st, gap[n - 1]!, g).ok)) break;
      const next = monthOf(st, k) ?? stemAt(k);
      if (next === null || next <= segments.at(-1)!.month) break;
      ranged ||= range || joint(st, at, joining[0] ?? k).dash;
      listed ||= list;
      segments.push({ month: next, words: [...joining, k] });
      at = k;
    }
    // The last must be a month written out: a stem alone ("kesä- ja talvikausi") ends nothing.
    while (segments.length > 1 && monthOf(st, segments.at(-1)!.words.at(-1)!) === null) segments.pop();
    if (segments.length < 2) continue;
    const months = segments.map((g) => g.month);
    const words = segments.flatMap((g) => g.words);
    // "from July", "between July and September", "heinä–syyskuun aikana".
    const opener = isWordOf(lexicon.monthRange, tokens[i - 1]?.fold) && !st.used.has(i - 1);
    const consecutive = months.every((m, n) => n === 0 || m === months[n - 1]! + 1);
    if (listed && !ranged && !opener && !consecutive) continue;
    if (opener) words.unshift(i - 1);
    const endAt = words.at(-1)! + 1;
    if (isWordOf(lexicon.monthRange, tokens[endAt]?.fold) || isWordOf(lexicon.monthEnd, tokens[endAt]?.fold))
      words.push(endAt);
    const { year, yearless } = dateYear(st, [words.at(-1)! + 1]);
    if (year === null) continue;
    setMonths(st, year, months[0]!, months.at(-1)!, words, yearless);
  }
}

/** Quarters and halves: "Q3", "kolmannella vuosineljänneksellä", "second half". */
function readSpanWords(st: PeriodState): void {
  // Said word by word, as relative years are.
  const hits = findAllPhrases(st.lexicon.spans, st.tokens, usable(st), 0);
  const hit = hits.reduce<PhraseHit<{ from: number; to: number }> | null>(
    (best, h) => (!best || h.tokens.length > best.tokens.length ? h : best),
    null,
  );
  if (!hit) return;
  if (st.asOf !== null) {
    // "heinä–syyskuussa (Q3)": the span said twice.
    for (const i of hit.tokens) st.used.add(i);
    return;
  }
  const { year, yearless } = dateYear(st, [Math.max(...hit.tokens) + 1]);
  if (year === null) return;
  setMonths(st, year, hit.phrase.value.from, hit.phrase.value.to, hit.tokens, yearless);
}

/** Month names: the end of that month, in the year named or the newest year. */
function readMonthNames(st: PeriodState): void {
  const { tokens, lexicon } = st;
  const month = findAllPhrases(lexicon.months, tokens, usable(st))[0];
  if (!month) return;
  const { year, yearless } = dateYear(st, []);
  if (year !== null) {
    const asOf = endOfMonth(year, month.phrase.value);
    st.asOf = asOf;
    st.years.add(year);
    st.monthEndAt = asOf;
    // "kesäkuun loppuun", "end of June": the end word belongs to the note.
    const first = Math.min(...month.tokens);
    const last = Math.max(...month.tokens);
    const beside = new Set([first - 2, first - 1, last + 1, last + 2]);
    const end = findAllPhrases(lexicon.monthEnd, tokens, (i) => beside.has(i) && !st.used.has(i))[0];
    st.monthOnly = end === undefined;
    st.fromMonth = null;
    const words = [...month.tokens, ...(end?.tokens ?? [])];
    for (const i of words) st.used.add(i);
    const text = said(st, words);
    st.notes.push({ at: tokens[Math.min(...words)]!.start, text: `${text} → ${formatDate(asOf, st.lang)}` });
    if (yearless) st.yearless = text;
  }
  for (const i of month.tokens) st.used.add(i);
}

/**
 * Relative words, against the newest year of the data or, for words counted from another year
 * ("vuotta aiemmin", `fromContext`), the conversation's. Words of the present ("viime vuonna")
 * are read before months, so "viime vuonna kesäkuussa" is June of last year; words counted from
 * another year after them, so "syyskuun loppuun verrattuna edellisvuoteen" keeps this year's
 * September and adds the year before.
 */
function readRelative(st: PeriodState, counted: 'fromNow' | 'fromContext', named: readonly number[]): void {
  const { tokens, ctx } = st;
  // Relative years are said word by word ("viime vuonna"): "viime vuonna verrattuna toissa
  // vuoteen" holds no "viime … vuoteen".
  for (const hit of findAllPhrases(st.lexicon.relative, tokens, usable(st), 0)) {
    const { fromContext, offset, asOfLatest, comparedTo } = hit.phrase.value;
    if ((fromContext === true) !== (counted === 'fromContext')) continue;
    if (hit.tokens.some((i) => st.used.has(i))) continue;
    for (const i of hit.tokens) {
      st.used.add(i);
      st.relative.add(i);
    }
    if (ctx.newestYear === null) continue;
    const base = fromContext && st.contextYear !== null ? st.contextYear : ctx.newestYear;
    const year = base + offset;
    if (fromContext && offset !== 0) st.shifted = true;
    st.years.add(year);
    // "kasvu viime vuodesta", "compared to last year": the other side of a comparison.
    const first = Math.min(...hit.tokens);
    const against =
      comparedTo === true ||
      findAllPhrases(st.lexicon.comparedToWords, tokens, (i) => i === first - 1).length > 0;
    if (offset < 0 && named.length === 0 && against) st.countedFrom = base;
    const latest = asOfLatest ? (ctx.latestAsOf.get(year) ?? null) : null;
    if (latest) st.latest ??= latest;
    const words = [...hit.tokens].sort((a, b) => a - b);
    const text = words
      .map((i) => tokens[i]!.raw)
      .join(' ')
      .toLowerCase();
    st.notes.push({
      at: tokens[words[0]!]!.start,
      text: `${text} → ${latest ? formatDate(latest, st.lang) : year}`,
    });
  }
}

/** "vuoden lopussa", "viime vuoden lopussa", "at year end": 31.12. of the year named or talked about. */
function readYearEnd(st: PeriodState): void {
  const hit = findAllPhrases(
    st.lexicon.yearEnd,
    st.tokens,
    (i) => !st.used.has(i) || st.relative.has(i),
    // "vuoden 2021 lopussa": the year may stand between.
    1,
  ).find((h) => h.tokens.some((i) => !st.used.has(i)));
  if (!hit) return;
  for (const i of hit.tokens) st.used.add(i);
  st.yearEnd = true;
  if (st.asOf !== null) return;
  const year = st.years.size === 1 ? [...st.years][0]! : (st.contextYear ?? st.ctx.newestYear);
  if (year === null) return;
  st.asOf = `${year}-12-31`;
  st.years.add(year);
  st.notes.push({
    at: st.tokens[Math.min(...hit.tokens)]!.start,
    text: `${said(st, hit.tokens)} → ${formatDate(st.asOf, st.lang)}`,
  });
}

/**
 * Reads years, ranges, dates, months and spans of months, and relative words ("viime vuonna",
 * "so far") from a question. Relative words count from the newest year of the data;
 * `periodNote` says how a period was arrived at ("tähän mennessä → 30.6.2022").
 */
export function resolvePeriod(
  text: string,
  tokens: readonly Token[],
  lexicon: PeriodLexicon,
  ctx: PeriodContext,
  lang: Lang,
  /** The year the conversation is about, for words counted from it ("vuotta aiemmin"). */
  contextYear: number | null = null,
  /** Words read as something else already (a place's code, "kp 2202"): never a year. */
  reserved: ReadonlySet<number> = new Set(),
): ResolvedPeriod {
  const st: PeriodState = {
    text,
    tokens,
    lexicon,
    ctx,
    lang,
    contextYear,
    used: new Set(reserved),
    years: new Set(),
    asOf: null,
    range: false,
    notes: [],
    latest: null,
    monthEndAt: null,
    monthOnly: false,
    fromMonth: null,
    yearless: null,
    sameDate: false,
    shifted: false,
    yearEnd: false,
    relative: new Set(),
    countedFrom: null,
    impossible: null,
  };
  const { finer, finerTokens } = finerThanData(text, tokens, lexicon);
  readNumericDates(st);
  readMonthSlashYear(st);
  readYearRanges(st);
  readColloquialYears(st);
  readSingleYears(st);
  readSince(st);
  readSinceThen(st);
  readRelative(st, 'fromNow', [...st.years]);
  readDayMonthDates(st);
  readMonthRanges(st);
  readSpanWords(st);
  readMonthNames(st);
  readRelative(st, 'fromContext', [...st.years]);
  readYearEnd(st);
  st.asOf ??= st.latest;
  const shift = findAllPhrases(lexicon.monthShifts, tokens, usable(st), 0)[0];
  for (const i of shift?.tokens ?? []) st.used.add(i);
  const same = findAllPhrases(lexicon.sameDate, tokens, usable(st), 0);
  for (const h of same) for (const i of h.tokens) st.used.add(i);
  const all = findAllPhrases(lexicon.allYears, tokens, usable(st))[0];
  if (all) {
    st.range = true;
    for (const i of all.tokens) st.used.add(i);
  }
  const byMonth = findAllPhrases(lexicon.byMonth, tokens, usable(st))[0];
  for (const i of byMonth?.tokens ?? []) st.used.add(i);
  // The month stands alone only while its end is the period's date (no other date said).
  const alone = st.monthOnly && st.asOf !== null && st.asOf === st.monthEndAt;
  return {
    years: [...st.years].sort((a, b) => a - b),
    asOf: st.asOf,
    periodNote:
      st.notes.length > 0
        ? st.notes
            .sort((a, b) => a.at - b.at)
            .map((n) => n.text)
            .join('; ')
        : null,
    range: st.range,
    countedFrom: st.years.size === 1 ? st.countedFrom : null,
    forYear: yearAfterFor(tokens, lexicon),
    finer,
    finerTokens,
    impossible: st.impossible,
    month: alone,
    fromMonth: alone ? st.fromMonth : null,
    byMonth: byMonth !== undefined,
    yearless: st.asOf !== null ? st.yearless : null,
    sameDate: same.length > 0,
    monthShift: shift?.phrase.value ?? 0,
    shifted: st.shifted,
    yearEnd: st.yearEnd,
    used: st.used,
  };
}
