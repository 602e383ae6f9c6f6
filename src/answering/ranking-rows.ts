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

/** True when a ranking is over expense or income types (kululajit, tuotot) rather than cost centres. */
export function ranksLineItems(query: Query): boolean {
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
  const area = query.subjects.find((s) => s.kind === 'serviceArea')?.name ?? null;
  const rows: FoundRow[] = [];
  for (const cc of index.costCentres) {
    if (area && cc.serviceArea && labelKey(cc.serviceArea) !== labelKey(area)) continue;
    const found = findRow(index, cc.name, account, 'costCentres');
    if (found) rows.push({ subject: { kind: 'costCentre', name: cc.name }, ...found });
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

/** The rows a ranking or list ranges over: the service area's line items, or every cost centre's row. */
export function rankedRows(index: AnswerIndex, query: Query, lineItems: boolean): FoundRow[] {
  return lineItems ? lineItemRows(index, query).rows : costCentreRows(index, query, queryAccount(query));
}

/** The year a ranking is about: the one named, the asked date's, else the newest with figures of the measure. */
export function rankingYear(query: Query, rows: FoundRow[]): number | null {
  if (query.years[0] !== undefined) return query.years[0];
  if (query.asOf) return Number(query.asOf.slice(0, 4));
  const kind = query.measure === 'budget' ? 'budget' : query.measure === 'plan' ? 'plan' : 'actual';
  const years = rows.flatMap((r) => yearsWith(r.facts, kind));
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
