import type { Answer, CostCentre, Lang, Query } from '../domain';
import { formatDate } from '../domain';
import { buildAnswer } from './answer-builder';
import { type AnswerIndex, findRow, labelKey, labelsOf } from './answer-index';
import { messages } from './messages';
import { accountWord } from './phrases';
import { yearsWith } from './pick-fact';
import { actualDates, type FoundRow, queryAccount } from './row-lookup';

/** How many rankings (or over-budget lists) an index keeps before starting afresh. */
export const RANKING_CACHE_LIMIT = 500;

// Module level: the bundler writes a \p{…} regex literal as `new RegExp(…)`, which in a function
// body would build a new regex on every call.
const LETTER = /\p{L}/u;

/** Total rows are printed in capitals (TOIMINTAKULUT, TOIMINTAKATE/JÄÄMÄ); they are never ranked among their parts. */
export function isTotalLabel(label: string): boolean {
  return LETTER.test(label) && label === label.toUpperCase();
}

/**
 * True when a ranking is over expense or income types (kululajit, tuotot), or over the items of
 * the investment table ("suurimmat investoinnit"), rather than cost centres.
 */
export function ranksLineItems(query: Query): boolean {
  if (query.table === 'investments') return query.account === null;
  return (
    query.table === 'operatingStatement' &&
    (query.account === null ||
      isTotalLabel(query.account) ||
      ['menot', 'tulot'].includes(labelKey(query.account)))
  );
}

/** True when a line-item ranking asks for income types rather than expense types. */
export function ranksIncome(query: Query): boolean {
  return query.account !== null && ['tulot', 'toimintatuotot'].includes(labelKey(query.account));
}

/**
 * The place a list is narrowed to: a named service area or result area ("mikä kustannuspaikka
 * Kirjastossa käytti eniten?"), never the whole city (its lists range over every area). Null =
 * no narrowing.
 */
export function listScope(index: AnswerIndex, query: Query): CostCentre | null {
  for (const s of query.subjects) {
    const place = index.canonical.get(labelKey(s.name));
    if (!place || place.level === 'city' || place.level === 'costCentre') continue;
    if (s.kind === 'serviceArea' || place.level === 'resultArea') return place;
  }
  return null;
}

/** What a list's rows depend on besides its account and period: the level compared and the place narrowed to (a cache key). */
export function listKey(index: AnswerIndex, query: Query): string {
  return `${query.level ?? 'costCentre'}\u0000${listScope(index, query)?.name ?? ''}`;
}

/** Whether a place lies under another in the hierarchy (by path, else by its service area). */
function within(place: CostCentre, scope: CostCentre): boolean {
  if (place.path && scope.path)
    return place.path.length > scope.path.length && scope.path.every((n, i) => place.path![i] === n);
  return (
    scope.level === 'serviceArea' &&
    place.serviceArea !== null &&
    labelKey(place.serviceArea) === labelKey(scope.name)
  );
}

/** The places of the level a list compares (cost centres unless the query names a level), each with its row for the account. */
export function costCentreRows(index: AnswerIndex, query: Query, account: string): FoundRow[] {
  const scope = listScope(index, query);
  const rows: FoundRow[] = [];
  // A named level ("mikä toimiala…") compares its places; otherwise every cost centre (never
  // a total among its parts).
  const level = query.level ?? 'costCentre';
  const places =
    level === 'serviceArea'
      ? index.serviceAreas
      : level === 'resultArea'
        ? index.data.costCentres.filter((c) => c.level === 'resultArea')
        : index.costCentres;
  // A ledger line ("Henkilöstökulut", "Vuokrat") is each place's line, summed below it where need be.
  const table = query.table === 'accounts' ? 'accounts' : 'costCentres';
  for (const cc of places) {
    if (scope && level !== 'serviceArea' && !within(cc, scope)) continue;
    const found = findRow(index, cc.name, account, table);
    const kind = level === 'serviceArea' ? 'serviceArea' : 'costCentre';
    if (found) rows.push({ subject: { kind, name: cc.name }, ...found });
  }
  return rows;
}

/**
 * The account lines a ledger export prints for one place named alone, each a row of its own: a
 * cost centre's ("Harjulan koulu": Palkat ja palkkiot, Vuokrat, …), or a level above's, each line
 * summed over the cost centres below it; empty when none of them has lines.
 */
