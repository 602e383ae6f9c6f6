import { changeRowLabel } from '../domain/fact';
import { money } from '../domain/money';
import type { Intent, Lang, Measure, Query, Subject } from '../domain/query';
import { isDataIntent, questionKind, readsExtra } from '../domain/question-kinds';
import { editDistance } from '../text/edit-distance';
import { detectLanguage } from './detect-language';
import {
  ACCEPT_SCORE,
  findNameCandidates,
  labelPreference,
  memoMatchWord,
  type NameMatch,
  type NamePick,
  pickNames,
  WORD_SCORE,
} from './match-cost-centre';
import { isAcronym, type LabelTable, type VocabWord } from './name-index';
import { type Token, tokenize } from './normalize-text';
import { findAllPhrases, type Phrase, type PhraseHit, wordMatches } from './phrase-matcher';
import { type CodeReading, readCodes } from './read-codes';
import { type ImpossibleDate, type ResolvedPeriod, resolvePeriod } from './resolve-period';
import type { UnderstandingIndex } from './understanding-index';

// Module level: the bundler writes a \p{…} regex literal as `new RegExp(…)`, which in a function
// body would build a new regex on every call.
const LETTER = /\p{L}/u;

type WordMatcher = (fold: string) => Map<VocabWord, number>;

// Messages are read up to this many words.
const MAX_TOKENS = 60;

/** Everything the words of a message say, before it is combined with the previous query. */
export interface Reading {
  lang: Lang;
  tokens: Token[];
  explicit: Intent | null;
  followUp: boolean;
  subjects: Subject[];
  label: NameMatch | null;
  account: string | null;
  /** Every top-level account named (MENOT, TULOT, NETTOMENO), in the order said. */
  accountsNamed: string[];
  table: Query['table'];
  measure: Measure | null;
  bothMeasures: boolean;
  spendVerb: boolean;
  /**
   * A comparison whose other side is the budget ("toteuma vs talousarvio", "compared to the
   * budget", "TP 2019 vs TA", "vertaa budjettiin"): budget words with actual or spending words, or
   * after the comparison word.
   */
  comparedWithBudget: boolean;
  years: number[];
  asOf: string | null;
  periodNote: string | null;
  range: boolean;
  /** The year a past year was counted from, when the only year said was relative (ResolvedPeriod.countedFrom). */
  countedFrom: number | null;
  /** A period finer than the data gives, as said ("viikolla 40"), or null. */
  finerPeriod: string | null;
  /** A date the calendar lacks ("31.4.2021"), or null. */
  impossibleDate: ImpossibleDate | null;
  /** A month named as the period itself ("maaliskuussa"), not the year to its end. */
  month: boolean;
  /** The first month of a span of months ("heinä–syyskuussa": 7); null for one month. */
  fromMonth: number | null;
  /** The words that named a date or month without its year (see ResolvedPeriod.yearless). */
  yearless: string | null;
  /** "samaan aikaan", "the same month": the conversation's date, in the year asked. */
  sameDate: boolean;
  /** A year counted from the conversation's ("vuotta aiemmin"): a date asked before moves with it. */
  shifted: boolean;
  /** "vuoden lopussa": 31.12. (in a forecast question, the horizon rather than a date). */
  yearEnd: boolean;
  /** "kuukausittain": a series month by month. */
  byMonth: boolean;
  topN: number | null;
  ascending: boolean;
  /** Named subjects are asked for together ("X ja Y yhteensä") or as a share ("X:n osuus Y:stä"). */
  combine: 'total' | 'share' | null;
  /** Under-budget or behind-pace words ("alittaneet", "behind"). */
  under: boolean;
  /** Pace words: the list is by pace ("tahtia edellä"), not by the budget itself ("ylittäneet"). */
  pace: boolean;
  /** A ranking's measure other than the amount: money left, or the share of the budget used. */
  rankMetric: 'remaining' | 'usedShare' | null;
  /** Growth or decline words ("kasvoi", "decrease"), the first one said. */
  change: 'increase' | 'decrease' | null;
  topic: string | null;
  threshold: string | null;
  /** An alert subscription's quiet period in days ("enintään kerran viikossa" = 7); null = not said. */
  quietDays: number | null;
  unknown: number[];
  ambiguous: { tokens: number[]; candidates: NameMatch[] } | null;
  /** Unknown words joined to a named subject by a conjunction ("Tietohallinnon ja kirjaston"): names we lack. */
  unknownBesideName: number[];
  /** Unknown words that own the row label they stand before ("kaupunginjohtajan palkka"). */
  unknownOwner: number[];
  /** Whether any lexicon word at all was recognised. */
  signal: boolean;
  /** The city was named: the subjects are every service area the store holds. */
  city: boolean;
  /** The service area is a subject only because one of its rows was named. */
  areaImplied: boolean;
  /** The account came only from a spending or payment verb: it keeps a row asked before. */
  accountFromVerb: boolean;
  /** Percent words ("prosentteina", "as a percentage"). */
  percentWord: boolean;
  /** Money words ("euroa", "maksoivat", "cost"): an amount of money is asked. */
  moneyWord: boolean;
  /** Words pointing back at the place talked about ("siellä"): a list ranges over its parts. */
  within: boolean;
  /** A company's or association's name the data does not have ("Kemijärven Kehitys Oy"): its words. */
  unknownOrganisation: number[];
  /** Which part of the data a question about the data asks (costCentres, years, asOf…). */
  dataTopic: string | null;
  /** A glossary term named ("KS", "toimintakate"). */
  term: string | null;
  /** The term was written as a code in capitals ("TOT"), which alone asks what it means. */
  termIsCode: boolean;
  /** Places named by their ledger codes ("kp 2202"); a code no place has is kept with a null place. */
  codes: CodeReading[];
}

function earliest<T>(hits: PhraseHit<T>[]): PhraseHit<T> | null {
  let best: PhraseHit<T> | null = null;
  for (const h of hits) if (!best || Math.min(...h.tokens) < Math.min(...best.tokens)) best = h;
  return best;
}

function thresholdOf(
  text: string,
  tokens: readonly Token[],
  percentHits: PhraseHit<true>[],
  used: Set<number>,
): string | null {
  // "80 %", "80 prosenttia", "85,5 percent": the number right before a percent word.
  for (const hit of percentHits) {
    const first = Math.min(...hit.tokens);
    const before = tokens[first - 1];
    if (!before || !/^\d{1,3}$/.test(before.fold)) continue;
    const frac = text.slice(0, before.end).match(/(\d{1,3})[.,](\d+)$/);
    const value = money(frac ? `${frac[1]}.${frac[2]}` : before.fold);
    if (value.lte(0) || value.gt(200)) continue;
    used.add(first - 1);
    if (frac) for (let i = 0; i < first - 1; i++) if (tokens[i]!.end === before.start - 1) used.add(i);
    return value.div(100).toString();
  }
  // A share written as a decimal: "0,8", "0.85".
  const share = text.match(/(?<![\d.,])0[.,](\d{1,3})(?![\d.,])/);
  if (share) {
    for (const [i, t] of tokens.entries())
      if (t.start >= (share.index ?? 0) && t.end <= (share.index ?? 0) + share[0].length) used.add(i);
    return money(`0.${share[1]}`).toString();
  }
  return null;
}

