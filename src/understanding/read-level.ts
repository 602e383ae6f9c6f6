import type { Query } from '../domain/query';
import { questionKind } from '../domain/question-kinds';
import { foldWords } from './normalize-text';

// Words that name a level of the city's budget. They belong to the document family (every
// Finnish city has toimialat and tulosalueet), not to one city's names.
const SERVICE_AREA =
  /^(toimiala|toimialo|toimialat|palvelualue|palvelualuee|palvelualueit)|^service ?areas?$|^departments$/;
const RESULT_AREA = /^(tulosalue|tulosaluee|tulosalueit|vastuualue|vastuualuee|vastuualueit)|^result$/;

/**
 * The level a list or ranking compares ("mikä toimiala ylitti budjettinsa", "suurimmat
 * tulosalueet", "which service areas…"): lists range over cost centres unless a level is named.
 */
export function levelOf(text: string): Query['level'] | null {
  const words = foldWords(text);
  if (words.some((w, i) => RESULT_AREA.test(w) && (w !== 'result' || words[i + 1]?.startsWith('area'))))
    return 'resultArea';
  if (words.some((w, i) => SERVICE_AREA.test(w) || (w === 'service' && words[i + 1]?.startsWith('area'))))
    return 'serviceArea';
  return null;
}

/** Sets or clears the compared level of a list; other kinds compare nothing. */
export function withLevel(query: Query, text: string, previous: Query | null): Query {
  const level =
    questionKind(query.intent).subject === 'all'
      ? (levelOf(text) ?? (previous?.intent === query.intent ? previous.level : null))
      : null;
  const out = { ...query };
  if (level) {
    out.level = level;
    // "mikä palvelualue…" names the level, not the area the word would otherwise mean.
    if (level === 'serviceArea') out.subjects = out.subjects.filter((s) => s.kind !== 'serviceArea');
  } else delete out.level;
  return out;
}

const CITY_WORDS =
  /(^|\s)(koko kaupun\S*|kaupungin|kaupunki|koko kun\S*|kunnan|whole city|entire city|the city)(\s|$)/;

/**
 * "koko kaupungin menot" in a store of several service areas but no city total: the areas'
 * figures together (summed only where the year and basis agree, which the total answer does),
 * naming each area. With a city total in the store, or one area, the reading stands.
 */
export function withWholeCity(
  query: Query,
  text: string,
  serviceAreas: readonly string[],
  hasCity: boolean,
): Query {
  if (hasCity || serviceAreas.length < 2) return query;
  if (!CITY_WORDS.test(foldWords(text).join(' '))) return query;
  if (query.subjects.some((s) => s.kind === 'costCentre')) return query;
  if (questionKind(query.intent).subject !== 'required') return query;
  return {
    ...query,
    intent: 'compare',
    subjects: serviceAreas.map((name) => ({ kind: 'serviceArea' as const, name })),
    combine: 'total',
  };
}
