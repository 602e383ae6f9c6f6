import type { Fact } from '../domain';
import { basisKind, budgetFinality } from '../domain';
import type { AnswerIndex } from './answer-index';

function newerDocumentFirst(index: AnswerIndex, a: Fact, b: Fact): number {
  return (index.documentRank.get(b.document) ?? 0) - (index.documentRank.get(a.document) ?? 0);
}

/**
 * The actual of a year: the closed year's TP, else the open year's TOT at the newest date
 * (or at `asOf` when one is asked for; 31.12. of a closed year means its TP).
 */
export function pickActual(
  index: AnswerIndex,
  facts: Fact[],
  year: number,
  asOf: string | null,
): Fact | null {
  const actuals = facts.filter((f) => f.year === year && basisKind(f.basis) === 'actual');
  const tp = actuals
    .filter((f) => f.basis.toUpperCase() === 'TP')
    .sort((a, b) => newerDocumentFirst(index, a, b));
  const tot = actuals
    .filter((f) => f.basis.toUpperCase() !== 'TP')
    .sort((a, b) => (b.asOf ?? '').localeCompare(a.asOf ?? '') || newerDocumentFirst(index, a, b));
  if (asOf) {
    if (asOf.endsWith('-12-31') && tp[0]) return tp[0];
    return tot.find((f) => f.asOf === asOf) ?? null;
  }
  return tp[0] ?? tot[0] ?? null;
}

/** The final budget of a year: TA+muutos or TA/KS+muutos over KS over TA; newer document on a tie. */
export function pickBudget(index: AnswerIndex, facts: Fact[], year: number): Fact | null {
  const budgets = facts
    .filter((f) => f.year === year && basisKind(f.basis) === 'budget')
    .sort((a, b) => budgetFinality(b.basis) - budgetFinality(a.basis) || newerDocumentFirst(index, a, b));
  return budgets[0] ?? null;
}

/** The financial-plan figure (TS) of a year, from the newest document. */
export function pickPlan(index: AnswerIndex, facts: Fact[], year: number): Fact | null {
  const plans = facts
    .filter((f) => f.year === year && basisKind(f.basis) === 'plan')
    .sort((a, b) => newerDocumentFirst(index, a, b));
  return plans[0] ?? null;
}

/** Years of a row that have a figure of the given kind, ascending. */
export function yearsWith(facts: Fact[], kind: 'actual' | 'budget' | 'plan' | 'any'): number[] {
  const years = new Set(
    facts.filter((f) => kind === 'any' || basisKind(f.basis) === kind).map((f) => f.year),
  );
  return [...years].sort((a, b) => a - b);
}

/** True when the fact is a year-to-date actual (TOT) rather than a closed year's TP. */
export function isYearToDate(fact: Fact): boolean {
  return basisKind(fact.basis) === 'actual' && fact.basis.toUpperCase() !== 'TP';
}
