import { changeRowLabel } from '../domain/fact';
import { money } from '../domain/money';
import type { Intent, Lang, Measure, Query, Subject } from '../domain/query';
import { readsExtra } from '../domain/question-kinds';
import { editDistance } from '../text/edit-distance';
import { detectLanguage } from './detect-language';
import {
  findNameCandidates,
  labelPreference,
  memoMatchWord,
  type NameMatch,
  pickNames,
  WORD_SCORE,
} from './match-cost-centre';
import { isAcronym, type LabelTable, type VocabWord } from './name-index';
import { type Token, tokenize } from './normalize-text';
import { findAllPhrases, type PhraseHit } from './phrase-matcher';
import { resolvePeriod } from './resolve-period';
import type { UnderstandingIndex } from './understanding-index';

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
  years: number[];
  asOf: string | null;
  periodNote: string | null;
  range: boolean;
  topN: number | null;
  ascending: boolean;
  /** Named subjects are asked for together ("X ja Y yhteensä") or as a share ("X:n osuus Y:stä"). */
  combine: 'total' | 'share' | null;
  /** Under-budget or behind-pace words ("alittaneet", "behind"). */
  under: boolean;
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

/** Reads a message: language, period, lexicon words, names, numbers, and the words left unknown. */
export function readMessage(text: string, previous: Query | null, index: UnderstandingIndex): Reading {
  const match = memoMatchWord(index.names);
  const tokens = repairLexiconTypos(tokenize(text, MAX_TOKENS), index, match);
  const lang = detectLanguage(tokens, index.langWords) ?? previous?.lang ?? 'fi';
  const contextYear = previous?.years.at(-1) ?? (previous?.asOf ? Number(previous.asOf.slice(0, 4)) : null);
  const period = resolvePeriod(text, tokens, index.periods, index.periodContext, lang, contextYear);
  const used = new Set(period.used);
  // A word that is plainly a name ("ympäristöpalveluiden") is not claimed by a lexicon prefix
  // ("ympäristö*"); an exact lexicon word still is.
  const nameWords = strongNameWords(tokens, index, match);
  const notPeriod = (i: number) => !period.used.has(i) && !nameWords.has(i);
  const take = (hits: (PhraseHit<unknown> | null)[]) => {
    for (const h of hits) if (h) for (const i of h.tokens) used.add(i);
  };

  const follow =
    findAllPhrases(index.followUp, tokens, (i) => i < 3).find((h) => h.tokens.includes(0)) ?? null;
  take([follow]);
  const topicHits = findAllPhrases(index.topics, tokens, notPeriod);
  take(topicHits);
  // Column codes of more than one word ("TA+muutos") are read before intents ("muutos").
  const codeHits = findAllPhrases(index.measures, tokens, notPeriod).filter((h) => h.tokens.length > 1);
  const intentUsable = (i: number) =>
    notPeriod(i) &&
    !topicHits.some((h) => h.tokens.includes(i)) &&
    !codeHits.some((h) => h.tokens.includes(i));
  const intentHits = findAllPhrases(index.intents, tokens, intentUsable);
  take(intentHits);
  const explicitHit = intentHits[0] ?? null;
  // "cost centres", "kustannuspaikat": structural words first, so "cost" is not read as an account.
  const structural = findAllPhrases(index.costCentreWords, tokens, notPeriod);
  const notStructural = (i: number) => notPeriod(i) && !structural.some((h) => h.tokens.includes(i));
  const spend = findAllPhrases(index.spendVerbs, tokens, notPeriod);
  const accountHits = findAllPhrases(index.accounts, tokens, notStructural);
  const itemTypeHits = findAllPhrases(index.lineItemTypes, tokens, notPeriod);
  const measureHits = findAllPhrases(index.measures, tokens, notPeriod);
  const areaHits = findAllPhrases(index.serviceAreaWords, tokens, notPeriod);
  const totalHits = findAllPhrases(index.totalWords, tokens, notPeriod);
  const tableHits = findAllPhrases(index.tableHints, tokens, notPeriod);
  const ascHits = findAllPhrases(index.ascending, tokens, notPeriod);
  const changeHits = findAllPhrases(index.change, tokens, notPeriod);
  const underHits = findAllPhrases(index.under, tokens, notPeriod);
  const shareHits = findAllPhrases(index.share, tokens, notPeriod);
  const metricHits = findAllPhrases(index.rankMetric, tokens, notPeriod);
  const percentHits = findAllPhrases(index.percentWords, tokens, notPeriod);
  const others = [...structural, ...findAllPhrases(index.fillerWords, tokens, notPeriod)];
  take([
    ...spend,
    ...measureHits,
    ...areaHits,
    ...totalHits,
    ...tableHits,
    ...ascHits,
    ...changeHits,
    ...underHits,
    ...shareHits,
    ...metricHits,
    ...percentHits,
    ...others,
  ]);
  tokens.forEach((t, i) => {
    // "IT" in capitals is a name; "it" is a pronoun.
    if (index.stopwords[lang].has(t.fold) && !isAcronym(t.raw)) used.add(i);
  });
  const signal = used.size > 0 || accountHits.length > 0 || itemTypeHits.length > 0;
  // A lexicon word said twice is the same word both times (a phrase hit takes only its first).
  const lexiconFolds = new Set([...used].map((i) => tokens[i]!.fold));
  tokens.forEach((t, i) => {
    if (lexiconFolds.has(t.fold) && !period.used.has(i)) used.add(i);
  });

  // An alert request's quiet period, before names and the bare-number threshold can claim its words.
  const quietDays =
    explicitHit && readsExtra(explicitHit.phrase.value, 'subscription')
      ? quietPeriod(tokens, index, notPeriod, used)
      : null;

  // Names, on the words no lexicon entry claimed.
  const hinted = new Set<LabelTable>(tableHits.map((h) => h.phrase.value));
  // Account words stay open to names, so "henkilöstön menot" can be the key figure.
  const accountFolds = new Set(
    [...accountHits, ...itemTypeHits].flatMap((h) => h.tokens.map((i) => tokens[i]!.fold)),
  );
  const accountTokens = new Set(tokens.flatMap((t, i) => (accountFolds.has(t.fold) ? [i] : [])));
  const candidates = findNameCandidates(
    tokens,
    (i) => !used.has(i),
    index.names,
    undefined,
    (i) => accountTokens.has(i),
    match,
  );
  const pick = pickNames(candidates, labelPreference(hinted, index.tablePreference));
  take([...accountHits, ...itemTypeHits]);
  for (const m of pick.chosen) for (const i of m.tokens) used.add(i);
  // Another way of saying a chosen name ("IT Tietohallinnon") is that name too, not a word left over.
  const chosenNames = new Set(pick.chosen.map((m) => m.target.name));
  const leftover = (i: number) => !used.has(i) && /\p{L}/u.test(tokens[i]!.fold);
  if (chosenNames.size > 0 && tokens.some((_, i) => leftover(i))) {
    for (const m of findNameCandidates(tokens, leftover, index.names, undefined, () => false, match))
      if (chosenNames.has(m.target.name)) for (const i of m.tokens) used.add(i);
  }
  // A name said twice ("Tietohallinto ja tietohallinto") is one name: its repeats are used too.
  const chosenFolds = new Set(pick.chosen.flatMap((m) => m.tokens.map((i) => tokens[i]!.fold)));
  tokens.forEach((t, i) => {
    if (chosenFolds.has(t.fold)) used.add(i);
  });
  if (pick.ambiguous) for (const m of pick.ambiguous.candidates) for (const i of m.tokens) used.add(i);

  const subjects: Subject[] = [];
  const subjectTokens = new Set(
    pick.chosen.filter((m) => m.target.kind !== 'label').flatMap((m) => m.tokens),
  );
  let label: NameMatch | null = null;
  for (const m of [...pick.chosen].sort((a, b) => a.tokens[0]! - b.tokens[0]!)) {
    if (m.target.kind === 'label') {
      if (!label || m.score > label.score) label = m;
    } else if (!subjects.some((s) => s.name === m.target.name))
      subjects.push({ kind: m.target.kind, name: m.target.name });
  }
  const areaOfSubjects =
    pick.chosen.map((m) => m.target.serviceArea).find((a): a is string => !!a) ??
    index.serviceAreas[0] ??
    null;
  const addArea = (name: string | null) => {
    if (name && !subjects.some((s) => s.name === name)) subjects.push({ kind: 'serviceArea', name });
  };
  // "menot yhteensä" is the service area's total; "X ja Y yhteensä" is X and Y together, and
  // "Tietosuojan investoinnit yhteensä" is about that investment item.
  const itemRow = label?.target.kind === 'label' && label.target.table === 'investments';
  if (
    areaHits.length > 0 ||
    (totalHits.length > 0 && !itemRow && !subjects.some((s) => s.kind === 'costCentre'))
  )
    addArea(areaOfSubjects);
  if (label && !subjects.some((s) => s.kind === 'costCentre'))
    addArea(label.target.serviceArea ?? areaOfSubjects);

  // Numbers: top N for rankings ("top 5", "viisi suurinta"); the alert threshold.
  let threshold = thresholdOf(text, tokens, percentHits, used);
  // "tilaa hälytys Tietohallinto 80": in an alert request a bare number is a percentage.
  if (threshold === null && explicitHit && readsExtra(explicitHit.phrase.value, 'subscription')) {
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

  const measures = new Set(measureHits.map((h) => h.phrase.value));
  const bothMeasures = measures.has('budget') && measures.has('actual');
  const measure: Measure | null = bothMeasures
    ? null
    : measures.has('budget')
      ? 'budget'
      : measures.has('actual')
        ? 'actual'
        : measures.has('plan')
          ? 'plan'
          : null;

  // "Henkilöstömenojen muutos % 2023": the printed change row of a key figure, not a comparison.
  let printedChange = false;
  if (label && explicitHit?.phrase.value === 'compare' && percentHits.length > 0) {
    const printed = changeRowOf(label, index);
    if (printed) {
      label = printed;
      printedChange = true;
    }
  }
  const itemType = earliest(itemTypeHits);
  const account = label
    ? label.target.name
    : itemType
      ? itemType.phrase.value
      : (earliest(accountHits)?.phrase.value ?? null);
  // A table named without a row ("investoinnit 2021") asks for the whole table.
  const hintedTable = hinted.size === 1 ? [...hinted][0]! : null;
  const table: Query['table'] =
    label && label.target.kind === 'label'
      ? label.target.table
      : itemType
        ? 'operatingStatement'
        : hintedTable;
  if (!label && hintedTable && !subjects.some((s) => s.kind === 'costCentre')) addArea(areaOfSubjects);

  const unknown: number[] = [];
  tokens.forEach((t, i) => {
    // Short capitals ("KV", "HR") are abbreviations: unknown unless a name or lexicon word took them.
    const word = t.fold.length >= 3 || (t.fold.length === 2 && isAcronym(t.raw));
    if (!used.has(i) && word && /\p{L}/u.test(t.fold)) unknown.push(i);
  });

  return {
    lang,
    tokens,
    explicit: printedChange ? 'figure' : (explicitHit?.phrase.value ?? null),
    followUp: follow !== null,
    subjects,
    label,
    account,
    accountsNamed: [
      ...new Set([...accountHits].sort((a, b) => a.tokens[0]! - b.tokens[0]!).map((h) => h.phrase.value)),
    ],
    table,
    measure,
    bothMeasures,
    spendVerb: spend.length > 0,
    years: period.years,
    asOf: period.asOf,
    periodNote: period.periodNote,
    range: period.range,
    topN,
    ascending: ascHits.length > 0,
    change: earliest(changeHits)?.phrase.value ?? null,
    under: underHits.length > 0,
    rankMetric: metricHits[0]?.phrase.value ?? null,
    combine:
      subjects.length >= 2
        ? shareHits.length > 0
          ? 'share'
          : totalHits.length > 0 && subjects.filter((s) => s.kind === 'costCentre').length >= 2
            ? 'total'
            : null
        : null,
    topic: earliest(topicHits)?.phrase.value ?? null,
    threshold,
    quietDays,
    unknown,
    ambiguous: pick.ambiguous,
    unknownBesideName: unknown.filter((u) => joinedToName(u, tokens, index, lang, subjectTokens)),
    // "teknisen toimen menot", "kaupunginjohtajan palkka": an unknown word right before a row
    // label says whose row is asked, and that is no one we know.
    unknownOwner:
      label && !subjects.some((s) => s.kind === 'costCentre')
        ? unknown.filter((u) => u === Math.min(...label.tokens) - 1)
        : [],
    signal,
  };
}