/** A number word or a number of up to three digits, or null. */
function numberAt(tokens: readonly Token[], i: number, index: UnderstandingIndex): number | null {
  const fold = tokens[i]?.fold;
  if (fold === undefined) return null;
  return /^\d{1,3}$/.test(fold) ? Number(fold) : (index.numberWords.get(fold) ?? null);
}

// A quiet period's unit or number is read this many words from its cue at most.
const QUIET_REACH = 5;

/**
 * The quiet period of an alert request in days: "hiljainen jakso 3 päivää", "enintään kerran
 * viikossa", "kahden viikon välein", "quiet 14 days", "at most once a month", "hiljaa 0". Its
 * words are marked used, so they are neither names nor the threshold.
 */
function quietPeriod(
  tokens: readonly Token[],
  index: UnderstandingIndex,
  usable: (i: number) => boolean,
  used: Set<number>,
): number | null {
  const cue = earliest(findAllPhrases(index.quietWords, tokens, usable));
  if (!cue) return null;
  const near = (i: number) => cue.tokens.some((c) => Math.abs(c - i) <= QUIET_REACH);
  const unit = findAllPhrases(index.quietUnits, tokens, usable).find((h) => near(h.tokens[0]!));
  if (unit) {
    const before = Math.min(...unit.tokens) - 1;
    const count = cue.tokens.includes(before) ? null : numberAt(tokens, before, index);
    for (const i of [...cue.tokens, ...unit.tokens, ...(count === null ? [] : [before])]) used.add(i);
    return (count ?? 1) * unit.phrase.value;
  }
  // "hiljainen jakso 0": a bare number after the cue is days.
  const after = Math.max(...cue.tokens) + 1;
  const days = numberAt(tokens, after, index);
  if (days === null) return null;
  for (const i of [...cue.tokens, after]) used.add(i);
  return days;
}

/** The label of a row's printed change ("Henkilöstömenot, muutos %"), when its table has one. */
function changeRowOf(label: NameMatch, index: UnderstandingIndex): NameMatch | null {
  const name = changeRowLabel(label.target.name);
  const variant = index.names.variants.find((v) => v.target.kind === 'label' && v.target.name === name);
  return variant ? { ...label, target: variant.target, key: variant.key } : null;
}

// Lexicon words this long or longer are repaired when misspelt by one letter ("kayttany").
const MIN_REPAIR_LENGTH = 6;

/**
 * Reads a misspelt lexicon word as the word it misses by one letter, unless it is closer to a
 * name: "käyttäny" → "käyttänyt", but "tietohalinto" stays for name matching.
 */
function repairLexiconTypos(tokens: Token[], index: UnderstandingIndex, match: WordMatcher): Token[] {
  const { exact, byInitial, prefixes } = index.lexiconWords;
  return tokens.map((t) => {
    const f = t.fold;
    if (f.length < MIN_REPAIR_LENGTH || exact.has(f) || /\d/.test(f) || prefixes.some((p) => f.startsWith(p)))
      return t;
    const near = (byInitial.get(f.slice(0, 2)) ?? []).filter(
      (w) => w.length >= MIN_REPAIR_LENGTH && editDistance(f, w, 1) <= 1,
    );
    if (near.length !== 1) return t;
    for (const score of match(f).values()) if (score >= WORD_SCORE.typo) return t;
    return { ...t, fold: near[0]! };
  });
}

// A name matched below this is partial: one word of it (a head word alone, a compound's tail).
const PARTIAL_NAME = 0.8;

// A question word that is a name word or its stem is that name's word (a shared beginning is not enough: "palvelualueen").
const STRONG_WORD = WORD_SCORE.stem;

function strongNameWords(
  tokens: readonly Token[],
  index: UnderstandingIndex,
  match: WordMatcher,
): Set<number> {
  const out = new Set<number>();
  tokens.forEach((t, i) => {
    if (index.lexiconWords.exact.has(t.fold)) return;
    for (const [w, score] of match(t.fold)) {
      if (score >= STRONG_WORD && !w.lexical) {
        out.add(i);
        return;
      }
    }
  });
  for (const i of wholeNames(tokens, index, match)) out.add(i);
  return out;
}

/**
 * The words of names written out whole, word after word ("development projects" of
 * Kehittämisprojektit): a lexicon word among them ("development") is the name's, not a question
 * of its own. Only subjects' names of two or more words, each matched as written or stemmed.
 */
function wholeNames(tokens: readonly Token[], index: UnderstandingIndex, match: WordMatcher): number[] {
  const out: number[] = [];
  // Per variant, the token each of its words is at (as written or stemmed).
  const at = new Map<number, Map<number, number>>();
  tokens.forEach((t, i) => {
    for (const [w, score] of match(t.fold)) {
      if (score < STRONG_WORD) continue;
      for (const ref of w.refs) {
        const words = at.get(ref.variant) ?? new Map<number, number>();
        if (!words.has(ref.word)) words.set(ref.word, i);
        at.set(ref.variant, words);
      }
    }
  });
  for (const [id, words] of at) {
    const v = index.names.variants[id]!;
    // Row labels keep their lexicon words open ("Henkilöstömenojen muutos" may ask a change).
    if (v.target.kind === 'label') continue;
    const significant = v.words.flatMap((w, k) => (w.significant ? [k] : []));
    if (significant.length < 2 || !significant.every((k) => words.has(k))) continue;
    const spots = significant.map((k) => words.get(k)!);
    if (spots.every((s, n) => n === 0 || s === spots[n - 1]! + 1)) out.push(...spots);
  }
  return out;
}

/**
 * Whether an unknown word is joined to a named subject by a conjunction, with at most function
 * words between ("IT with the library", "Tietohallinnon ja kirjaston").
 */
function joinedToName(
  u: number,
  tokens: readonly Token[],
  index: UnderstandingIndex,
  lang: Lang,
  named: Set<number>,
): boolean {
  for (const d of [-1, 1]) {
    let joined = false;
    for (let i = u + d; i >= 0 && i < tokens.length && Math.abs(i - u) <= 4; i += d) {
      const fold = tokens[i]!.fold;
      if (index.conjunctions.has(fold)) joined = true;
      else if (named.has(i)) {
        if (joined) return true;
        break;
      } else if (!index.stopwords[lang].has(fold)) break;
    }
  }
  return false;
}

/** What the passes of reading one message share: the message, its words, and which words are used up. */
export interface ReadState {
  text: string;
  index: UnderstandingIndex;
  match: WordMatcher;
  tokens: Token[];
  lang: Lang;
  period: ResolvedPeriod;
  /** Words that are plainly a name ("ympäristöpalveluiden"): no lexicon prefix ("ympäristö*") claims them. */
  nameWords: Set<number>;
  /** Words a pass has read; the later passes leave them alone. */
  used: Set<number>;
  /** Places named by code, read before the period ("kp 2202" is no year). */
  codes: CodeReading[];
}

/** Whether a word is free for lexicon phrases: not part of the period, not plainly a name. */
function lexiconUsable(st: ReadState): (i: number) => boolean {
  return (i) => !st.period.used.has(i) && !st.nameWords.has(i);
}

// A name left when a side word is taken off its end has at least this many letters.
const MIN_SIDE_NAME = 4;

/**
 * "työllisyyspuolen tulot", "IT-puolen menot": a side word joined to a name means that name's
 * side of things. The word is read as the name ("työllisyys"); a side word standing alone after
 * a word ("IT puolen") says nothing more. Returns the alone ones.
 */
