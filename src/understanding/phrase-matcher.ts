import type { Lang } from '../domain/query';
import type { Bilingual } from './lexicon';
import { type Token, tokenize } from './normalize-text';

/** One word of a lexicon phrase: folded, and whether it matches any word beginning so ("budjet*"). */
export interface PhraseWord {
  text: string;
  prefix: boolean;
  /** A prefix matches words at most this many letters longer: its inflections, not compounds. */
  maxTail?: number;
}

/** A lexicon phrase, compiled: its words must appear in a question in order, close together. */
export interface Phrase<T> {
  words: PhraseWord[];
  lang: Lang;
  value: T;
  /** The phrase as written in the lexicon, for period notes. */
  source: string;
}

/** How phrases are compiled: `maxTail` limits what a prefix matches to its inflections. */
export interface CompileOptions {
  maxTail?: number;
}

/**
 * Compiles a word list ("budjet*", "what can i ask") into phrases carrying `value`. A lone "*"
 * stands for the words a phrase may skip anyway ("which * exceeded"): it adds nothing.
 */
export function compilePhrases<T>(words: Bilingual, value: T, options: CompileOptions = {}): Phrase<T>[] {
  const out: Phrase<T>[] = [];
  for (const lang of ['fi', 'en'] as const) {
    for (const source of words[lang]) {
      const parts = source.split(/\s+/).filter((part) => part !== '' && part !== '*');
      const compiled: PhraseWord[] = [];
      for (const part of parts) {
        const prefix = part.endsWith('*');
        const before = compiled.length;
        for (const t of tokenize(prefix ? part.slice(0, -1) : part))
          compiled.push({ text: t.fold, prefix: false });
        const last = compiled[compiled.length - 1];
        if (prefix && last && compiled.length > before) {
          last.prefix = true;
          if (options.maxTail !== undefined) last.maxTail = options.maxTail;
        }
      }
      if (compiled.length > 0) out.push({ words: compiled, lang, value, source });
    }
  }
  return out;
}

/** Whether a folded token is matched by a phrase word. */
export function wordMatches(word: PhraseWord, fold: string): boolean {
  if (!word.prefix) return fold === word.text;
  return (
    fold.startsWith(word.text) &&
    (word.maxTail === undefined || fold.length - word.text.length <= word.maxTail)
  );
}

/** A phrase found in a question, with the tokens it used. */
export interface PhraseHit<T> {
  phrase: Phrase<T>;
  tokens: number[];
}

// Words of a phrase come in order, with at most this many other words between two of them
// ("mitkä kustannuspaikat ylittävät", "paljonko budjetista jää"), so "IT budget 2020 vs 2021"
// is not "vs budget".
const MAX_GAP = 3;

function matchFrom<T>(
  phrase: Phrase<T>,
  tokens: readonly Token[],
  usable: (i: number) => boolean,
  start: number,
  maxGap = MAX_GAP,
): number[] | null {
  const used = [start];
  let at = start;
  for (let w = 1; w < phrase.words.length; w++) {
    let found = -1;
    for (let i = at + 1; i < tokens.length && i <= at + 1 + maxGap; i++) {
      if (usable(i) && wordMatches(phrase.words[w]!, tokens[i]!.fold)) {
        found = i;
        break;
      }
    }
    if (found < 0) return null;
    used.push(found);
    at = found;
  }
  return used;
}

/**
 * Finds a phrase in the tokens whose indices are `usable`: its words in order, each on its own
 * token. Returns the hit with the most words (the most specific), or null.
 */
export function findPhrase<T>(
  phrases: readonly Phrase<T>[],
  tokens: readonly Token[],
  usable: (i: number) => boolean,
  maxGap = MAX_GAP,
): PhraseHit<T> | null {
  let best: PhraseHit<T> | null = null;
  for (const phrase of phrases) {
    if (best && phrase.words.length <= best.tokens.length) continue;
    for (let i = 0; i < tokens.length; i++) {
      if (!usable(i) || !wordMatches(phrase.words[0]!, tokens[i]!.fold)) continue;
      const used = matchFrom(phrase, tokens, usable, i, maxGap);
      if (used) {
        best = { phrase, tokens: used };
        break;
      }
    }
  }
  return best;
}

/** Phrases by their first word, so a message is checked only against phrases that can occur in it. */
interface PhraseLookup {
  exact: Map<string, number[]>;
  /** Phrases whose first word is a prefix ("budjet*"), by its first two letters. */
  prefix: Map<string, number[]>;
}

const lookups = new WeakMap<readonly Phrase<unknown>[], PhraseLookup>();

function lookupOf(phrases: readonly Phrase<unknown>[]): PhraseLookup {
  let lookup = lookups.get(phrases);
  if (lookup) return lookup;
  lookup = { exact: new Map(), prefix: new Map() };
  phrases.forEach((p, i) => {
    const first = p.words[0]!;
    const map = first.prefix ? lookup!.prefix : lookup!.exact;
    const key = first.prefix ? first.text.slice(0, 2) : first.text;
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  });
  lookups.set(phrases, lookup);
  return lookup;
}

/**
 * Every phrase that occurs in the tokens, in lexicon order (so the first hit is the first
 * phrase the lexicon lists). Phrase lists are indexed by first word on first use.
 */
export function findAllPhrases<T>(
  phrases: readonly Phrase<T>[],
  tokens: readonly Token[],
  usable: (i: number) => boolean,
  /** Words a phrase may skip between two of its own (the period's words stand together). */
  maxGap = MAX_GAP,
): PhraseHit<T>[] {
  const lookup = lookupOf(phrases);
  // Plain loops and one array: this runs for every phrase list on every message.
  const candidates: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!usable(i)) continue;
    const fold = tokens[i]!.fold;
    const exact = lookup.exact.get(fold);
    if (exact) for (const id of exact) candidates.push(id);
    const prefixed = lookup.prefix.get(fold.slice(0, 2));
    if (prefixed)
      for (const id of prefixed) if (fold.startsWith(phrases[id]!.words[0]!.text)) candidates.push(id);
  }
  if (candidates.length === 0) return [];
  candidates.sort((a, b) => a - b);
  const hits: PhraseHit<T>[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const id = candidates[c]!;
    if (c > 0 && candidates[c - 1] === id) continue;
    // The phrase's first place in the tokens where all its words follow (findPhrase of this one phrase).
    const phrase = phrases[id]!;
    const first = phrase.words[0]!;
    for (let i = 0; i < tokens.length; i++) {
      if (!usable(i) || !wordMatches(first, tokens[i]!.fold)) continue;
      const used = matchFrom(phrase, tokens, usable, i, maxGap);
      if (used) {
        hits.push({ phrase, tokens: used });
        break;
      }
    }
  }
  return hits;
}
