import Fuse from 'fuse.js';
import { editDistance } from './edit-distance';
import { foldText } from './fold-text';

/** One way of writing a name, for suggestions. */
export interface NameEntry {
  name: string;
  alias: string;
}

/** Letter pairs of all names, so suggestions look at a few likely names, not all of them. */
export interface SuggestIndex {
  entries: NameEntry[];
  pairs: Map<string, number[]>;
  pairCounts: number[];
}

// How many entries the letter-pair filter hands to fuse.js for the final fuzzy ranking.
const SHORTLIST = 24;
const MAX_TERM = 64;

function letterPairs(text: string): Set<string> {
  const s = ` ${foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
  const out = new Set<string>();
  for (let i = 0; i + 2 <= s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Indexes every name and alias by its letter pairs. */
export function buildSuggestIndex(entries: NameEntry[]): SuggestIndex {
  const pairs = new Map<string, number[]>();
  const pairCounts: number[] = [];
  entries.forEach((e, id) => {
    const ps = letterPairs(e.alias);
    pairCounts.push(ps.size);
    for (const p of ps) {
      const list = pairs.get(p);
      if (list) list.push(id);
      else pairs.set(p, [id]);
    }
  });
  return { entries, pairs, pairCounts };
}

/** Indexes names with their aliases ({ name: "Tietohallinto", aliases: ["IT"] }). */
export function suggestIndexOf(
  known: readonly { name: string; aliases?: readonly string[] }[],
): SuggestIndex {
  return buildSuggestIndex(
    known.flatMap((k) => [k.name, ...(k.aliases ?? [])].map((alias) => ({ name: k.name, alias }))),
  );
}

function wordsOf(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Whether a word the user wrote is really close to a word of a name: a typo of it (one letter
 * off, two in a long word), an inflected or cut form sharing most of its beginning
 * ("tietohalinnon", "talous" of Talouspalvelut), or its compound's head ("liikenne" of
 * Joukkoliikenne). "library" and Tilintarkastus, "sosiaalitoimi" and Suhdetoiminta are not.
 */
function closeWords(typed: string, word: string): boolean {
  if (typed.length < 4 || word.length < 3) return typed === word;
  const shorter = Math.min(typed.length, word.length);
  const typos = shorter >= 8 ? 2 : 1;
  if (editDistance(typed, word, typos) <= typos) return true;
  if (commonPrefix(typed, word) >= Math.max(4, Math.ceil(0.6 * shorter))) return true;
  return typed.length >= 6 && word.endsWith(typed);
}

/**
 * Whether a term is really close to a name or alias: each of its words (of four letters or
 * more) close to a word of the name ("koulujen toiminta" is not Muu toiminta: "koulujen" is
 * nothing of it).
 */
export function isCloseName(term: string, alias: string): boolean {
  const typed = wordsOf(term).filter((w) => w.length >= 4);
  const words = wordsOf(alias);
  return typed.length > 0 && typed.every((t) => words.some((w) => closeWords(t, w)));
}

// With `nearOnly`, a name counts as near when fuse.js scores it within this of the best one.
const NEAR_MARGIN = 0.3;

/**
 * The real names closest to a term that matched none ("kirjasto" → …): a letter-pair (Dice)
 * shortlist, ranked by fuse.js. Cost grows with the term's letter pairs, not with the store.
 * By default the list is filled up to `limit` from the shortlist (suggestions to click);
 * `nearOnly` keeps just the names nearly as close as the best (a "did you mean" in an error);
 * `closeOnly` just the names really close to the term (isCloseName), possibly none.
 */
export function closestNames(
  term: string,
  index: SuggestIndex,
  limit: number,
  opts: { nearOnly?: boolean; closeOnly?: boolean } = {},
): string[] {
  const want = letterPairs(term.slice(0, MAX_TERM));
  if (want.size === 0) return [];
  // Count shared pairs per entry in a typed array, touching only entries that share one.
  const shared = new Uint16Array(index.entries.length);
  const touched: number[] = [];
  for (const p of want) {
    for (const id of index.pairs.get(p) ?? []) {
      if (shared[id] === 0) touched.push(id);
      shared[id]!++;
    }
  }
  const shortlist = touched
    .map((id) => ({ id, dice: (2 * shared[id]!) / (want.size + index.pairCounts[id]!) }))
    .sort((a, b) => b.dice - a.dice || a.id - b.id)
    .slice(0, SHORTLIST)
    .map((s) => index.entries[s.id]!);
  const scored = new Fuse(shortlist, {
    keys: ['alias'],
    includeScore: true,
    threshold: 0.7,
    ignoreLocation: true,
  }).search(term.slice(0, MAX_TERM));
  const best = scored[0]?.score ?? 0;
  const ranked = (opts.nearOnly ? scored.filter((r) => (r.score ?? 1) <= best + NEAR_MARGIN) : scored).map(
    (r) => r.item,
  );
  const out: string[] = [];
  const candidates = opts.nearOnly ? ranked : [...ranked, ...shortlist];
  // `closeOnly`: a suggestion must be really close, or there is none (the answer offers the list).
  for (const e of opts.closeOnly ? candidates.filter((c) => isCloseName(term, c.alias)) : candidates) {
    if (!out.includes(e.name)) out.push(e.name);
    if (out.length >= limit) break;
  }
  return out;
}
