import { editDistance } from '../text/edit-distance';
import { inflectionRoot, stemFinnish } from './finnish-stem';
import {
  type LabelTable,
  type NameIndex,
  type NameTarget,
  type NameVariant,
  TYPO_PREFIX,
  type VocabWord,
} from './name-index';
import type { Token } from './normalize-text';

// Module level: the bundler writes a \p{…} regex literal as `new RegExp(…)`, which in a function
// body would build a new regex on every call.
const LETTER = /\p{L}/u;

/** How sure a word match is. Exact beats stem beats inflection beats typo beats compound tail. */
export const WORD_SCORE = {
  exact: 1,
  stem: 0.95,
  inflection: 0.9,
  typo: 0.85, // minus TYPO_STEP per edit
  compoundTail: 0.72,
} as const;
const TYPO_STEP = 0.05;

/** A name is taken when it scores at least this. */
export const ACCEPT_SCORE = 0.7;
/** Two names this close, on the same words of the question, are equally good: ask which. */
export const AMBIGUITY_MARGIN = 0.06;
const SUPERSET_MARGIN = 0.05;
const SPLIT_NAME_FACTOR = 0.85;
const MAX_TAIL_NAMES = 8;

// A partly typed multi-word name counts for less; less again when its head word ("liitto" of
// "Lapin liitto") is the part missing, since a bare modifier ("Lapin") rarely means the name.
// Factor = base + share × coverage: a head word alone ("liitto", "kuntayhtymän") is about as
// telling whatever the name's length, just above ACCEPT_SCORE; a modifier alone ("Lapin") is not.
const PARTIAL_WITH_HEAD = { base: 0.72, share: 0.06 };
const PARTIAL_WITHOUT_HEAD = { base: 0.35, share: 0.5 };

// Inflection adds at most this many letters after the shared beginning ("-nteeseen"), and
// makes a word at most this much longer ("joukkoliikenne" → "joukkoliikenteeseen"); longer is
// a compound ("henkilöstökulujen" is not a form of "henkilöstön").
const MAX_INFLECTION_TAIL = 9;
const MAX_ENDING = 5;
// A word after a name's beginning this long or longer may be the second part of a compound.
const MIN_COMPOUND_PART = 4;

/** Word matching with its results kept for the rest of one message (each word is looked up several times). */
export function memoMatchWord(index: NameIndex): (fold: string) => Map<VocabWord, number> {
  const memo = new Map<string, Map<VocabWord, number>>();
  return (fold) => {
    let hit = memo.get(fold);
    if (!hit) {
      hit = matchWord(fold, index);
      memo.set(fold, hit);
    }
    return hit;
  };
}

// What follows an inflection root: up to two letters of the word itself (consonant gradation,
// "liiken|teen"), then a Finnish case or plural ending (folded, so ä is a), or the -ks- of a
// word in -us ("veroty|ksen").
const CASE_ENDING =
  /^[a-z]{0,2}(?:n|a|ta|na|ssa|sta|lla|lta|lle|ksi|en|in|on|un|yn|an|aan|een|iin|oon|uun|yyn|hin|hon|hun|han|hen|seen|siin|t|ja|iden|itten|jen|den|tten|ille|illa|ilta|issa|ista|ihin|ineen|ina|ita|ia|ine|i|ks[ei][a-z]{0,4})?$/;

// Inflection roots of compound tails shorter than this identify nothing.
const MIN_TAIL_ROOT = 5;

/** How many letters two words begin with alike. */
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

// A compound's second part begins at most this many letters before where a shared root ends.
const PART_REACH = 2;

/**
 * Whether a question word goes on, from about where a name's root ends, with a word of its own
 * ("sosiaali|toimen" is not "sosiaalit|yö"): then it is another compound, not an inflected form.
 */
function endsInWord(fold: string, rootEnd: number, index: NameIndex): boolean {
  for (let k = Math.max(1, rootEnd - PART_REACH); k <= rootEnd; k++) {
    const rest = fold.slice(k);
    if (rest.length < MIN_COMPOUND_PART) break;
    if (index.isWord(rest)) return true;
    if (k < rootEnd && (index.byStem.has(stemFinnish(rest)) || index.byRoot.has(inflectionRoot(rest))))
      return true;
  }
  return false;
}

