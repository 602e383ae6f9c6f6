import { newStemmer } from 'snowball-stemmers';
import { foldText } from './normalize-text';

const finnish = newStemmer('finnish');

// Stemming is the hot path of matching; questions repeat the same few hundred words, so a
// bounded cache keeps it cheap without growing on hostile input.
const cache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

/**
 * Snowball Finnish stem of a word, folded: "Tietohallinnon" → "tietohallino",
 * "joukkoliikenteeseen" → "joukkoliikent". Stemmed before folding, because the stemmer
 * knows ä and ö.
 */
export function stemFinnish(word: string): string {
  const lower = word.toLowerCase();
  const hit = cache.get(lower);
  if (hit !== undefined) return hit;
  const stem = foldText(finnish.stem(lower));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(lower, stem);
  return stem;
}

/**
 * The part of a folded word that its inflected forms keep: the word less its last two letters
 * (three for -nen words: sähköinen → sähköisen), at least four. Stemming alone misses
 * consonant gradation (tietohallinto/tietohallinnon, joukkoliikenne/joukkoliikenteen,
 * työllisyydenhoito/-hoidolla, vaalit/vaaleihin); the shared beginning does not.
 */
export function inflectionRoot(fold: string): string {
  if (fold.length < 5) return fold;
  const cut = fold.endsWith('nen') ? 3 : 2;
  return fold.slice(0, Math.max(4, fold.length - cut));
}
