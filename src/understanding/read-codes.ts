import type { BudgetData } from '../domain/budget-data';
import type { Lexicon } from './lexicon';
import type { NameTarget } from './name-index';
import type { Token } from './normalize-text';
import { compilePhrases, findAllPhrases, type Phrase } from './phrase-matcher';

/** The level a code word names ("kp" a cost centre, "tulosalue" a result area); any: no level said. */
export type CodeLevel = 'costCentre' | 'resultArea' | 'serviceArea' | 'any';

/** A place the store knows by its ledger code. */
export interface CodedPlace {
  target: NameTarget;
  level: Exclude<CodeLevel, 'any'>;
  code: string;
}

/** The store's places by code, and the words codes follow: built once per store load. */
export interface CodeIndex {
  words: Phrase<CodeLevel>[];
  places: Map<string, CodedPlace[]>;
  /** Every coded place, by level, in code order: for the nearest codes to offer when one is unknown. */
  byLevel: Map<Exclude<CodeLevel, 'any'>, CodedPlace[]>;
}

/** Builds the code index of a store (names as the understanding index sees them). */
export function buildCodeIndex(data: BudgetData, lexicon: Lexicon): CodeIndex {
  const words = (['costCentre', 'resultArea', 'serviceArea', 'any'] as const).flatMap((level) =>
    compilePhrases(lexicon.subjects.codeWords[level], level),
  );
  const places = new Map<string, CodedPlace[]>();
  const byLevel = new Map<Exclude<CodeLevel, 'any'>, CodedPlace[]>();
  for (const cc of data.costCentres) {
    if (!cc.code || cc.level === 'city') continue;
    const target: NameTarget =
      cc.level === 'serviceArea'
        ? { kind: 'serviceArea', name: cc.name, serviceArea: cc.name }
        : { kind: 'costCentre', name: cc.name, serviceArea: cc.serviceArea };
    const place: CodedPlace = { target, level: cc.level, code: cc.code };
    places.set(cc.code, [...(places.get(cc.code) ?? []), place]);
    byLevel.set(cc.level, [...(byLevel.get(cc.level) ?? []), place]);
  }
  for (const list of byLevel.values()) list.sort((a, b) => Number(a.code) - Number(b.code));
  return { words, places, byLevel };
}

/** A code said in a question: its words, the code, the level its word names, and the place (null: no such code). */
export interface CodeReading {
  tokens: number[];
  code: string;
  level: CodeLevel;
  place: CodedPlace | null;
}

const CODE = /^\d{1,8}$/;
const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

/**
 * Codes of places ("kp 2202 menot", "tulosalue 22", "cost centre 4402", "kustannuspaikka nro
 * 1102"): a number right after a code word. Read before the period, so "kp 2202" is never the
 * year 2202; a number that could be a year and is no place's code stays a year ("toimiala 2023").
 */
export function readCodes(tokens: readonly Token[], index: CodeIndex): CodeReading[] {
  const out: CodeReading[] = [];
  const taken = new Set<number>();
  for (const hit of findAllPhrases(index.words, tokens, (i) => !taken.has(i))) {
    let at = Math.max(...hit.tokens) + 1;
    const words = [...hit.tokens];
    // "kustannuspaikka nro 1102": a number word between the level word and the code.
    const filler = tokens[at] && !CODE.test(tokens[at]!.fold) ? at : -1;
    if (
      filler >= 0 &&
      index.words.some(
        (p) => p.value === 'any' && p.words.length === 1 && p.words[0]!.text === tokens[filler]!.fold,
      )
    ) {
      words.push(filler);
      at++;
    }
    const t = tokens[at];
    if (!t || !CODE.test(t.fold) || taken.has(at)) continue;
    const code = t.fold;
    const level = hit.phrase.value;
    const known = (index.places.get(code) ?? []).filter((p) => level === 'any' || p.level === level);
    const year = code.length === 4 && Number(code) >= YEAR_MIN && Number(code) <= YEAR_MAX;
    if (known.length === 0 && year) continue;
    for (const i of [...words, at]) taken.add(i);
    out.push({ tokens: [...words, at].sort((a, b) => a - b), code, level, place: known[0] ?? null });
  }
  return out;
}

/** The places whose codes are nearest an unknown one, of the level asked (any level: cost centres). */
export function nearestCodes(index: CodeIndex, reading: CodeReading, n: number): CodedPlace[] {
  const list = index.byLevel.get(reading.level === 'any' ? 'costCentre' : reading.level) ?? [];
  const want = Number(reading.code);
  return [...list]
    .sort(
      (a, b) =>
        Math.abs(Number(a.code) - want) - Math.abs(Number(b.code) - want) || Number(a.code) - Number(b.code),
    )
    .slice(0, n);
}