/** Scores of the name words a question word may be. */
export function matchWord(fold: string, index: NameIndex): Map<VocabWord, number> {
  const out = new Map<VocabWord, number>();
  const offer = (w: VocabWord, s: number) => {
    if ((out.get(w) ?? 0) < s) out.set(w, s);
  };
  if (fold.length < 2) return out;
  for (const w of index.byFold.get(fold) ?? []) offer(w, WORD_SCORE.exact);
  // Digits ("150") only ever match exactly.
  if (/^\d+$/.test(fold) || fold.length < 3) return out;
  const stem = stemFinnish(fold);
  for (const w of index.byStem.get(stem) ?? []) offer(w, WORD_SCORE.stem);
  for (let len = 4; len <= fold.length; len++) {
    const hits = index.byRoot.get(fold.slice(0, len));
    if (!hits) continue;
    for (const w of hits) {
      if (fold.length - w.root.length > MAX_INFLECTION_TAIL || fold.length > w.fold.length + MAX_ENDING)
        continue;
      // "asukasluku" is "asukas" + "luku", a word of its own: a compound, not a form of "asukasta".
      const tail = fold.slice(commonPrefix(fold, w.fold));
      if (tail.length >= MIN_COMPOUND_PART && index.isWord(tail)) continue;
      // A short shared beginning ("toim") says less than a long one.
      offer(w, w.root.length >= 6 ? WORD_SCORE.inflection : WORD_SCORE.inflection - TYPO_STEP);
    }
  }
  // Short name words ("muu") take case endings the stemmer leaves alone ("muun", "muuta").
  for (let len = 3; len <= 4 && len < fold.length; len++) {
    for (const w of index.byFold.get(fold.slice(0, len)) ?? [])
      if (w.fold.length === len && fold.length - len <= 3) offer(w, WORD_SCORE.inflection);
  }
  // A compound's tail ("liitto" of Kuntaliitto) points at a name only when few names end so;
  // a tail shared by many ("palvelut") identifies nothing.
  const tails = new Set([...(index.byTail.get(stem) ?? []), ...(index.byTail.get(fold) ?? [])]);
  // An inflected tail ("verotuksen" of Kunnallisverotus, "liikenteen" of Joukkoliikenne): what
  // follows the tail's root is a case ending, not another word ("sosiaali|toimen" is no form
  // of "sosiaali|työ").
  for (let len = MIN_TAIL_ROOT; len <= fold.length && len <= fold.length - 1; len++)
    for (const w of index.byTailRoot.get(fold.slice(0, len)) ?? [])
      if (
        fold.length - len <= MAX_INFLECTION_TAIL &&
        !index.isWord(fold.slice(len)) &&
        CASE_ENDING.test(fold.slice(len)) &&
        !endsInWord(fold, len, index)
      )
        tails.add(w);
  if (stem.length >= 4 && tails.size <= MAX_TAIL_NAMES)
    for (const w of tails) offer(w, WORD_SCORE.compoundTail);
  // Typos only where nothing fits well already: a near miss cannot beat or tie a good match.
  let best = 0;
  for (const s of out.values()) if (s > best) best = s;
  if (fold.length >= 5 && best < WORD_SCORE.inflection) {
    const root = inflectionRoot(fold);
    for (const w of index.byInitial.get(fold.slice(0, TYPO_PREFIX)) ?? []) {
      if (out.has(w)) continue;
      const max = w.fold.length >= 8 ? 2 : 1;
      const stemMax = Math.min(w.stem.length, stem.length) >= 8 ? 2 : 1;
      const d = Math.min(
        editDistance(fold, w.fold, max),
        editDistance(stem, w.stem, stemMax) > stemMax ? max + 1 : editDistance(stem, w.stem, stemMax),
      );
      if (d <= max) {
        offer(w, WORD_SCORE.typo - TYPO_STEP * d);
        continue;
      }
      // A typo in an inflected form ("tietohallnnon"): compare the beginnings, letting the
      // root be a letter short or long; one edit only, and it costs one more step.
      if (w.root.length >= 6 && root.length >= 5 && fold.length > w.root.length) {
        const tail = fold.slice(commonPrefix(fold, w.fold));
        let r = 2;
        for (const len of [w.root.length - 1, w.root.length, w.root.length + 1]) {
          if (len <= fold.length && !(tail.length >= MIN_COMPOUND_PART && index.isWord(tail)))
            r = Math.min(r, editDistance(fold.slice(0, len), w.root, 1));
        }
        if (r <= 1) offer(w, WORD_SCORE.typo - TYPO_STEP * (r + 1));
      }
    }
  }
  return out;
}