export function accountLineRows(index: AnswerIndex, query: Query): FoundRow[] {
  if (query.subjects.length !== 1) return [];
  const subject = query.subjects[0]!;
  const place = index.canonical.get(labelKey(subject.name));
  if (!place?.level) return [];
  const leaves =
    place.level === 'costCentre'
      ? [place]
      : index.data.costCentres.filter(
          (c) => c.level === 'costCentre' && (place.level === 'city' || within(c, place)),
        );
  const labels = new Map<string, string>();
  for (const leaf of leaves)
    for (const label of labelsOf(index, 'accounts', leaf.name))
      if (!labels.has(labelKey(label))) labels.set(labelKey(label), label);
  const rows: FoundRow[] = [];
  for (const label of labels.values()) {
    if (isTotalLabel(label)) continue;
    const found = findRow(index, place.name, label, 'accounts');
    if (found?.table === 'accounts')
      rows.push({ subject: { kind: subject.kind, name: place.name }, ...found });
  }
  return rows;
}

/**
 * Line-item rows with the sign asked for (expenses or income): a cost centre's own account lines
 * where a ledger export prints them, else the service area's operating statement.
 */
export function lineItemRows(index: AnswerIndex, query: Query): { rows: FoundRow[]; income: boolean } {
  const income = ranksIncome(query);
  const lines = accountLineRows(index, query);
  if (lines.length > 0) return { rows: lines, income };
  const area = query.subjects.find((s) => s.kind === 'serviceArea')?.name ?? index.serviceAreas[0]?.name;
  if (!area) return { rows: [], income };
  const rows: FoundRow[] = [];
  for (const label of labelsOf(index, 'operatingStatement', area)) {
    if (isTotalLabel(label)) continue;
    const found = findRow(index, area, label, 'operatingStatement');
    if (found) rows.push({ subject: { kind: 'serviceArea', name: area }, ...found });
  }
  return { rows, income };
}

// A subtotal of the investment table ("Hallinto- ja tukipalvelut yhteensä", "NETTO") is no item.
const SUBTOTAL = /(?:^|\s)(?:yhteensä|netto|total)$/iu;

/** The items of the investment table, each with its row (subtotals left out). */
export function investmentRows(index: AnswerIndex): FoundRow[] {
  const rows: FoundRow[] = [];
  for (const cc of [...index.serviceAreas, ...index.costCentres]) {
    for (const label of labelsOf(index, 'investments', cc.name)) {
      if (isTotalLabel(label) || SUBTOTAL.test(label.trim())) continue;
      const found = findRow(index, cc.name, label, 'investments');
      if (found) rows.push({ subject: { kind: 'serviceArea', name: cc.name }, ...found });
    }
  }
  return rows;
}

// A list's rows depend only on the store and what the list ranges over, never on the period:
// worked out once per index (400 cost centres are looked up once, not on every question).
const rowsCache = new WeakMap<AnswerIndex, Map<string, FoundRow[]>>();

/**
 * What a list's rows depend on (a cache key): the investment items, or the line items of the
 * places named (else the first service area's), or the level, place and account of its places.
 */
export function rowsKey(index: AnswerIndex, query: Query, lineItems: boolean): string {
  if (lineItems && query.table === 'investments') return 'investments';
  // Line items are those of the place named (its account lines, or its area's statement).
  const area = lineItems ? query.subjects.map((s) => s.name).join('\u0001') : '';
  const table = query.table === 'accounts' ? 'accounts' : '';
  return `${lineItems}\u0000${listKey(index, query)}\u0000${queryAccount(query)}\u0000${table}\u0000${area}`;
}

/** The rows a ranking or list ranges over: the service area's line items, the investment items, or every cost centre's row. */
export function rankedRows(index: AnswerIndex, query: Query, lineItems: boolean): FoundRow[] {
  const investments = lineItems && query.table === 'investments';
  const account = queryAccount(query);
  const key = rowsKey(index, query, lineItems);
  let cache = rowsCache.get(index);
  const hit = cache?.get(key);
  if (hit) return hit;
  const rows = investments
    ? investmentRows(index)
    : lineItems
      ? lineItemRows(index, query).rows
      : costCentreRows(index, query, account);
  if (!cache) {
    cache = new Map();
    rowsCache.set(index, cache);
  }
  if (cache.size >= RANKING_CACHE_LIMIT) cache.clear();
  cache.set(key, rows);
  return rows;
}

