import { foldText } from './normalize-text';

/** The English words of Finnish name parts, folded ("ymparisto" → environmental, environment). */
export type NamePartWords = ReadonlyMap<string, readonly string[]>;

/** Compiles data/lexicon/name-words.json's parts: keys folded, hyphens inside a word dropped. */
export function compileNameParts(parts: Record<string, string[]>): NamePartWords {
  return new Map(Object.entries(parts).map(([fi, en]) => [squash(fi), en]));
}

function squash(word: string): string {
  return foldText(word).replace(/-/g, '');
}

// A place has at most this many English names (the usual words first).
const MAX_NAMES = 4;

/** The parts a folded word is made of, fewest first ("turvallisuuspalvelut" → turvallisuus + palvelut); null if any is unknown. */
function split(word: string, parts: NamePartWords): string[] | null {
  const best: (string[] | null)[] = Array.from({ length: word.length + 1 }, () => null);
  best[0] = [];
  for (let end = 1; end <= word.length; end++) {
    for (let start = 0; start < end; start++) {
      const before = best[start];
      const part = word.slice(start, end);
      if (!before || !parts.has(part)) continue;
      if (!best[end] || best[end]!.length > before.length + 1) best[end] = [...before, part];
    }
  }
  return best[word.length];
}

/**
 * The English names of a Finnish place name made only of known parts: "Ympäristöpalvelut" →
 * "environmental services", "Pelastus- ja turvallisuuspalvelut" → "rescue and safety services"
 * (the part written with a hyphen shares the next word's end, in English as in Finnish). Empty
 * when a word has a part the lexicon does not know: a half-translated name would mislead.
 */
export function englishNames(name: string, parts: NamePartWords): string[] {
  const words = name.trim().split(/\s+/);
  const options: (readonly string[])[] = [];
  for (const raw of words) {
    const folded = squash(raw);
    if (folded === '') return [];
    const pieces = split(folded, parts);
    if (!pieces) return [];
    for (const p of pieces) options.push(parts.get(p)!);
  }
  if (options.length === 0) return [];
  // The usual words everywhere, then each other choice of one part at a time.
  const first = options.map((o) => o[0]!);
  const out = [first.join(' ')];
  options.forEach((o, i) => {
    for (const alt of o.slice(1)) out.push(first.map((w, k) => (k === i ? alt : w)).join(' '));
  });
  return [...new Set(out)].slice(0, MAX_NAMES);
}