/** A name found in a question: what it points at, how sure, and which question words it used. */
export interface NameMatch {
  target: NameTarget;
  key: string;
  score: number;
  tokens: number[];
  variant: string;
  /**
   * Question words other ways of writing the same name also matched ("finance services": the
   * alias "finance" is the best reading, "financial services" covers "services" too). A chosen
   * name uses them up, so they are not read as another name.
   */
  cover?: number[];
}

/** Scores one way of writing a name against the question words offered for its words. */
function scoreVariant(
  v: NameVariant,
  offers: Map<number, Map<number, number>>,
  between: (i: number) => boolean,
): NameMatch | null {
  // offers: name word index → (question token index → score)
  const used = new Set<number>();
  let sum = 0;
  let matched = 0;
  let headMatched = false;
  let nameWordMatched = false;
  const tokens: number[] = [];
  // Best pairs first, so one question word is used once, by the name word it fits best; of
  // equally good words, the one beside the name's other words ("Itä-Lapin kuntayhtymän ja
  // Lapin liiton": the second "Lapin" is Lapin liitto's).
  const pairs: { word: number; token: number; score: number; near: number }[] = [];
  for (const [word, byToken] of offers)
    for (const [token, score] of byToken) pairs.push({ word, token, score, near: 0 });
  if (offers.size > 1)
    for (const p of pairs) {
      let d = Number.POSITIVE_INFINITY;
      for (const q of pairs)
        if (q.word !== p.word && q.token !== p.token) d = Math.min(d, Math.abs(q.token - p.token));
      p.near = d;
    }
  pairs.sort((a, b) => b.score - a.score || a.near - b.near || a.token - b.token);
  const doneWords = new Set<number>();
  for (const p of pairs) {
    if (doneWords.has(p.word) || used.has(p.token)) continue;
    const w = v.words[p.word]!;
    doneWords.add(p.word);
    used.add(p.token);
    tokens.push(p.token);
    if (!w.significant) continue;
    sum += p.score;
    matched++;
    if (!w.lexical) nameWordMatched = true;
    if (p.word === v.head) headMatched = true;
  }
  // Lexicon words alone ("tulot" of "muut tulot") never make a name: they are read as lexicon
  // (unless the place is called by them: "Laskutus").
  if (matched === 0 || (!nameWordMatched && !v.lexicalName)) return null;
  const mean = sum / matched;
  const coverage = matched / v.significantCount;
  const partial = headMatched ? PARTIAL_WITH_HEAD : PARTIAL_WITHOUT_HEAD;
  let factor = coverage >= 1 ? 1 : partial.base + partial.share * coverage;
  tokens.sort((a, b) => a - b);
  // Names are written together: a content word in between ("henkilöstön lomaosakkeen menot")
  // makes "henkilöstön … menot" a weaker reading than the words side by side.
  for (let i = tokens[0]! + 1; i < tokens[tokens.length - 1]!; i++) {
    if (!tokens.includes(i) && between(i)) {
      factor *= SPLIT_NAME_FACTOR;
      break;
    }
  }
  return { target: v.target, key: v.key, score: mean * factor, tokens, variant: v.text };
}

/**
 * Every name the usable question words may stand for, best first, one entry per target
 * (its best way of writing). Scores below `minScore` are dropped.
 */