function readSides(tokens: Token[], index: UnderstandingIndex, match: WordMatcher): Set<number> {
  const alone = new Set<number>();
  tokens.forEach((t, i) => {
    if (index.sides.includes(t.fold)) {
      if (i > 0) alone.add(i);
      return;
    }
    for (const score of match(t.fold).values()) if (score >= WORD_SCORE.inflection) return;
    const side = index.sides.find((s) => t.fold.endsWith(s) && t.fold.length - s.length >= MIN_SIDE_NAME);
    if (side) tokens[i] = { ...t, fold: t.fold.slice(0, -side.length) };
  });
  return alone;
}

/** Pass 1: the words, with misspelt lexicon words repaired; the language; the period. */
export function readWords(text: string, previous: Query | null, index: UnderstandingIndex): ReadState {
  const match = memoMatchWord(index.names);
  const tokens = repairLexiconTypos(tokenize(text, MAX_TOKENS), index, match);
  const sides = readSides(tokens, index, match);
  const lang = detectLanguage(tokens, index.langWords) ?? previous?.lang ?? 'fi';
  const contextYear = previous?.years.at(-1) ?? (previous?.asOf ? Number(previous.asOf.slice(0, 4)) : null);
  const codes = readCodes(tokens, index.codes);
  const codeWords = new Set(codes.flatMap((c) => c.tokens));
  const period = resolvePeriod(
    text,
    tokens,
    index.periods,
    index.periodContext,
    lang,
    contextYear,
    codeWords,
  );
  const nameWords = strongNameWords(tokens, index, match);
  return {
    text,
    index,
    match,
    tokens,
    lang,
    period,
    nameWords,
    used: new Set([...period.used, ...sides]),
    codes,
  };
}

/** The lexicon words found in a message, by meaning. */
export interface LexiconHits {
  follow: PhraseHit<true> | null;
  topics: PhraseHit<string>[];
  intents: PhraseHit<Intent>[];
  spend: PhraseHit<true>[];
  accounts: PhraseHit<string>[];
  itemTypes: PhraseHit<string>[];
  measures: PhraseHit<Measure>[];
  areas: PhraseHit<true>[];
  totals: PhraseHit<true>[];
  tables: PhraseHit<LabelTable>[];
  ascending: PhraseHit<true>[];
  change: PhraseHit<'increase' | 'decrease'>[];
  under: PhraseHit<true>[];
  pace: PhraseHit<true>[];
  share: PhraseHit<true>[];
  within: PhraseHit<true>[];
  metric: PhraseHit<'remaining' | 'usedShare'>[];
  percent: PhraseHit<true>[];
  /** Whether any lexicon word at all was recognised. */
  signal: boolean;
}

/**
 * Lexicon phrases on the words `usable` allows, and besides them phrases of several words that
 * use a name word beside a word of their own ("membership fee" though "fees" is a row's other
 * name): a whole phrase is more telling than one word of a name.
 */
function overNames<T>(
  st: ReadState,
  phrases: readonly Phrase<T>[],
  usable: (i: number) => boolean,
  alsoUsable: (i: number) => boolean = () => true,
): PhraseHit<T>[] {
  const hits = findAllPhrases(phrases, st.tokens, usable);
  const several = severalWords(phrases);
  if (several.length === 0 || st.nameWords.size === 0) return hits;
  // Each phrase is found on its own, so the list of all phrases of several words (kept, and its
  // lookup with it) less those already found gives the same hits in the same order.
  const found = new Set(hits.map((h) => h.phrase));
  const free = (i: number) => !st.period.used.has(i) && alsoUsable(i);
  for (const h of findAllPhrases(several, st.tokens, free))
    if (!found.has(h.phrase) && h.tokens.some((i) => !st.nameWords.has(i))) hits.push(h);
  return hits;
}

const severalWordPhrases = new WeakMap<readonly Phrase<unknown>[], readonly Phrase<unknown>[]>();

/** A lexicon list's phrases of more than one word, made once per list (not a new list per message). */
function severalWords<T>(phrases: readonly Phrase<T>[]): readonly Phrase<T>[] {
  let several = severalWordPhrases.get(phrases);
  if (!several) {
    several = phrases.filter((p) => p.words.length > 1);
    severalWordPhrases.set(phrases, several);
  }
  return several as readonly Phrase<T>[];
}

/**
 * Pass 2: the lexicon words, in the order that keeps them apart: a follow-up opener, topics,
 * column codes before intents ("TA+muutos" is not "muutos"), structural words before accounts
 * ("cost centres" is not "cost"), then the rest. Account words stay open to names, so
 * "henkilöstön menot" can still be a row label.
 */
export function readLexicon(st: ReadState): LexiconHits {
  const { index, tokens, period, used } = st;
  const notPeriod = lexiconUsable(st);
  const take = (hits: (PhraseHit<unknown> | null)[]) => {
    for (const h of hits) if (h) for (const i of h.tokens) used.add(i);
  };
  const follow =
    findAllPhrases(index.followUp, tokens, (i) => i < 3).find((h) => h.tokens.includes(0)) ?? null;
  take([follow]);
  const topics = findAllPhrases(index.topics, tokens, notPeriod);
  take(topics);
  const codes = findAllPhrases(index.measures, tokens, notPeriod).filter((h) => h.tokens.length > 1);
  const found = findAllPhrases(
    index.intents,
    tokens,
    (i) =>
      notPeriod(i) && !topics.some((h) => h.tokens.includes(i)) && !codes.some((h) => h.tokens.includes(i)),
  );
  const structural = findAllPhrases(index.costCentreWords, tokens, notPeriod);
  const notStructural = (i: number) => notPeriod(i) && !structural.some((h) => h.tokens.includes(i));
  const hits: LexiconHits = {
    follow,
    topics,
    intents: found,
    spend: findAllPhrases(index.spendVerbs, tokens, notPeriod),
    accounts: overNames(
      st,
      index.accounts,
      notStructural,
      (i) => !structural.some((h) => h.tokens.includes(i)),
    ),
    itemTypes: overNames(st, index.lineItemTypes, notPeriod),
    measures: overNames(st, index.measures, notPeriod),
    areas: findAllPhrases(index.serviceAreaWords, tokens, notPeriod),
    totals: findAllPhrases(index.totalWords, tokens, notPeriod),
    tables: findAllPhrases(index.tableHints, tokens, notPeriod),
    ascending: findAllPhrases(index.ascending, tokens, notPeriod),
    change: findAllPhrases(index.change, tokens, notPeriod),
    under: findAllPhrases(index.under, tokens, notPeriod),
    // Pace words may be intent words too ("ylittymässä"): read without taking them.
    pace: findAllPhrases(index.pace, tokens, (i) => !period.used.has(i)),
    share: findAllPhrases(index.share, tokens, notPeriod),
    // "of it", not "of IT" (a name in capitals).
    within: findAllPhrases(index.within, tokens, (i) => notPeriod(i) && !isAcronym(tokens[i]!.raw)),
    metric: findAllPhrases(index.rankMetric, tokens, notPeriod),
    percent: findAllPhrases(index.percentWords, tokens, notPeriod),
    signal: false,
  };
  hits.intents = readCommands(st, hits);
  take(hits.intents);
  take([
    // Pace words are lexicon words wherever they stand ("tahtia nopeammin"), unless plainly a name.
    ...hits.pace.filter((h) => h.tokens.every((i) => !st.nameWords.has(i))),
    ...hits.spend,
    ...hits.measures,
    ...hits.areas,
    ...hits.totals,
    ...hits.tables,
    ...hits.ascending,
    ...hits.change,
    ...hits.under,
    ...hits.share,
    ...hits.within,
    ...hits.metric,
    ...hits.percent,
    ...structural,
    ...findAllPhrases(index.fillerWords, tokens, notPeriod),
  ]);
  tokens.forEach((t, i) => {
    // "IT" in capitals is a name; "it" is a pronoun.
    if (index.stopwords[st.lang].has(t.fold) && !isAcronym(t.raw)) used.add(i);
  });
  hits.signal = used.size > 0 || hits.accounts.length > 0 || hits.itemTypes.length > 0;
  // A lexicon word said twice is the same word both times (a phrase hit takes only its first).
  const lexiconFolds = new Set([...used].map((i) => tokens[i]!.fold));
  tokens.forEach((t, i) => {
    if (lexiconFolds.has(t.fold) && !period.used.has(i)) used.add(i);
  });
  return hits;
}

