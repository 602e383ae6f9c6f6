import type { DocumentInfo, Fact } from '../domain';
import { basisKind, budgetFinality } from '../domain';

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

/** Year-to-date actuals, newest date first; on the same date the newer document's (an imported ledger over a report). */
function yearToDateNewestFirst(ctx: PickContext, facts: readonly Fact[]): Fact[] {
  return facts
    .filter(isYearToDate)
    .sort((a, b) => (b.asOf ?? '').localeCompare(a.asOf ?? '') || newerDocumentFirst(ctx, a, b));
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
  const ofYear = facts.filter((f) => f.year === year && basisKind(f.basis) === 'actual');
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