export function findNameCandidates(
  tokens: readonly Token[],
  usable: (i: number) => boolean,
  index: NameIndex,
  minScore = ACCEPT_SCORE,
  lexiconToken: (i: number) => boolean = () => false,
  match: (fold: string) => Map<VocabWord, number> = (fold) => matchWord(fold, index),
): NameMatch[] {
  const perVariant = new Map<number, Map<number, Map<number, number>>>();
  tokens.forEach((t, ti) => {
    if (!usable(ti)) return;
    // A lexicon word of the question ("menot") may fill the same word of a name ("henkilöstön
    // menot"), never stand in for a name word ("vuokramenot").
    const lexical = lexiconToken(ti);
    for (const [w, score] of match(t.fold)) {
      for (const ref of w.refs) {
        if (
          lexical &&
          (score < WORD_SCORE.inflection || !index.variants[ref.variant]!.words[ref.word]!.lexical)
        )
          continue;
        let words = perVariant.get(ref.variant);
        if (!words) {
          words = new Map();
          perVariant.set(ref.variant, words);
        }
        let byToken = words.get(ref.word);
        if (!byToken) {
          byToken = new Map();
          words.set(ref.word, byToken);
        }
        if ((byToken.get(ti) ?? 0) < score) byToken.set(ti, score);
      }
    }
  });
  const best = new Map<string, NameMatch>();
  const covered = new Map<string, Set<number>>();
  for (const [id, offers] of perVariant) {
    const m = scoreVariant(index.variants[id]!, offers, (i) => usable(i) && LETTER.test(tokens[i]!.fold));
    if (!m || m.score < minScore) continue;
    const cover = covered.get(m.key) ?? new Set<number>();
    for (const t of m.tokens) cover.add(t);
    covered.set(m.key, cover);
    const prev = best.get(m.key);
    if (!prev || m.score > prev.score || (m.score === prev.score && m.tokens.length > prev.tokens.length))
      best.set(m.key, m);
  }
  return [...best.values()]
    .map((m) => {
      const cover = [...(covered.get(m.key) ?? [])]
        .filter((t) => !m.tokens.includes(t))
        .sort((a, b) => a - b);
      return cover.length > 0 ? { ...m, cover } : m;
    })
    .sort(compareMatches);
}

function compareMatches(a: NameMatch, b: NameMatch): number {
  return (
    b.score - a.score || b.tokens.length - a.tokens.length || a.target.name.localeCompare(b.target.name, 'fi')
  );
}

function sameTokens(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The outcome of picking names: the ones taken, or the first place where two are equally good. */
export interface NamePick {
  chosen: NameMatch[];
  ambiguous: { tokens: number[]; candidates: NameMatch[] } | null;
}

/**
 * Picks names greedily, best first; a name uses its question words up. When another target
 * scores within the margin on the very same words, the question is ambiguous there.
 * `adjust` lets the caller favour a table the question hints at.
 */
export function pickNames(
  candidates: readonly NameMatch[],
  adjust: (m: NameMatch) => number = () => 0,
): NamePick {
  let pool = candidates.map((m) => ({ ...m, score: m.score + adjust(m) })).sort(compareMatches);
  const chosen: NameMatch[] = [];
  while (pool.length > 0) {
    // A name that covers more of the question's words, and scores nearly as well, is the
    // longer reading ("toimintakate €/asukas" over "toimintakate").
    let top = pool[0]!;
    for (const m of pool) {
      if (
        m.tokens.length > top.tokens.length &&
        top.tokens.every((t) => m.tokens.includes(t)) &&
        m.score >= top.score - SUPERSET_MARGIN
      )
        top = m;
    }
    // The city's name means the city: a cost centre named after it is no rival ("Kemijärven menot").
    const rivals = pool.filter(
      (m) =>
        top.target.kind !== 'city' &&
        m.key !== top.key &&
        m.target.name !== top.target.name &&
        sameTokens(m.tokens, top.tokens) &&
        m.score >= top.score - AMBIGUITY_MARGIN,
    );
    if (rivals.length > 0) return { chosen, ambiguous: { tokens: top.tokens, candidates: [top, ...rivals] } };
    chosen.push(top);
    const usedUp = new Set([...top.tokens, ...(top.cover ?? [])]);
    pool = pool.filter((m) => !m.tokens.some((t) => usedUp.has(t)));
  }
  return { chosen, ambiguous: null };
}

/** How much the city's name is preferred to a cost centre that contains it. */
const CITY_PREFERENCE = SUPERSET_MARGIN;

/**
 * Score adjustment for row labels: a table the question hints at ("investoinnit") wins; without
 * a hint, a cost centre beats a label of the same words, investment items count least (they are
 * meant only when investments are talked about), and `order` breaks ties between tables.
 */
export function labelPreference(
  hinted: ReadonlySet<LabelTable>,
  order: readonly LabelTable[],
): (m: NameMatch) => number {
  return (m) => {
    // The city's name means the city, never a cost centre named after it ("Kemijärvi 150").
    if (m.target.kind === 'city') return CITY_PREFERENCE;
    if (m.target.kind !== 'label') return 0;
    // More than the ambiguity margin: the row of the table named is meant ("omat investoinnit").
    if (hinted.has(m.target.table)) return 2 * AMBIGUITY_MARGIN;
    const rank = order.indexOf(m.target.table);
    return (m.target.table === 'investments' ? -0.1 : -0.01) - 0.001 * (rank < 0 ? order.length : rank);
  };
}
