import type { Answer, Lang, Query } from '../domain';
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

/** The cost centres (of the named service area, if any) each with its row for the account. */
export function costCentreRows(index: AnswerIndex, query: Query, account: string): FoundRow[] {
  const named = query.subjects.find((s) => s.kind === 'serviceArea')?.name ?? null;
  // The whole city is no narrowing: its lists range over every area.
  const area =
    named && index.data.costCentres.some((c) => c.level === 'city' && c.name === named) ? null : named;
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
    if (area && level !== 'serviceArea' && cc.serviceArea && labelKey(cc.serviceArea) !== labelKey(area))
      continue;
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

/** The rows a ranking or list ranges over: the service area's line items, the investment items, or every cost centre's row. */
export function rankedRows(index: AnswerIndex, query: Query, lineItems: boolean): FoundRow[] {
  if (lineItems && query.table === 'investments') return investmentRows(index);
  return lineItems ? lineItemRows(index, query).rows : costCentreRows(index, query, queryAccount(query));
}

/** The year a ranking is about: the one named, the asked date's, else the newest with figures of the measure. */
export function rankingYear(query: Query, rows: FoundRow[]): number | null {
  if (query.years[0] !== undefined) return query.years[0];
  if (query.asOf) return Number(query.asOf.slice(0, 4));
  const kind: 'budget' | 'plan' | 'actual' =
    query.measure === 'budget' ? 'budget' : query.measure === 'plan' ? 'plan' : 'actual';
  // Investments have budgets and plans only: their newest year of either.
  const kinds =
    query.table === 'investments' && query.measure === null ? (['budget', 'plan'] as const) : [kind];
  const years = rows.flatMap((r) => kinds.flatMap((k) => yearsWith(r.facts, k)));
  return years.length ? Math.max(...years) : null;
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