/** Whether one place lies under another ("Tekninen toimi" over "Toimistopalvelut (Hallinto, Tekninen toimi)"). */
export function isAncestor(paths: ReadonlyMap<string, string[]>, parent: string, child: string): boolean {
  const p = paths.get(parent);
  const c = paths.get(child);
  return !!p && !!c && c.length > p.length && p.every((n, i) => c[i] === n);
}

/**
 * Of the places a name could mean, those under the parent the question names ("Teknisen toimen
 * toimistopalvelut", "Sivistyspalveluiden hallinto"), the nearest ones first: the area's own
 * result area "Hallinto" before the "Hallinto" cost centres further down. Empty when no parent
 * of any of them is named.
 */
export function underParents(
  paths: ReadonlyMap<string, string[]>,
  parents: readonly string[],
  candidates: readonly string[],
): { parents: string[]; under: string[] } {
  const named = parents.filter((p) => candidates.some((c) => isAncestor(paths, p, c)));
  const under = candidates.filter((c) => named.some((p) => isAncestor(paths, p, c)));
  if (under.length === 0) return { parents: [], under: [] };
  const depth = (c: string) => paths.get(c)?.length ?? 0;
  const nearest = Math.min(...under.map(depth));
  return { parents: named, under: under.filter((c) => depth(c) === nearest) };
}

/**
 * A name under several parents, asked with a parent named, is the one under that parent: the
 * parent only says which ("Ympäristöpalveluiden laskutus" is Laskutus of Ympäristöpalvelut, not
 * the area beside it). Other names of the question are picked as before.
 */
function byParents(
  pick: NamePick,
  candidates: readonly NameMatch[],
  adjust: (m: NameMatch) => number,
  paths: ReadonlyMap<string, string[]>,
): NamePick {
  const amb = pick.ambiguous;
  if (!amb) return pick;
  const rest = pickNames(
    candidates.filter((m) => !m.tokens.some((t) => amb.tokens.includes(t))),
    adjust,
  );
  const others = [...pick.chosen, ...rest.chosen.filter((m) => !pick.chosen.some((c) => c.key === m.key))];
  const names = amb.candidates.map((m) => m.target.name);
  const { parents, under } = underParents(
    paths,
    others.map((m) => m.target.name),
    names,
  );
  if (under.length === 0) return pick;
  const chosen = others.filter((m) => !parents.includes(m.target.name));
  const kept = amb.candidates.filter((m) => under.includes(m.target.name));
  if (kept.length === 1) return { chosen: [...chosen, kept[0]!], ambiguous: rest.ambiguous };
  return { chosen, ambiguous: { tokens: amb.tokens, candidates: kept } };
}

// A shared first word is read as the start of several names only when it is this long.
const MIN_SHARED_WORD = 4;

/**
 * "Harjulan menot": a word that begins several places' names (Harjulan koulu, Harjulan kirjasto,
 * Harjulan päiväkoti), where the question names no place, is one of them: ask which. (One such
 * name alone is left to the closest-names answer: a modifier rarely means the name.)
 */
function sharedFirstWord(pick: NamePick, st: ReadState): NamePick {
  if (pick.ambiguous || pick.chosen.some((m) => m.target.kind !== 'label')) return pick;
  const { tokens, used, index } = st;
  // A word of a row already read ("Staff expenses") is that row's, not the start of a place's name.
  const read = new Set(pick.chosen.flatMap((m) => m.tokens));
  for (let i = 0; i < tokens.length; i++) {
    const fold = tokens[i]!.fold;
    if (used.has(i) || read.has(i) || fold.length < MIN_SHARED_WORD || index.lexiconWords.exact.has(fold))
      continue;
    const byTarget = new Map<string, NameMatch>();
    for (const v of index.names.byFirstWord.get(fold) ?? [])
      if (!byTarget.has(v.key))
        byTarget.set(v.key, {
          target: v.target,
          key: v.key,
          score: ACCEPT_SCORE,
          tokens: [i],
          variant: v.text,
        });
    if (byTarget.size >= 2)
      return { chosen: pick.chosen, ambiguous: { tokens: [i], candidates: [...byTarget.values()] } };
  }
  return pick;
}

/**
 * "Sivistyspalveluiden vuokrat", "Harjulan koulun vuokrat": a cost centre's name ("Vuokrat",
 * elsewhere in the city) that is also a ledger line, said right after another place that is not
 * its parent, is that place's line, not a second place to compare it with; named alone in a list
 * over places ("mikä tulosalue käytti eniten vuokriin?") it is the line of each.
 */
function rowOfPlaceBefore(
  pick: NamePick,
  candidates: readonly NameMatch[],
  paths: ReadonlyMap<string, string[]>,
  lex: LexiconHits,
): void {
  const isPlace = (m: NameMatch) => m.target.kind === 'costCentre' || m.target.kind === 'serviceArea';
  // "Mikä tulosalue käytti eniten vuokriin?": a list over places asks a line of each, not that place.
  const list = lex.intents.some((h) => h.phrase.value === 'ranking' || h.phrase.value === 'overBudget');
  for (const [i, m] of pick.chosen.entries()) {
    if (m.target.kind !== 'costCentre') continue;
    const first = Math.min(...m.tokens);
    const before = pick.chosen.find((o) => o !== m && isPlace(o) && Math.max(...o.tokens) === first - 1);
    const alone = pick.chosen.length === 1 && list;
    if (!alone && (!before || isAncestor(paths, before.target.name, m.target.name))) continue;
    const row = candidates.find(
      (c) =>
        c.target.kind === 'label' &&
        c.target.table === 'accounts' &&
        c.target.name === m.target.name &&
        c.tokens.length === m.tokens.length &&
        c.tokens.every((t, k) => t === m.tokens[k]),
    );
    if (row) pick.chosen[i] = row;
  }
}

/** City words that are not part of a longer name the question says ("the city board" is Kaupunginhallitus). */
function withoutLongerNames(
  hits: PhraseHit<true>[],
  st: ReadState,
  accountTokens: ReadonlySet<number>,
): PhraseHit<true>[] {
  if (hits.length === 0) return hits;
  const names = findNameCandidates(
    st.tokens,
    (i) => !st.used.has(i),
    st.index.names,
    undefined,
    (i) => accountTokens.has(i),
    st.match,
  ).filter((m) => m.target.kind !== 'city' && m.target.kind !== 'label');
  return hits.filter(
    (h) =>
      !names.some((m) => h.tokens.every((i) => m.tokens.includes(i)) && m.tokens.length > h.tokens.length),
  );
}

