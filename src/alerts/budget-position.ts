import type Decimal from 'decimal.js';
import { budgetActualValues, elapsedShare } from '../answering/derived-values';
import { documentRecency, newestYearToDate, type PickContext, pickBudget } from '../answering/pick-fact';
import type { BudgetData, Fact, Source } from '../domain';
import { money } from '../domain';

/** A signed figure of the store with where it was printed. */
export interface PositionFigure {
  amount: Decimal;
  basis: string;
  source: Source;
}

/**
 * Where one cost centre stands in its newest open year: the newest year-to-date actual (TOT)
 * beside the same year's final budget, with the derived shares the alert rules need. Built once
 * per run; every value is exact. A share is null when its budget is zero (no share exists).
 */
export interface BudgetPosition {
  costCentre: string;
  year: number;
  asOf: string;
  expenseActual: PositionFigure;
  expenseBudget: PositionFigure;
  revenueActual: PositionFigure | null;
  revenueBudget: PositionFigure | null;
  /** |actual expenses| / |budget expenses|. */
  usedShare: Decimal | null;
  /** Day of year / days in year at `asOf`. */
  elapsedShare: Decimal;
  /** usedShare − elapsedShare, in percentage points; null at 31.12. (the year is over). */
  pacePoints: Decimal | null;
  /** Naive linear projection of the year's expenses (signed like the actual): an estimate; null at 31.12. */
  projection: Decimal | null;
  /** revenue actual / revenue budget; null at 31.12. (a closed year has no shortfall "so far"). */
  revenueUsedShare: Decimal | null;
}

function figure(f: Fact): PositionFigure {
  return { amount: money(f.amount), basis: f.basis, source: { document: f.document, line: f.line } };
}

/**
 * Every cost centre's position from the store: for each subject with a year-to-date expense
 * actual (TOT), that date's actual beside the same year's final expense budget. Subjects with
 * no TOT or no budget for that year are left out (no data, no alert).
 */
export function positionsFromStore(data: BudgetData): BudgetPosition[] {
  // Which figure counts is the answering part's one rule, so an alert and an answer never disagree.
  const ctx: PickContext = { documentRank: documentRecency(data.documents) };
  // Group once: subject → account → facts. Only per-subject MENOT/TULOT rows (cost-centre table
  // or imported actuals) count; line items of the operating statement are not a budget to track.
  const bySubject = new Map<string, { MENOT: Fact[]; TULOT: Fact[] }>();
  for (const f of data.facts) {
    if (f.kind === 'change' || f.unit !== 'EUR') continue;
    if (f.table !== 'costCentres' && f.table !== 'actuals') continue;
    if (f.account !== 'MENOT' && f.account !== 'TULOT') continue;
    let entry = bySubject.get(f.costCentre);
    if (!entry) {
      entry = { MENOT: [], TULOT: [] };
      bySubject.set(f.costCentre, entry);
    }
    entry[f.account].push(f);
  }
  const positions: BudgetPosition[] = [];
  for (const [costCentre, facts] of bySubject) {
    const actual = newestYearToDate(ctx, facts.MENOT);
    if (!actual || actual.asOf === null) continue;
    const asOf = actual.asOf;
    const budget = pickBudget(ctx, facts.MENOT, actual.year);
    if (!budget) continue;
    const revActual = newestYearToDate(
      ctx,
      facts.TULOT.filter((f) => f.year === actual.year && f.asOf === asOf),
    );
    const revBudget = pickBudget(ctx, facts.TULOT, actual.year);
    const expenseActual = figure(actual);
    const expenseBudget = figure(budget);
    // The answering part's exact budget-vs-actual arithmetic, so an alert and an answer never
    // disagree. It leaves pace and projection out on 31.12. (the year is over): so do alerts.
    const values = budgetActualValues(actual.amount, budget.amount, asOf);
    positions.push({
      costCentre,
      year: actual.year,
      asOf,
      expenseActual,
      expenseBudget,
      revenueActual: revActual ? figure(revActual) : null,
      revenueBudget: revBudget ? figure(revBudget) : null,
      usedShare: values.usedShare,
      elapsedShare: values.elapsed?.share ?? elapsedShare(asOf).share,
      pacePoints: values.pace,
      projection: values.projection,
      revenueUsedShare:
        values.elapsed && revActual && revBudget && !money(revBudget.amount).isZero()
          ? money(revActual.amount).dividedBy(money(revBudget.amount))
          : null,
    });
  }
  return positions.sort((a, b) => a.costCentre.localeCompare(b.costCentre, 'fi'));
}
