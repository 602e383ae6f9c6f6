import type { Lang } from '../domain/query';
import type { Token } from './normalize-text';
import { findAllPhrases, type Phrase } from './phrase-matcher';

/**
 * The language of a message, from the lexicon words only one language uses; null when the
 * message gives no sign (a bare name or year), so a follow-up keeps the conversation's language.
 */
export function detectLanguage(
  tokens: readonly Token[],
  words: { fi: readonly Phrase<true>[]; en: readonly Phrase<true>[] },
): Lang | null {
  const all = () => true;
  const score = (phrases: readonly Phrase<true>[]) =>
    findAllPhrases(phrases, tokens, all).reduce((n, h) => n + h.tokens.length, 0);
  const fi = score(words.fi);
  const en = score(words.en);
  if (fi === en) return null;
  return fi > en ? 'fi' : 'en';
}