/**
 * Whether a message reads as a question: a question word anywhere ("paljonko", "how"), a
 * question opener first ("is", "did"), a Finnish question word first ("Tuliko", "Ylittyykö"),
 * or a question mark at its end.
 */
export function readsAsQuestion(st: ReadState): boolean {
  const { tokens, index } = st;
  const { questionWords, questionOpeners } = index.commands;
  if (/\?\s*$/.test(st.text)) return true;
  if (findAllPhrases(questionWords, tokens, () => true).length > 0) return true;
  if (findAllPhrases(questionOpeners, tokens, (i) => i === 0).some((h) => h.tokens[0] === 0)) return true;
  const first = tokens[0];
  return (
    first !== undefined &&
    !st.nameWords.has(0) &&
    first.fold.length >= 5 &&
    /k[oö]$/.test(first.raw.toLowerCase())
  );
}

/**
 * Whether a message asks for nothing but a command: no figure, row, period or other data
 * question beside a bare command word ("lopeta", "lopeta Tietohallinto", "stop please").
 */
function asksNothingElse(st: ReadState, lex: LexiconHits, others: readonly PhraseHit<Intent>[]): boolean {
  const asked = [
    lex.topics,
    lex.spend,
    lex.accounts,
    lex.itemTypes,
    lex.measures,
    lex.areas,
    lex.totals,
    lex.tables,
    lex.change,
    lex.under,
    lex.pace,
    lex.metric,
  ];
  return (
    st.period.used.size === 0 &&
    asked.every((hits) => hits.length === 0) &&
    others.every((h) => !isDataIntent(h.phrase.value))
  );
}

/**
 * Pass 2b: commands that change state (subscribe, unsubscribe) only from an unambiguous command:
 * a phrase naming an alert or a subscription ("lopeta hälytykset", "tilaa hälytys"), or a bare
 * command ("lopeta", "stop") in a message that asks nothing else. A message that reads as a
 * question is never such a command: with an alert word it asks about the alerts (their list),
 * otherwise it is a data question ("Perusopetuksen menot", "paljonko tilaa on budjetissa?").
 */
export function readCommands(st: ReadState, lex: LexiconHits): PhraseHit<Intent>[] {
  const { commands } = st.index;
  const changes = (h: PhraseHit<Intent>) => questionKind(h.phrase.value).changesState;
  const others = lex.intents.filter((h) => !changes(h));
  const strong = lex.intents.filter(changes);
  const usable = lexiconUsable(st);
  const bare = strong.length > 0 ? [] : findAllPhrases(commands.bare, st.tokens, usable);
  let out = others;
  if (readsAsQuestion(st)) {
    // "Mikä on hälytysraja?", "How do I unsubscribe?": a question about the alerts lists them.
    const alert = findAllPhrases(commands.alertWords, st.tokens, usable)[0];
    const listed = others.some((h) => h.phrase.value === 'listSubscriptions');
    if (strong.length + bare.length > 0 && alert && !listed)
      out = [
        { phrase: { ...alert.phrase, value: 'listSubscriptions' as const }, tokens: alert.tokens },
        ...others,
      ];
  } else if (strong.length > 0) out = [...strong, ...others];
  else if (bare.length > 0 && asksNothingElse(st, lex, others)) out = [bare[0]!, ...others];
  const rank = (h: PhraseHit<Intent>) => commands.order.indexOf(h.phrase.value);
  return out
    .map((h, i) => ({ h, i }))
    .sort((a, b) => rank(a.h) - rank(b.h) || a.i - b.i)
    .map(({ h }) => h);
}

/** The names found in a message: subjects, a row label, or the place where two are equally good. */
export interface NameReading {
  subjects: Subject[];
  label: NameMatch | null;
  ambiguous: { tokens: number[]; candidates: NameMatch[] } | null;
  /** Words of the named subjects (not of a row label). */
  subjectTokens: Set<number>;
  /** The service area of the names, else the store's first: what "yhteensä" and a row label belong to. */
  area: string | null;
  /** The city was named ("Kemijärven menot", "koko kaupunki"): every service area, not a cost centre named after it. */
  city: boolean;
  /** The service area is a subject only because a row of its own was named ("henkilöstökulut"), not named itself. */
  areaImplied: boolean;
}

/**
 * Pass 3: names, on the words no lexicon entry claimed: cost centres, service areas and row
 * labels, a table hint favouring its labels. Another way of saying a chosen name, and a name
 * said twice, are that name too.
 */
