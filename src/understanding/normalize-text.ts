import { foldText } from '../text/fold-text';

export { foldText } from '../text/fold-text';

/** A word of the question with where it stood, so a span can be rewritten for a clarifying option. */
export interface Token {
  /** As typed. */
  raw: string;
  /** Lower case, diacritics kept ("tietohallinnon", "käyttänyt"). */
  lower: string;
  /** Lower case with diacritics dropped ("kayttanyt"): what all matching compares. */
  fold: string;
  /** Offsets in the text the tokens were made from. */
  start: number;
  end: number;
}

// Letters and digits make words; € and % are kept as tokens of their own because "80 %" and
// "€/asukas" carry meaning. Hyphens and slashes split ("Itä-Lapin" → itä, lapin), the same way
// on both sides, so names and questions meet.
const WORD = /[\p{L}\p{N}]+|[%€]/gu;

/** Splits text into word tokens, each with lower-case and folded forms and its offsets. */
export function tokenize(text: string, maxTokens = Number.POSITIVE_INFINITY): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    if (tokens.length >= maxTokens) break;
    const raw = m[0];
    const lower = raw.toLowerCase();
    tokens.push({ raw, lower, fold: foldText(raw), start: m.index, end: m.index + raw.length });
  }
  return tokens;
}

/** The folded words of a text, for keys and lexicon phrases: "Lapin liitto" → ["lapin", "liitto"]. */
export function foldWords(text: string): string[] {
  return tokenize(text).map((t) => t.fold);
}
