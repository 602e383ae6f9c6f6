import { formatDate } from '../domain/format';
import type { Lang } from '../domain/query';
import type { Lexicon } from './lexicon';
import type { Token } from './normalize-text';
import { compilePhrases, findAllPhrases, type Phrase } from './phrase-matcher';

/** What the data says about time: the newest (open) year and the newest as-of date of each year. */
export interface PeriodContext {
  newestYear: number | null;
  latestAsOf: ReadonlyMap<number, string>;
}

/** The compiled period words of the lexicon. */
export interface PeriodLexicon {
  relative: Phrase<{
    offset: number;
    asOfLatest: boolean;
    monthEnd?: number;
    fromContext?: boolean;
    comparedTo?: boolean;
  }>[];
  comparedToWords: Phrase<true>[];
  forYear: Phrase<true>[];
  finerThanData: Phrase<true>[];
  since: Phrase<true>[];
  sinceThen: Phrase<true>[];
  months: Phrase<number>[];
  allYears: Phrase<true>[];
  monthEnd: Phrase<true>[];
  byMonth: Phrase<true>[];
}

/** Compiles the period words of the lexicon once. */
export function compilePeriodLexicon(lexicon: Lexicon): PeriodLexicon {
  return {
    relative: lexicon.periods.relative.flatMap((r) =>
      compilePhrases(r, {
        offset: r.offset,
        asOfLatest: r.asOfLatest,
        ...(r.monthEnd === undefined ? {} : { monthEnd: r.monthEnd }),
        ...(r.fromContext ? { fromContext: true } : {}),
        ...(r.comparedTo ? { comparedTo: true } : {}),
      }),
    ),
    comparedToWords: compilePhrases(lexicon.periods.comparedToWords, true as const),
    forYear: compilePhrases(lexicon.periods.forYear, true as const),
    finerThanData: compilePhrases(lexicon.periods.finerThanData, true as const),
    since: compilePhrases(lexicon.periods.since, true as const),
    sinceThen: compilePhrases(lexicon.periods.sinceThen, true as const),
    months: lexicon.periods.months.flatMap((m) => compilePhrases(m, m.month)),
    allYears: compilePhrases(lexicon.periods.allYears, true as const),
    monthEnd: compilePhrases(lexicon.periods.monthEnd, true as const),
    byMonth: compilePhrases(lexicon.periods.byMonth, true as const),
  };
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
  finerTokens: number[];
  /**
   * A month named without an end word ("maaliskuussa", "in March"): the month itself is the
   * period, not the year to its end ("maaliskuun loppuun", "by the end of March").
   */
  month: boolean;
  /** "kuukausittain", "monthly": a series month by month. */
  byMonth: boolean;
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

function isYear(fold: string): boolean {
  if (!/^\d{4}$/.test(fold)) return false;
  const y = Number(fold);
  return y >= YEAR_MIN && y <= YEAR_MAX;
}

/** The year right after a "for" word ("vuodelle 2022", "for 2022"), or null. */
function yearFor(tokens: readonly Token[], lexicon: PeriodLexicon): number | null {
  for (const hit of findAllPhrases(lexicon.forYear, tokens, () => true)) {
    const next = tokens[Math.max(...hit.tokens) + 1];
    if (next && isYear(next.fold)) return Number(next.fold);
  }
  return null;
}

/**
 * Reads years, ranges, dates, month ends and relative words ("viime vuonna", "so far") from a
 * question. Relative words count from the newest year of the data; `periodNote` says how a
 * period was arrived at ("tähän mennessä → 30.6.2022").
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
  const used = new Set<number>(reserved);
  const years = new Set<number>();
  let asOf: string | null = null;
  let range = false;
  let monthOnly = false;
  const notes: string[] = [];
  const usable = (i: number) => !used.has(i);

  // "viikolla 40", "eilen": a period finer than the data, as said (with a week's number). Its
  // words stay unread here: in an alert request they are its quiet period ("kahden viikon välein").
  let finer: string | null = null;
  let finerTokens: number[] = [];
  const fine = findAllPhrases(lexicon.finerThanData, tokens, () => true, 0).sort(
    (a, b) => b.tokens.length - a.tokens.length,
  )[0];
  if (fine) {
    const words = [...fine.tokens];
    const next = Math.max(...fine.tokens) + 1;
    if (tokens[next] && /^\d{1,2}$/.test(tokens[next]!.fold)) words.push(next);
    finer = text.slice(tokens[Math.min(...words)]!.start, tokens[Math.max(...words)]!.end);
    finerTokens = words;
  }

  // Dates: 30.6.2022, 30.6. (the newest year).
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d])/g)) {
    const year = m[3] ? Number(m[3]) : ctx.newestYear;
    if (year === null) continue;
    const date = iso(year, Number(m[2]), Number(m[1]));
    if (!date) continue;
    asOf = date;
    years.add(year);
    for (const i of tokensIn(tokens, m.index, m.index + m[0].length)) used.add(i);
    if (!m[3]) notes.push(`${m[0]} → ${formatDate(date, lang)}`);
  }

  // Months of a year: "1-6/2021" (January to June), "6/2021": to the end of the last month.
  for (const m of text.matchAll(/(?<![\d./])(?:(\d{1,2})\s*[-–]\s*)?(\d{1,2})\s*\/\s*(\d{4})(?![\d])/g)) {
    const month = Number(m[2]);
    const year = Number(m[3]);
    if (!isYear(m[3]!) || month < 1 || month > 12 || (m[1] && Number(m[1]) > month)) continue;
    asOf = endOfMonth(year, month);
    years.add(year);
    for (const i of tokensIn(tokens, m.index, m.index + m[0].length)) used.add(i);
    notes.push(`${m[0]} → ${formatDate(asOf, lang)}`);
  }

  // Ranges: 2020–2021, 2018-2022, "2019 to 2021", "vuodesta 2019 vuoteen 2021".
  for (const m of text.matchAll(
    /(?<!\d)(\d{4})\s*(?:-|–|—|→|->|=>|\.\.|\bto\b|\buntil\b|\bthrough\b|\bvuoteen\b)\s*(\d{4})(?!\d)/giu,
  )) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (!isYear(m[1]!) || !isYear(m[2]!) || b < a || b - a > 50) continue;
    for (let y = a; y <= b; y++) years.add(y);
    range = true;
    for (const i of tokensIn(tokens, m.index, m.index + m[0].length)) used.add(i);
  }

  // Years as people type them: "-19", "'21", "v2021", "v. 2020", "2020-21" (a range).
  for (const m of text.matchAll(COLLOQUIAL_YEAR)) {
    const start = m.index + m[0].length - m[0].trimStart().length;
    const at = tokensIn(tokens, start, m.index + m[0].length).filter((i) => !used.has(i));
    if (at.length === 0) continue;
    const first = m[2] ? Number(m[2]) : m[3] ? Number(m[3]) : fullYear(Number(m[1]), ctx.newestYear);
    const last = m[4] ? fullYear(Number(m[4]), ctx.newestYear, first) : first;
    if (!isYear(String(first)) || last < first || last - first > 50) continue;
    for (let y = first; y <= last; y++) years.add(y);
    if (last > first) range = true;
    for (const i of at) used.add(i);
    notes.push(`${m[0].trim()} → ${last > first ? `${first}–${last}` : first}`);
  }

  // Single years.
  tokens.forEach((t, i) => {
    if (used.has(i) || !isYear(t.fold)) return;
    years.add(Number(t.fold));
    used.add(i);
  });

  // "vuodesta 2018", "since 2018", "2018 lähtien": the series from that year to the newest.
  for (const hit of findAllPhrases(lexicon.since, tokens, usable)) {
    const at = hit.tokens[0]!;
    const yearAt = [at + 1, at - 1].find((i) => tokens[i] && isYear(tokens[i]!.fold));
    if (yearAt === undefined || ctx.newestYear === null) continue;
    const from = Number(tokens[yearAt]!.fold);
    if (from > ctx.newestYear || [...years].some((y) => y > from)) continue;
    for (let y = from; y <= ctx.newestYear; y++) years.add(y);
    range = true;
    for (const i of hit.tokens) used.add(i);
  }

  // "tästä eteenpäin": the series from the conversation's year to the newest.
  const then = findAllPhrases(lexicon.sinceThen, tokens, usable)[0];
  if (
    then &&
    contextYear !== null &&
    ctx.newestYear !== null &&
    years.size === 0 &&
    contextYear <= ctx.newestYear
  ) {
    for (let y = contextYear; y <= ctx.newestYear; y++) years.add(y);
    range = true;
    for (const i of then.tokens) used.add(i);
  }

  // Month names: the end of that month, in the year named or the newest year; not the months
  // of a period phrase ("tammi–kesäkuu" is the year to the end of June, read below).
  const spans = new Set(
    findAllPhrases(lexicon.relative, tokens, usable)
      .filter((h) => h.phrase.value.monthEnd !== undefined && h.tokens.length > 1)
      .flatMap((h) => h.tokens),
  );
  const monthHits = findAllPhrases(lexicon.months, tokens, (i) => usable(i) && !spans.has(i));
  const month = monthHits[0];
  if (month) {
    const year = years.size === 1 ? [...years][0]! : ctx.newestYear;
    if (year !== null) {
      asOf = endOfMonth(year, month.phrase.value);
      years.add(year);
      // "kesäkuun loppuun", "end of June": the end word belongs to the note.
      const first = Math.min(...month.tokens);
      const last = Math.max(...month.tokens);
      const beside = new Set([first - 2, first - 1, last + 1, last + 2]);
      const end = findAllPhrases(lexicon.monthEnd, tokens, (i) => beside.has(i) && !used.has(i))[0];
      monthOnly = end === undefined;
      const words = [...month.tokens, ...(end?.tokens ?? [])].sort((a, b) => a - b);
      for (const i of words) used.add(i);
      const said = text.slice(tokens[words[0]!]!.start, tokens[words[words.length - 1]!]!.end).toLowerCase();
      notes.push(`${said} → ${formatDate(asOf, lang)}`);
    }
    for (const i of month.tokens) used.add(i);
  }

  // Relative words, against the newest year of the data (or the conversation's year).
  const named = [...years];
  let countedFrom: number | null = null;
  // Relative years are said word by word ("viime vuonna"): "viime vuonna verrattuna toissa
  // vuoteen" holds no "viime … vuoteen".
  for (const hit of findAllPhrases(lexicon.relative, tokens, usable, 0)) {
    if (hit.tokens.some((i) => used.has(i))) continue;
    for (const i of hit.tokens) used.add(i);
    if (ctx.newestYear === null) continue;
    const said = hit.tokens
      .slice()
      .sort((a, b) => a - b)
      .map((i) => tokens[i]!.raw)
      .join(' ');
    const { monthEnd, fromContext, offset } = hit.phrase.value;
    if (monthEnd !== undefined) {
      // "ensimmäisellä vuosipuoliskolla 2021": the first half of the year named, else of the newest.
      const year = named.length === 1 ? named[0]! : ctx.newestYear + offset;
      if (!asOf) asOf = endOfMonth(year, monthEnd);
      years.add(year);
      notes.push(`${said.toLowerCase()} → ${formatDate(asOf, lang)}`);
      continue;
    }
    const base = fromContext && contextYear !== null ? contextYear : ctx.newestYear;
    const year = base + offset;
    years.add(year);
    // "kasvu viime vuodesta", "compared to last year": the other side of a comparison.
    const first = Math.min(...hit.tokens);
    const against =
      hit.phrase.value.comparedTo === true ||
      findAllPhrases(lexicon.comparedToWords, tokens, (i) => i === first - 1).length > 0;
    if (offset < 0 && named.length === 0 && against) countedFrom = base;
    const latest = hit.phrase.value.asOfLatest ? (ctx.latestAsOf.get(year) ?? null) : null;
    if (latest && !asOf) asOf = latest;
    notes.push(`${said.toLowerCase()} → ${latest ? formatDate(latest, lang) : year}`);
  }

  const all = findAllPhrases(lexicon.allYears, tokens, usable)[0];
  if (all) {
    range = true;
    for (const i of all.tokens) used.add(i);
  }
  const byMonth = findAllPhrases(lexicon.byMonth, tokens, usable)[0];
  for (const i of byMonth?.tokens ?? []) used.add(i);

  return {
    years: [...years].sort((a, b) => a - b),
    asOf,
    periodNote: notes.length > 0 ? notes.join('; ') : null,
    range,
    countedFrom: years.size === 1 ? countedFrom : null,
    forYear: yearFor(tokens, lexicon),
    finer,
    finerTokens,
    // The month stands alone only while its end date is the period's date (no other date said).
    month:
      monthOnly &&
      asOf !== null &&
      month !== undefined &&
      asOf === endOfMonth(Number(asOf.slice(0, 4)), month.phrase.value),
    byMonth: byMonth !== undefined,
    used,
  };
}