export function readNames(st: ReadState, lex: LexiconHits): NameReading {
  const { index, tokens, used } = st;
  const hinted = new Set<LabelTable>(lex.tables.map((h) => h.phrase.value));
  const accountFolds = new Set(
    [...lex.accounts, ...lex.itemTypes].flatMap((h) => h.tokens.map((i) => tokens[i]!.fold)),
  );
  const accountTokens = new Set(tokens.flatMap((t, i) => (accountFolds.has(t.fold) ? [i] : [])));
  // "koko kaupungin" is the city before it is part of any name ("Kaupunginhallitus").
  // (Its words may be function words elsewhere: "kaupungin" is a stopword on its own.)
  // A name that takes the city word and more ("city board", "city council") is that name.
  const cityHits = withoutLongerNames(
    findAllPhrases(index.cityWords, tokens, () => true),
    st,
    accountTokens,
  );
  for (const h of cityHits) for (const i of h.tokens) used.add(i);
  // A period finer than the data ("viikolla") is no name, though it reads like one ("virat").
  const finer = new Set(st.period.finerTokens);
  const candidates = findNameCandidates(
    tokens,
    (i) => !used.has(i) && !finer.has(i),
    index.names,
    undefined,
    (i) => accountTokens.has(i),
    st.match,
  );
  const adjust = labelPreference(hinted, index.tablePreference);
  const kept = candidates.filter((m) => !subtotalOfAnother(st, lex, hinted, m));
  const pick = sharedFirstWord(byParents(pickNames(kept, adjust), kept, adjust, index.placePaths), st);
  // An account word that is a place's own name ("Laskutus menot") names the place, not the account.
  const placeTokens = new Set(
    [...pick.chosen, ...(pick.ambiguous?.candidates ?? [])]
      .filter((m) => m.target.kind === 'costCentre' || m.target.kind === 'serviceArea')
      .flatMap((m) => m.tokens),
  );
  lex.accounts = lex.accounts.filter((h) => !h.tokens.every((i) => placeTokens.has(i)));
  headOfCostCentre(st, lex, pick);
  rowOfPlaceBefore(pick, kept, index.placePaths, lex);
  for (const h of [...lex.accounts, ...lex.itemTypes]) for (const i of h.tokens) used.add(i);
  for (const m of pick.chosen) for (const i of [...m.tokens, ...(m.cover ?? [])]) used.add(i);
  const chosenNames = new Set(pick.chosen.map((m) => m.target.name));
  const leftover = (i: number) => !used.has(i) && LETTER.test(tokens[i]!.fold);
  if (chosenNames.size > 0 && tokens.some((_, i) => leftover(i))) {
    for (const m of findNameCandidates(tokens, leftover, index.names, undefined, () => false, st.match))
      if (chosenNames.has(m.target.name)) for (const i of m.tokens) used.add(i);
  }
  const chosenFolds = new Set(pick.chosen.flatMap((m) => m.tokens.map((i) => tokens[i]!.fold)));
  tokens.forEach((t, i) => {
    if (chosenFolds.has(t.fold)) used.add(i);
  });
  if (pick.ambiguous) for (const m of pick.ambiguous.candidates) for (const i of m.tokens) used.add(i);

  const subjects: Subject[] = [];
  // A place named by its code ("kp 2202") is that place, before any name.
  for (const c of st.codes)
    if (c.place && !subjects.some((s) => s.name === c.place!.target.name))
      subjects.push({ kind: c.place.target.kind as Subject['kind'], name: c.place.target.name });
  let label: NameMatch | null = null;
  let city = cityHits.length > 0;
  // "twin town activities": a name read from one word ("activities" of "other activities")
  // right after a name read in full is that name's word, not a second subject.
  const full = pick.chosen.filter((m) => m.score >= PARTIAL_NAME);
  // Right after: only function words between ("twin city activities": "city" is one).
  const after = (at: number, end: number) => {
    if (at <= end) return false;
    for (let i = end + 1; i < at; i++) {
      const fold = tokens[i]!.fold;
      if (!index.stopwords.fi.has(fold) && !index.stopwords.en.has(fold)) return false;
    }
    return true;
  };
  const touching = (m: NameMatch, n: NameMatch) =>
    after(Math.min(...m.tokens), Math.max(...n.tokens)) ||
    after(Math.min(...n.tokens), Math.max(...m.tokens));
  const isLabel = (m: NameMatch) => m.target.kind === 'label';
  const beside = (m: NameMatch) =>
    m.score < PARTIAL_NAME &&
    m.tokens.length === 1 &&
    full.some((n) => n !== m && !(isLabel(m) && isLabel(n)) && touching(m, n));
  let ambiguous = pick.ambiguous;
  for (const m of [...pick.chosen].filter((c) => !beside(c)).sort((a, b) => a.tokens[0]! - b.tokens[0]!)) {
    const target = m.target;
    if (target.kind === 'city') city = true;
    else if (target.kind === 'label') {
      // "Henkilöstömenot per asukas": two rows side by side are a row the data does not print;
      // ask which of the two is meant rather than answer one of them as if it were asked.
      const joined = (a: NameMatch, b: NameMatch) =>
        tokens.some(
          (t, i) =>
            index.conjunctions.has(t.fold) &&
            i > Math.min(...a.tokens, ...b.tokens) &&
            i < Math.max(...a.tokens, ...b.tokens),
        );
      if (label && !ambiguous && label.target.name !== target.name && touching(label, m) && !joined(label, m))
        ambiguous = { tokens: [...label.tokens, ...m.tokens].sort((a, b) => a - b), candidates: [label, m] };
      if (!label || m.score > label.score) label = m;
    } else if (!subjects.some((s) => s.name === target.name))
      subjects.push({ kind: target.kind, name: target.name });
  }
  return {
    subjects,
    label,
    ambiguous,
    subjectTokens: new Set([
      ...pick.chosen.filter((m) => m.target.kind !== 'label').flatMap((m) => m.tokens),
      ...st.codes.flatMap((c) => (c.place ? c.tokens : [])),
    ]),
    area:
      st.codes.map((c) => c.place?.target.serviceArea).find((a): a is string => !!a) ??
      pick.chosen.map((m) => m.target.serviceArea).find((a): a is string => !!a) ??
      index.serviceAreas[0] ??
      null,
    city,
    areaImplied: false,
  };
}

/**
 * "Hyvinvointipalveluiden menot": an investment table's subtotal named after another
 * organisation ("Hyvinvointipalvelut yhteensä", its IT investments) is not that organisation's
 * expenses. Asked with a cost centre's account and no word of investments, it is not the row.
 */
function subtotalOfAnother(
  st: ReadState,
  lex: LexiconHits,
  hinted: ReadonlySet<LabelTable>,
  m: NameMatch,
): boolean {
  if (m.target.kind !== 'label' || m.target.table !== 'investments' || hinted.has('investments'))
    return false;
  const last = tokenize(m.target.name).at(-1)?.fold ?? '';
  if (!st.index.totalWords.some((p) => p.words.length === 1 && wordMatches(p.words[0]!, last))) return false;
  const verbs = verbTokens(st, lex);
  return lex.accounts.some((h) => !h.tokens.every((i) => verbs.has(i)));
}

// A name read from its head word alone ("avustus" of "Yksinyrittäjän avustus") scores at least
// this; from a modifier alone ("Yksinyrittäjän") less.
const HEAD_OF_NAME = 0.62;

/**
 * "Avustuksen menot 2020": a row label ("Avustukset") whose words are also the head word of a
 * cost centre's name ("Yksinyrittäjän avustus"), asked with a cost centre's account ("menot"):
 * either is meant, so ask which instead of answering the row.
 */
function headOfCostCentre(st: ReadState, lex: LexiconHits, pick: NamePick): void {
  const row = pick.chosen.find((m) => m.target.kind === 'label');
  // The account said by a noun ("menot"): a payment verb ("avustuksia on maksettu") asks the row.
  const verbs = verbTokens(st, lex);
  const byNoun = lex.accounts.some((h) => !h.tokens.every((i) => verbs.has(i)));
  if (pick.ambiguous || !row || !byNoun || pick.chosen.some((m) => m.target.kind !== 'label')) return;
  const same = (m: NameMatch) =>
    m.tokens.length === row.tokens.length && m.tokens.every((t, i) => t === row.tokens[i]);
  const heads = findNameCandidates(
    st.tokens,
    (i) => row.tokens.includes(i),
    st.index.names,
    HEAD_OF_NAME,
    undefined,
    st.match,
  ).filter((m) => m.target.kind === 'costCentre' && same(m));
  if (heads.length > 0) pick.ambiguous = { tokens: row.tokens, candidates: [row, ...heads.slice(0, 3)] };
}

/** Adds the service area to the subjects, once. */
function addArea(names: NameReading, area: string | null): void {
  if (area && !names.subjects.some((s) => s.name === area))
    names.subjects.push({ kind: 'serviceArea', name: area });
}

/**
 * Pass 4: the service area as a subject. "menot yhteensä" is the area's total; "X ja Y
 * yhteensä" is X and Y together; "Tietosuojan investoinnit yhteensä" is about that item; a row
 * label with no cost centre is the area's row.
 */
export function readArea(lex: LexiconHits, names: NameReading, serviceAreas: readonly string[] = []): void {
  const { label } = names;
  // The city is every service area the store holds, unless a cost centre is named too.
  if (names.city && !names.subjects.some((s) => s.kind === 'costCentre'))
    for (const area of serviceAreas) addArea(names, area);
  const itemRow = label?.target.kind === 'label' && label.target.table === 'investments';
  const costCentreNamed = () => names.subjects.some((s) => s.kind === 'costCentre');
  if (lex.areas.length > 0 || (lex.totals.length > 0 && !itemRow && !costCentreNamed()))
    addArea(names, names.area);
  if (label && !costCentreNamed() && names.subjects.length === 0) {
    // A ledger line asked of no one ("palvelujen ostot 2023") is the whole store's: the city's where it has one.
    const whole =
      label.target.kind === 'label' && label.target.table === 'accounts' && serviceAreas.length === 1;
    addArea(names, whole ? serviceAreas[0]! : (label.target.serviceArea ?? names.area));
    names.areaImplied = true;
  }
}

/** Numbers: an alert's threshold and a ranking's length. */
export interface NumberReading {
  threshold: string | null;
  topN: number | null;
}

