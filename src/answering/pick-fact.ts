import type { DocumentInfo, Fact } from '../domain';
import { basisKind, budgetFinality } from '../domain';
import type { Query } from '../domain/query';

// The one rule for which figure counts when several could (DOMAIN.md, "Bases"): a closed year's
// TP over its year-to-date actuals; the newest date among those; the final budget (TA+muutos,
// TA/KS+muutos over KS over TA); and on any tie the newer document. Answers and alerts both
// pick through here, so they can never disagree about a figure.

/** How recent each document is: higher is newer. A document the store does not list counts as oldest. */
export type DocumentRecency = ReadonlyMap<string, number>;

/** What picking needs: the recency of the store's documents (an AnswerIndex has it). */
export interface PickContext {
  readonly documentRank: DocumentRecency;
}

/** Ranks documents by report date, newer higher; undated ones lowest; ties by name, so the order is stable. */
export function documentRecency(documents: readonly DocumentInfo[]): Map<string, number> {
  const docs = [...documents].sort(
    (a, b) => (a.reportDate ?? '').localeCompare(b.reportDate ?? '') || a.name.localeCompare(b.name),
  );
  return new Map(docs.map((d, i) => [d.name, i + 1]));
}

function newerDocumentFirst(ctx: PickContext, a: Fact, b: Fact): number {
  return (ctx.documentRank.get(b.document) ?? 0) - (ctx.documentRank.get(a.document) ?? 0);
}

/** True when the fact is a year-to-date actual (TOT) rather than a closed year's TP. */
export function isYearToDate(fact: Fact): boolean {
  return basisKind(fact.basis) === 'actual' && fact.basis.toUpperCase() !== 'TP';
}

// A row's actuals by year, worked out once per row: a list over every cost centre asks each
// row for several years, and a row with monthly ledger actuals has a hundred of them.
const actualsByYear = new WeakMap<readonly Fact[], Map<number, Fact[]>>();

function actualsOfYear(facts: readonly Fact[], year: number): Fact[] {
  let byYear = actualsByYear.get(facts);
  if (!byYear) {
    byYear = new Map();
    for (const f of facts) {
      if (basisKind(f.basis) !== 'actual') continue;
      const list = byYear.get(f.year);
      if (list) list.push(f);
      else byYear.set(f.year, [f]);
    }
    actualsByYear.set(facts, byYear);
  }
  return byYear.get(year) ?? [];
}

function compareDesc(a: string, b: string): number {
  return a === b ? 0 : a < b ? 1 : -1;
}

/** Year-to-date actuals, newest date first; on the same date the newer document's (an imported ledger over a report). */
function yearToDateNewestFirst(ctx: PickContext, facts: readonly Fact[]): Fact[] {
  return (
    facts
      .filter(isYearToDate)
      // ISO dates order as strings; a plain comparison (not localeCompare) keeps lists over many cost centres fast.
      .sort((a, b) => compareDesc(a.asOf ?? '', b.asOf ?? '') || newerDocumentFirst(ctx, a, b))
  );
}

/** The newest year-to-date actual among the facts (any year), or null. */
export function newestYearToDate(ctx: PickContext, facts: readonly Fact[]): Fact | null {
  return (
    yearToDateNewestFirst(
      ctx,
      facts.filter((f) => f.asOf !== null),
    )[0] ?? null
  );
}

/**
 * The actual of a year: the closed year's TP, else the open year's TOT at the newest date
 * (or at `asOf` when one is asked for; 31.12. of a closed year means its TP).
 */
export function pickActual(
  ctx: PickContext,
  facts: readonly Fact[],
  year: number,
  asOf: string | null,
): Fact | null {
  const ofYear = actualsOfYear(facts, year);
  const tp = ofYear
    .filter((f) => f.basis.toUpperCase() === 'TP')
    .sort((a, b) => newerDocumentFirst(ctx, a, b));
  const tot = yearToDateNewestFirst(ctx, ofYear);
  if (asOf) {
    if (asOf.endsWith('-12-31') && tp[0]) return tp[0];
    return tot.find((f) => f.asOf === asOf) ?? null;
  }
  return tp[0] ?? tot[0] ?? null;
}

