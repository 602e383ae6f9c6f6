import type Decimal from 'decimal.js';
import type { Answer, Fact, Lang, Query } from '../domain';
import { money } from '../domain';
import { buildAnswer, type UsedFigure } from './answer-builder';
import { type AnswerIndex, findRow, labelKey, labelsOf } from './answer-index';
import { answerBudgetMetricRanking } from './budget-metric-ranking-answer';
import { answerChangeRanking } from './change-ranking-answer';
import { valueFor } from './compare-answer';
import { accountWord, formatFigure, lineItemsWord, periodWords, yearList } from './phrases';
import { yearsWith } from './pick-fact';
import { type FoundRow, queryAccount } from './row-lookup';

const DEFAULT_TOP = 5;

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
  const income = query.account !== null && ['tulot', 'toimintatuotot'].includes(labelKey(query.account));
  if (!area) return { rows: [], income };
  const rows: FoundRow[] = [];
  for (const label of labelsOf(index, 'operatingStatement', area)) {
    if (isTotalLabel(label)) continue;
    const found = findRow(index, area, label, 'operatingStatement');
    if (found) rows.push({ subject: { kind: 'serviceArea', name: area }, ...found });
  }
  return { rows, income };
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
  return buildAnswer(index, query, {
    status: 'not_found',
    title: lang === 'fi' ? 'Ei lukuja' : 'No figures',
    sentences: [
      lang === 'fi'
        ? `Järjestykseen ei löytynyt lukuja. ${index.years.length ? `Aineistossa on vuodet ${yearList(index.years)}.` : 'Aineistossa ei ole vielä lukuja.'}`
        : `No figures to rank. ${index.years.length ? `The data covers ${yearList(index.years)}.` : 'The data has no figures yet.'}`,
    ],
  });
}

type Ranked = Array<{ row: FoundRow; fact: Fact; size: Decimal }>;

// A store does not change under its index, so a ranking computed once for an account, period
// and measure is kept with the index: rankings over thousands of cost centres then cost a look-up.
const rankingCache = new WeakMap<AnswerIndex, Map<string, { year: number | null; ranked: Ranked }>>();
/** How many rankings (or over-budget lists) an index keeps before starting afresh. */
export const RANKING_CACHE_LIMIT = 500;

function rankCandidates(
  index: AnswerIndex,
  query: Query,
  lineItems: boolean,
): { year: number | null; ranked: Ranked } {
  const area = query.subjects.find((s) => s.kind === 'serviceArea')?.name ?? '';
  const key = [
    lineItems,
    query.account,
    query.table,
    query.measure,
    query.years[0],
    query.asOf,
    area,
    query.order,
  ].join('\u0000');
  let cache = rankingCache.get(index);
  const hit = cache?.get(key);
  if (hit) return hit;
  const { rows, income } = lineItems
    ? lineItemRows(index, query)
    : { rows: costCentreRows(index, query, queryAccount(query)), income: false };
  const year = rows.length === 0 ? null : rankingYear(query, rows);
  const ranked: Ranked = [];
  if (year !== null) {
    for (const row of rows) {
      const fact = valueFor(index, query, row, year);
      if (!fact) continue;
      const amount = money(fact.amount);
      // A zero is no spending at all: it would fill a "smallest" list with nothing to say.
      if (amount.isZero() || (lineItems && amount.isNegative() === income)) continue;
      ranked.push({ row, fact, size: amount });
    }
    // Size runs the way the account mostly runs: expenses and net costs are negative, so the
    // biggest is the most negative; a net row that came out as income then ranks last, not first.
    const negatives = ranked.filter((r) => r.size.isNegative()).length;
    const flip = negatives * 2 > ranked.length;
    for (const r of ranked) r.size = flip ? r.size.neg() : r.size;
    const dir = query.order === 'asc' ? 1 : -1;
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    ranked.sort((a, b) => dir * a.size.comparedTo(b.size) || byName(a.row.subject.name, b.row.subject.name));
  }
  const result = { year, ranked };
  if (!cache) {
    cache = new Map();
    rankingCache.set(index, cache);
  }
  if (cache.size >= RANKING_CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

/** Answers "which cost centres spent most" (or line items when expense/income types are asked), top N in order. */
export function answerRanking(index: AnswerIndex, query: Query): Answer {
  if (query.rankBy === 'change') return answerChangeRanking(index, query);
  if (query.rankBy === 'remaining' || query.rankBy === 'usedShare')
    return answerBudgetMetricRanking(index, query);
  const lang = query.lang;
  const lineItems = ranksLineItems(query);
  const income =
    lineItems && query.account !== null && ['tulot', 'toimintatuotot'].includes(labelKey(query.account));
  const { year, ranked } = rankCandidates(index, query, lineItems);
  if (year === null || ranked.length === 0) return noData(index, query, lang);
  const top = ranked.slice(0, query.topN ?? DEFAULT_TOP);
  const first = top[0] as { row: FoundRow; fact: Fact; size: Decimal };
  const period = periodWords(first.fact, lang);
  const what = lineItems ? lineItemsWord(income, lang) : accountWord(first.row.label, lang);
  const list = top
    .map((t, i) => `${i + 1}. ${lineItems ? t.row.label : t.row.subject.name} ${formatFigure(t.fact, lang)}`)
    .join(', ');
  const head =
    lang === 'fi'
      ? `${query.order === 'asc' ? 'Pienimmät' : 'Suurimmat'} ${what}, ${period}: ${list}.`
      : `${query.order === 'asc' ? 'Smallest' : 'Largest'} ${what}, ${period}: ${list}.`;
  const sentences = [head];
  if (!lineItems)
    sentences.push(
      lang === 'fi'
        ? `Mukana ${ranked.length} kustannuspaikkaa; yhteissummat eivät ole mukana.`
        : `${ranked.length} cost centres compared; totals are left out.`,
    );
  const figures: UsedFigure[] = top.map((t) => ({ fact: t.fact, role: 'value' }));
  return buildAnswer(index, query, {
    title: lang === 'fi' ? `Järjestys · ${what} ${year}` : `Ranking · ${what} ${year}`,
    sentences,
    figures,
    derived: { count: String(top.length), compared: String(ranked.length) },
  });
}