/** Pass 5: numbers: a threshold ("80 %", in an alert request a bare 80), then a top N ("top 5", "viisi suurinta"). */
export function readNumbers(st: ReadState, lex: LexiconHits, subscription: boolean): NumberReading {
  const { text, tokens, used, index } = st;
  let threshold = thresholdOf(text, tokens, lex.percent, used);
  if (threshold === null && subscription) {
    const at = tokens.findIndex(
      (t, i) => !used.has(i) && /^\d{1,3}$/.test(t.fold) && Number(t.fold) >= 1 && Number(t.fold) <= 100,
    );
    if (at >= 0) {
      used.add(at);
      threshold = money(tokens[at]!.fold).div(100).toString();
    }
  }
  let topN: number | null = null;
  tokens.forEach((t, i) => {
    if (used.has(i) || topN !== null) return;
    const n = /^\d{1,3}$/.test(t.fold) ? Number(t.fold) : (index.numberWords.get(t.fold) ?? null);
    if (n !== null && n >= 1 && n <= 100) {
      topN = n;
      used.add(i);
    }
  });
  return { threshold, topN };
}

/** Pass 6: which kind of column is asked: budget, actual (both: their comparison), plan. */
/**
 * "Henkilöstömenot TS 2022 vuoden 2020 talousarviossa": a column code with its own year ("TS
 * 2022") and another year named as the document's ("vuoden 2020 talousarviossa"). The code's
 * year and measure are asked (as printed in that document), not a change between the two years.
 */
export function readColumnInDocument(
  st: ReadState,
  lex: LexiconHits,
): { measure: Measure; bothMeasures: false; year: number } | null {
  if (st.period.years.length !== 2 || st.period.range) return null;
  const yearAt = (i: number) =>
    /^\d{4}$/.test(st.tokens[i]?.fold ?? '') ? Number(st.tokens[i]!.fold) : null;
  const doc = findAllPhrases(st.index.documentYear, st.tokens, () => true)
    .map((h) => {
      const inside = [];
      for (let i = Math.min(...h.tokens) + 1; i < Math.max(...h.tokens); i++)
        if (yearAt(i) !== null) inside.push(i);
      return inside.length === 1 ? yearAt(inside[0]!) : null;
    })
    .find((y) => y !== null);
  if (doc === undefined || doc === null) return null;
  const coded = lex.measures
    .filter((h) => h.tokens.length === 1 && /^[a-z]{2,3}$/.test(st.tokens[h.tokens[0]!]!.fold))
    .map((h) => ({ measure: h.phrase.value, year: yearAt(h.tokens[0]! + 1) }))
    .find((c) => c.year !== null && c.year !== doc && st.period.years.includes(c.year));
  return coded ? { measure: coded.measure, bothMeasures: false, year: coded.year! } : null;
}

export function readMeasure(lex: LexiconHits): { measure: Measure | null; bothMeasures: boolean } {
  const measures = new Set(lex.measures.map((h) => h.phrase.value));
  const bothMeasures = measures.has('budget') && measures.has('actual');
  if (bothMeasures) return { measure: null, bothMeasures };
  const measure = (['budget', 'actual', 'plan'] as const).find((m) => measures.has(m)) ?? null;
  return { measure, bothMeasures };
}

/** Pass 6b: whether a comparison's other side is the budget (see Reading.comparedWithBudget). */
export function readComparedWithBudget(st: ReadState, lex: LexiconHits, bothMeasures: boolean): boolean {
  if (lex.intents[0]?.phrase.value !== 'compare') return false;
  // "muuttuu vuoden 2022 määrärahoissa": a change word compares the budget with itself.
  const changeOnly = new Set(
    findAllPhrases(st.index.changeOnly, st.tokens, () => true).flatMap((h) => h.tokens),
  );
  const compare = lex.intents.find(
    (h) => h.phrase.value === 'compare' && !h.tokens.some((i) => changeOnly.has(i)),
  );
  if (!compare) return false;
  const budget = lex.measures.filter((h) => h.phrase.value === 'budget');
  if (budget.length === 0) return false;
  const at = Math.min(...compare.tokens);
  return bothMeasures || lex.spend.length > 0 || budget.some((h) => Math.min(...h.tokens) > at);
}

/** The tokens of spending and income verbs ("käytetty", "tuotti"): they name an account only by an action. */
function verbTokens(st: ReadState, lex: LexiconHits): Set<number> {
  const earn = findAllPhrases(st.index.earnVerbs, st.tokens, lexiconUsable(st));
  return new Set([...lex.spend, ...earn].flatMap((h) => h.tokens));
}

/** The account said first, by a noun when there is one ("tuotti voittoa" is the net result, not revenue). */
function accountNamed(st: ReadState, lex: LexiconHits): PhraseHit<string> | null {
  const verbs = verbTokens(st, lex);
  const byNoun = lex.accounts.filter((h) => !h.tokens.every((i) => verbs.has(i)));
  return earliest(byNoun) ?? earliest(lex.accounts);
}

/** The row asked: the account or label, the table it lives in, and whether a printed change row was meant. */
export interface RowReading {
  label: NameMatch | null;
  account: string | null;
  table: Query['table'];
  printedChange: boolean;
  /** The account came only from a spending or payment verb ("käytetty", "maksettu"). */
  accountFromVerb: boolean;
}

/**
 * Pass 7: the row. A label's change row when a change in % of it is asked ("Henkilöstömenojen
 * muutos % 2023"); else the label, an expense type, or an account; a table named without a row
 * ("investoinnit 2021") asks for the whole table, which is the service area's.
 */
export function readRow(st: ReadState, lex: LexiconHits, names: NameReading): RowReading {
  let label = names.label;
  let printedChange = false;
  if (label && lex.intents[0]?.phrase.value === 'compare' && lex.percent.length > 0) {
    const printed = changeRowOf(label, st.index);
    if (printed) {
      label = printed;
      printedChange = true;
    }
  }
  // "Suurimmat menoerät kustannuspaikoittain": broken down by cost centre, the expense-type word
  // names only the account; its rows are the cost centres.
  const byCostCentre = findAllPhrases(st.index.byCostCentre, st.tokens, () => true).length > 0;
  const typeHit = earliest(lex.itemTypes);
  const itemType = byCostCentre ? null : typeHit;
  const accountHit = accountNamed(st, lex) ?? (byCostCentre ? typeHit : null);
  const account = label
    ? label.target.name
    : itemType
      ? itemType.phrase.value
      : (accountHit?.phrase.value ?? null);
  const hinted = new Set(lex.tables.map((h) => h.phrase.value));
  const hintedTable = hinted.size === 1 ? [...hinted][0]! : null;
  const table: Query['table'] =
    label && label.target.kind === 'label'
      ? label.target.table
      : itemType
        ? 'operatingStatement'
        : hintedTable;
  if (!label && hintedTable && !names.subjects.some((s) => s.kind === 'costCentre'))
    addArea(names, names.area);
  // "paljonko on maksettu?": a payment verb asks for the actual; it names no account of its own.
  const fromVerb =
    !label &&
    !itemType &&
    accountHit?.tokens.every((i) => lex.spend.some((h) => h.tokens.includes(i))) === true;
  return { label, account, table, printedChange, accountFromVerb: fromVerb };
}

// An organisation's name is read back this many words before its marker ("Kemijärven Kehitys Oy").
const ORGANISATION_WORDS = 3;

