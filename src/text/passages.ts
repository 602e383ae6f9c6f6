import { foldText } from './fold-text';

// Two words are one word inflected when their common beginning is at least this share of the
// longer: "toimintaympäristössä" is "toimintaympäristö", but "toiminta" (of "Toiminta-ajatus") is
// not, nor is "koulujen" "koulutus".
const SAME_WORD = 0.7;
// Words shorter than this say too little to find a passage by.
const MIN_WORD = 4;
// Two different words are one word inflected only when they share this much ("LapIT" is not "Lapin").
const MIN_COMMON = 5;

/** Words folded for matching: lower case, no diacritics, four letters or more, no bare numbers. */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= MIN_WORD && !/^\d+$/.test(w));
}

/** Whether two folded words are one word, inflection aside ("järjestetäänkö" ~ "järjestetä"). */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= MIN_COMMON && common / Math.max(a.length, b.length) >= SAME_WORD;
}

/** Whether a word is one of the words, inflection aside. */
export function hasWord(candidates: Iterable<string>, word: string): boolean {
  for (const c of candidates) if (sameWord(c, word)) return true;
  return false;
}

/**
 * The passages of a document text: its sentences (one may end in a year, "aloittanut
 * 1.3.2021."), with lines a PDF wrapped joined again and table rows (lines without a sentence
 * end followed by a capital) kept as their own passages.
 */
export function splitPassages(text: string): string[] {
  return splitParagraphs(text).flat();
}

/** The paragraphs of a document text (lines, with a PDF's wrapped lines joined), each as its passages. */
export function splitParagraphs(text: string): string[][] {
  const lines = text.split('\n').map((l) => l.trim());
  const joined: string[] = [];
  for (const line of lines) {
    if (line === '') {
      joined.push('');
      continue;
    }
    const last = joined.length > 0 ? joined[joined.length - 1]! : '';
    // A wrapped line goes on in lower case (or a digit) after a line that did not end a sentence.
    if (last !== '' && !/[.!?:]$/.test(last) && /^[\p{Ll}\d(]/u.test(line))
      joined[joined.length - 1] = `${last} ${line}`;
    else joined.push(line);
  }
  return joined
    .filter((l) => l !== '')
    .map((l) =>
      l
        // Not after a short lower-case abbreviation ("v. 2023 mennessä", "mm. valtuustoseminaarissa").
        .split(/(?<=(?:[^\d\s]|\d{4})[.!?])(?<!(?:^|[\s(])\p{Ll}{1,2}\.)\s+(?=[\p{Lu}\d])/u)
        .map((p) => p.trim())
        .filter((p) => p.length > 0),
    )
    .filter((ps) => ps.length > 0);
}

/** The years (four digits) a text names. */
export function yearsIn(text: string): Set<number> {
  return new Set([...text.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0])));
}

/** The asked words a passage has (each asked word once). */
export function matchedWords(asked: readonly string[], passage: ReadonlySet<string>): string[] {
  return asked.filter((w, i) => asked.indexOf(w) === i && hasWord(passage, w));
}