/**
 * The one date a list or comparison of several rows' actuals of an open year is at, so that
 * nine months are never ranked beside six: the newest year-to-date date that nearly every row
 * has (at least 90 % as many rows as the best-covered date). A ledger of all cost centres at
 * 30.9. moves the list to 30.9.; one cost centre's September leaves it at the report's 30.6.
 * Each row is then read at that date and a row without a figure there is left out. Null when
 * no row's actual of the year is a year-to-date one.
 */
export function commonAsOf(
  ctx: PickContext,
  rows: readonly (readonly Fact[])[],
  year: number,
): string | null {
  const rowsAt = new Map<string, number>();
  for (const facts of rows) {
    const closed = facts.some((f) => f.year === year && basisKind(f.basis) === 'actual' && !isYearToDate(f));
    if (closed) continue;
    const dates = new Set(
      facts.filter((f) => f.year === year && isYearToDate(f) && f.asOf).map((f) => f.asOf!),
    );
    for (const d of dates) rowsAt.set(d, (rowsAt.get(d) ?? 0) + 1);
  }
  let best = 0;
  for (const n of rowsAt.values()) best = Math.max(best, n);
  let chosen: string | null = null;
  for (const [d, n] of rowsAt) if (n * 10 >= best * 9 && (chosen === null || d > chosen)) chosen = d;
  void ctx;
  return chosen;
}

/**
 * The query a comparison or ranking of several rows reads them by: year-to-date actuals at
 * one date (commonAsOf), unless the question named a date or asks for budgets or plans.
 */
export function atCommonDate(
  ctx: PickContext,
  query: Query,
  rows: readonly { facts: readonly Fact[] }[],
  year: number,
): Query {
  if (query.asOf !== null || query.measure === 'budget' || query.measure === 'plan') return query;
  return {
    ...query,
    asOf: commonAsOf(
      ctx,
      rows.map((r) => r.facts),
      year,
    ),
  };
}

/** The same day of the month a year earlier (29.2. → 28.2.). */
export function sameDateYearBefore(asOf: string): string {
  const y = Number(asOf.slice(0, 4)) - 1;
  const md = asOf.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/**
 * What a seasonal projection rests on: the row's year-to-date actual a year before `asOf` (from
 * last year's monthly ledger) and last year's whole-year actual (its TP, else its 31.12.). Null
 * when last year has no figure at that date.
 */
export function lastYearProfile(
  ctx: PickContext,
  facts: readonly Fact[],
  asOf: string,
): { toDate: Fact; total: Fact } | null {
  const date = sameDateYearBefore(asOf);
  const year = Number(date.slice(0, 4));
  const toDate = yearToDateNewestFirst(
    ctx,
    facts.filter((f) => f.year === year && f.asOf === date),
  )[0];
  const total = pickActual(ctx, facts, year, null);
  if (!toDate || !total || (isYearToDate(total) && total.asOf !== `${year}-12-31`)) return null;
  return { toDate, total };
}

/** The final budget of a year: TA+muutos or TA/KS+muutos over KS over TA; newer document on a tie. */
export function pickBudget(ctx: PickContext, facts: readonly Fact[], year: number): Fact | null {
  const budgets = facts
    .filter((f) => f.year === year && basisKind(f.basis) === 'budget')
    .sort((a, b) => budgetFinality(b.basis) - budgetFinality(a.basis) || newerDocumentFirst(ctx, a, b));
  return budgets[0] ?? null;
}

/** The financial-plan figure (TS) of a year, from the newest document. */
export function pickPlan(ctx: PickContext, facts: readonly Fact[], year: number): Fact | null {
  const plans = facts
    .filter((f) => f.year === year && basisKind(f.basis) === 'plan')
    .sort((a, b) => newerDocumentFirst(ctx, a, b));
  return plans[0] ?? null;
}

/** Years of a row that have a figure of the given kind, ascending. */
export function yearsWith(facts: readonly Fact[], kind: 'actual' | 'budget' | 'plan' | 'any'): number[] {
  const years = new Set(
    facts.filter((f) => kind === 'any' || basisKind(f.basis) === kind).map((f) => f.year),
  );
  return [...years].sort((a, b) => a - b);
}
