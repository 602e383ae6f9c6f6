import type { Answer, CostCentre, Lang, Query } from '../domain';
import { buildAnswer } from './answer-builder';
import { type AnswerIndex, findRow, labelKey, labelsOf } from './answer-index';
import { messages } from './messages';
import { yearsWith } from './pick-fact';
import { type FoundRow, queryAccount } from './row-lookup';

/** How many rankings (or over-budget lists) an index keeps before starting afresh. */
export const RANKING_CACHE_LIMIT = 500;

/** Total rows are printed in capitals (TOIMINTAKULUT, TOIMINTAKATE/JÄÄMÄ); they are never ranked among their parts. */
export function isTotalLabel(label: string): boolean {
  return /\p{L}/u.test(label) && label === label.toUpperCase();
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
  for (const cc of places) {
    if (scope && level !== 'serviceArea' && !within(cc, scope)) continue;
    const found = findRow(index, cc.name, account, 'costCentres');
    const kind = level === 'serviceArea' ? 'serviceArea' : 'costCentre';
    if (found) rows.push({ subject: { kind, name: cc.name }, ...found });
  }
  return rows;
}

/** Line-item rows of the service area's operating statement with the sign asked for (expenses or income). */
export function lineItemRows(index: AnswerIndex, query: Query): { rows: FoundRow[]; income: boolean } {
  const area = query.subjects.find((s) => s.kind === 'serviceArea')?.name ?? index.serviceAreas[0]?.name;
  const income = ranksIncome(query);
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

/** The rows a ranking or list ranges over: the service area's line items, the investment items, or every cost centre's row. */
export function rankedRows(index: AnswerIndex, query: Query, lineItems: boolean): FoundRow[] {
  const investments = lineItems && query.table === 'investments';
  const account = queryAccount(query);
  // Line items are the named service area's (else the first one's): its name is part of the key.
  const area = lineItems ? (query.subjects.find((s) => s.kind === 'serviceArea')?.name ?? '') : '';
  const key = investments
    ? 'investments'
    : `${lineItems}\u0000${listKey(index, query)}\u0000${account}\u0000${area}`;
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

/** not_found when there is nothing to rank, saying which years the data has. */
export function noData(index: AnswerIndex, query: Query, lang: Lang): Answer {
  const m = messages(lang);
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'noData', term: null },
    title: m.ranking.noFiguresTitle,
    sentences: [m.ranking.noFigures(index.years)],
  });
}