/**
 * Pass 7b: a company's or association's name ("Kemijärven Kehitys Oy:n avustus"): the marker and
 * the words before it, unless they are a cost centre or row the data has. The city's name and
 * lexicon words inside it ("Kehitys") are part of the name, not questions of their own.
 */
export function readOrganisation(st: ReadState, names: NameReading): number[] {
  const { tokens, index } = st;
  const markers = findAllPhrases(index.organisationMarkers, tokens, () => true);
  for (const hit of markers) {
    const at = Math.min(...hit.tokens);
    const words: number[] = [];
    for (let i = at - 1; i >= 0 && words.length < ORGANISATION_WORDS; i--) {
      const t = tokens[i]!;
      if (st.period.used.has(i) || index.stopwords[st.lang].has(t.fold) || !LETTER.test(t.fold)) break;
      words.unshift(i);
    }
    if (words.length === 0) continue;
    const known = names.subjectTokens;
    if (words.some((i) => known.has(i)) && !names.city) continue;
    return [...words, ...hit.tokens];
  }
  return [];
}

/** Pass 8: the words no pass read. Short capitals ("KV", "HR") are abbreviations: unknown unless something took them. */
export function unreadWords(st: ReadState): number[] {
  const unknown: number[] = [];
  st.tokens.forEach((t, i) => {
    const word = t.fold.length >= 3 || (t.fold.length === 2 && isAcronym(t.raw));
    if (!st.used.has(i) && word && LETTER.test(t.fold)) unknown.push(i);
  });
  return unknown;
}

/**
 * The intent the lexicon words say: the first one found, except that "which service areas" or
 * "mitkä kustannuspaikat" with a budget condition or a ranking word is that list ("Which service
 * areas went over budget?"), not a question about what the data holds.
 */
function listAsked(lex: LexiconHits): Intent | null {
  const first = lex.intents[0]?.phrase.value ?? null;
  if (first !== 'dataInfo') return first;
  const values = lex.intents.map((h) => h.phrase.value);
  if (values.includes('overBudget') || values.includes('budgetVsActual')) return 'overBudget';
  if (values.includes('ranking')) return 'ranking';
  return first;
}

/** Every top-level account named, in the order said; one named only by a verb beside a noun is not another. */
function accountsNamed(st: ReadState, lex: LexiconHits): string[] {
  const verbs = verbTokens(st, lex);
  const byNoun = lex.accounts.filter((h) => !h.tokens.every((i) => verbs.has(i)));
  const hits = byNoun.length > 0 ? byNoun : lex.accounts;
  return [...new Set([...hits].sort((a, b) => a.tokens[0]! - b.tokens[0]!).map((h) => h.phrase.value))];
}

/** Reads a message: its words, period, lexicon words, names, numbers and row, and the words left unknown. */
export function readMessage(text: string, previous: Query | null, index: UnderstandingIndex): Reading {
  const st = readWords(text, previous, index);
  const lex = readLexicon(st);
  const explicit = listAsked(lex);
  const subscription = explicit !== null && readsExtra(explicit, 'subscription');
  // An alert request's quiet period, before names and the bare-number threshold can claim its words.
  const quietDays = subscription ? quietPeriod(st.tokens, index, lexiconUsable(st), st.used) : null;
  const names = readNames(st, lex);
  // A store with the city's own total answers the city with it; otherwise every area together.
  readArea(lex, names, index.cityNode ? [index.cityNode] : index.serviceAreas);
  const numbers = readNumbers(st, lex, subscription);
  const inDocument = readColumnInDocument(st, lex);
  const { measure, bothMeasures } = inDocument ?? readMeasure(lex);
  const row = readRow(st, lex, names);
  // "Ympäristönsuojelun menot 2021": a topic word inside a name asked for its figures is a name
  // we lack, not a what/why question: its words are left unread.
  const asksFigure = lex.accounts.length > 0 || lex.spend.length > 0 || lex.measures.length > 0;
  const topics = asksFigure && row.label === null ? [] : lex.topics;
  if (topics.length === 0) for (const h of lex.topics) for (const i of h.tokens) st.used.delete(i);
  const unknownOrganisation = readOrganisation(st, names);
  const termHit = earliest(findAllPhrases(index.glossary, st.tokens, () => true));
  const unknown = unreadWords(st);
  const { subjects } = names;
  return {
    lang: st.lang,
    tokens: st.tokens,
    explicit: row.printedChange ? 'figure' : explicit,
    followUp: lex.follow !== null,
    subjects,
    label: row.label,
    account: row.account,
    accountsNamed: accountsNamed(st, lex),
    table: row.table,
    measure,
    bothMeasures,
    spendVerb: lex.spend.length > 0,
    comparedWithBudget: readComparedWithBudget(st, lex, bothMeasures),
    // "vuoden 2020 taloussuunnitelmassa vuodelle 2022": the plan's year is 2022, made in 2020.
    years: inDocument
      ? [inDocument.year]
      : measure === 'plan' && st.period.years.length === 2 && !st.period.range && st.period.forYear !== null
        ? [st.period.forYear]
        : st.period.years,
    asOf: st.period.asOf,
    periodNote: st.period.periodNote,
    range: st.period.range,
    countedFrom: st.period.countedFrom,
    finerPeriod: st.period.finer,
    impossibleDate: st.period.impossible,
    month: st.period.month,
    fromMonth: st.period.fromMonth,
    yearless: st.period.yearless,
    sameDate: st.period.sameDate,
    shifted: st.period.shifted,
    yearEnd: st.period.yearEnd,
    byMonth: st.period.byMonth,
    topN: numbers.topN,
    ascending: lex.ascending.length > 0,
    change: earliest(lex.change)?.phrase.value ?? null,
    under: lex.under.length > 0,
    pace: lex.pace.length > 0,
    rankMetric: lex.metric[0]?.phrase.value ?? null,
    combine:
      subjects.length >= 2
        ? lex.share.length > 0
          ? 'share'
          : lex.totals.length > 0 && subjects.filter((s) => s.kind === 'costCentre').length >= 2
            ? 'total'
            : null
        : null,
    topic: earliest(topics)?.phrase.value ?? null,
    threshold: numbers.threshold,
    quietDays,
    unknown,
    ambiguous: names.ambiguous,
    unknownBesideName: unknown.filter((u) => joinedToName(u, st.tokens, index, st.lang, names.subjectTokens)),
    // "teknisen toimen menot", "kaupunginjohtajan palkka": an unknown word right before a row
    // label says whose row is asked, and that is no one we know.
    unknownOwner:
      row.label && !subjects.some((s) => s.kind === 'costCentre')
        ? unknown.filter((u) => u === Math.min(...row.label!.tokens) - 1)
        : [],
    signal: lex.signal,
    city: names.city && !subjects.some((s) => s.kind === 'costCentre'),
    areaImplied: names.areaImplied,
    accountFromVerb: row.accountFromVerb,
    percentWord: lex.percent.length > 0,
    moneyWord: findAllPhrases(index.moneyWords, st.tokens, () => true).length > 0,
    within: lex.within.length > 0,
    unknownOrganisation,
    dataTopic: earliest(findAllPhrases(index.dataTopics, st.tokens, () => true))?.phrase.value ?? null,
    term: termHit?.phrase.value ?? null,
    termIsCode: termHit?.tokens.every((i) => isAcronym(st.tokens[i]!.raw)) === true,
    codes: st.codes,
  };
}