const newestYears = new WeakMap<readonly FoundRow[], Map<string, number | null>>();

/** The year a ranking is about: the one named, the asked date's, else the newest with figures of the measure. */
export function rankingYear(query: Query, rows: FoundRow[]): number | null {
  if (query.years[0] !== undefined) return query.years[0];
  if (query.asOf) return Number(query.asOf.slice(0, 4));
  const kind: 'budget' | 'plan' | 'actual' =
    query.measure === 'budget' ? 'budget' : query.measure === 'plan' ? 'plan' : 'actual';
  // Investments have budgets and plans only: their newest year of either.
  const kinds =
    query.table === 'investments' && query.measure === null ? (['budget', 'plan'] as const) : [kind];
  const key = kinds.join('+');
  let byKind = newestYears.get(rows);
  if (!byKind) {
    byKind = new Map();
    newestYears.set(rows, byKind);
  }
  if (!byKind.has(key)) {
    let newest: number | null = null;
    for (const r of rows) {
      for (const k of kinds) {
        const y = yearsWith(r.facts, k).at(-1);
        if (y !== undefined && (newest === null || y > newest)) newest = y;
      }
    }
    byKind.set(key, newest);
  }
  return byKind.get(key) ?? null;
}

// At most this many other dates are offered as buttons.
const MAX_DATE_OPTIONS = 4;

/**
 * The question asked again at another date: the words that said its date ("maaliskuun lopussa",
 * "31.3.2022") replaced by that date, so the list keeps everything else it was asked with.
 */
export function askAtDate(query: Query, date: string): string {
  const text = query.text;
  const at = formatDate(date, 'fi');
  const lower = text.toLowerCase();
  const said = (query.periodNote ?? '')
    .split('; ')
    .map((n) => n.split(' → ')[0]!)
    .find((w) => w && lower.includes(w));
  if (said) {
    const i = lower.indexOf(said);
    // "maaliskuun lopussa 2022" → "30.6.2022", not "30.6.2022 2022".
    const rest = text.slice(i + said.length).replace(new RegExp(`^\\s+${date.slice(0, 4)}(?!\\d)`), '');
    return `${text.slice(0, i)}${at}${rest}`;
  }
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/g)) {
    const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    if (iso === query.asOf) return `${text.slice(0, m.index)}${at}${text.slice(m.index + m[0].length)}`;
  }
  return `${text} ${at}`;
}

/**
 * not_found for a list or ranking of actuals at a date no row has a figure at ("ylittäneet
 * budjettinsa maaliskuun lopussa 2022" when the year has 30.6. onwards): says so, names the
 * dates the year has, nearest first, and offers the same question at them. Never the newest
 * date's list as if it were the one asked.
 */
export function noListFiguresAtDate(
  index: AnswerIndex,
  query: Query,
  rows: FoundRow[],
  asOf: string,
): Answer {
  const lang = query.lang;
  const year = Number(asOf.slice(0, 4));
  const asked = Date.parse(asOf);
  const near = (d: string) => Math.abs(Date.parse(d) - asked);
  const dates = [...new Set(rows.flatMap((r) => actualDates(r, year)))].sort(
    (a, b) => near(a) - near(b) || a.localeCompare(b),
  );
  const years =
    dates.length === 0
      ? [...new Set(rows.flatMap((r) => yearsWith(r.facts, 'actual')))].sort((a, b) => a - b)
      : [];
  const word = accountWord(rows[0]?.label ?? queryAccount(query), lang);
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'period', term: formatDate(asOf, lang) },
    title: messages(lang).ranking.noFiguresTitle,
    sentences: [
      messages(lang).rows.noListFiguresAtDate(
        word,
        formatDate(asOf, lang),
        dates.map((d) => formatDate(d, lang)),
        years,
      ),
    ],
    options: dates
      .slice(0, MAX_DATE_OPTIONS)
      .map((d) => ({ label: formatDate(d, lang), ask: askAtDate(query, d) })),
  });
}

/** not_found when there is nothing to rank, saying which years the data has. */
export function noData(index: AnswerIndex, query: Query, lang: Lang): Answer {
  const m = messages(lang);
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'noData', term: null },
    title: m.ranking.noFiguresTitle,
    sentences: [m.ranking.noFigures(index.years)],
  });
}
