import type Decimal from 'decimal.js';
import { money } from '../domain';

/** A decimal as the Answer's derived strings want it: fixed places, no exponent, no "-0". */
export function decimalString(value: Decimal, places: number): string {
  const fixed = value.toDecimalPlaces(places);
  return fixed.isZero() ? '0' : fixed.toFixed();
}

/**
 * Places a share, percentage or pace is kept to in an answer body: enough that any display
 * rounding of it equals the rounding of the exact value, so the text and the card never differ.
 */
export const EXACT_PLACES = 12;

/** A ratio (share, percentage, pace) for an answer body: effectively exact, never rounded for display. */
export function exactString(value: Decimal): string {
  return decimalString(value, EXACT_PLACES);
}

/** Share of the year elapsed at an as-of date: day of year / days in year (30.6.2022 → 181/365). */
export function elapsedShare(asOf: string): { day: number; daysInYear: number; share: Decimal } {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const day = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  const daysInYear = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365;
  return { day, daysInYear, share: money(day).div(daysInYear) };
}

/** Budget against actual, all exact: what a budget-vs-actual, remaining or forecast answer states. */
export interface BudgetActualValues {
  /** actual − budget, signed: negative is unfavourable for expenses and revenues alike. */
  variance: Decimal;
  /** budget − actual, signed as the figures. */
  remaining: Decimal;
  /** |actual| / |budget|; null when the budget is zero or actual and budget have opposite signs. */
  usedShare: Decimal | null;
  /** Only for a year-to-date actual. */
  elapsed: { day: number; daysInYear: number; share: Decimal } | null;
  /** usedShare − elapsedShare in percentage points; positive = ahead of plan. */
  pace: Decimal | null;
  /** Naive linear full-year estimate: actual / elapsed share. */
  projection: Decimal | null;
  /** A net row budgeted as income (budget > 0) that came out as income or nothing (actual ≥ 0). */
  netIncome: boolean;
}

/** Computes variance, remaining, used share and, for a year-to-date actual, pace and projection. */
export function budgetActualValues(actual: string, budget: string, asOf: string | null): BudgetActualValues {
  const a = money(actual);
  const b = money(budget);
  // A share of the budget only means something when actual and budget run the same way: a net
  // row budgeted as income (+) that came out as a cost (−) has no "used share".
  const opposite = !a.isZero() && a.isNegative() !== b.isNegative();
  const usedShare = b.isZero() || opposite ? null : a.abs().div(b.abs());
  const elapsed = asOf && !asOf.endsWith('-12-31') ? elapsedShare(asOf) : null;
  return {
    variance: a.minus(b),
    remaining: b.minus(a),
    usedShare,
    elapsed,
    pace: elapsed && usedShare ? usedShare.minus(elapsed.share).times(100) : null,
    projection: elapsed ? a.div(elapsed.share) : null,
    netIncome: b.isPositive() && !b.isZero() && !a.isNegative(),
  };
}

/** The derived strings of a budget-vs-actual answer. */
export function budgetActualDerived(v: BudgetActualValues): Record<string, string> {
  const out: Record<string, string> = {
    variance: decimalString(v.variance, 2),
    remaining: decimalString(v.remaining, 2),
  };
  if (v.usedShare) out.usedShare = decimalString(v.usedShare, 4);
  if (v.elapsed) out.elapsedShare = decimalString(v.elapsed.share, 4);
  if (v.pace) out.pace = decimalString(v.pace, 2);
  if (v.projection) out.projection = decimalString(v.projection, 0);
  return out;
}

/** Difference (later − earlier) and change % relative to the earlier figure's magnitude. */
export function changeValues(
  from: string,
  to: string,
): { difference: Decimal; changePercent: Decimal | null } {
  const a = money(from);
  const b = money(to);
  return { difference: b.minus(a), changePercent: a.isZero() ? null : b.minus(a).div(a.abs()).times(100) };
}

/**
 * The seasonal year-end estimate of DOMAIN.md: the actual so far divided by the share of last
 * year's whole-year figure that had been spent (or had come in) by the same date last year.
 * Null when last year gives no usable share: a zero year, a share of the other sign, or one so
 * small that dividing by it would say nothing.
 */
export function seasonalProjection(
  actual: string,
  lastYearToDate: string,
  lastYearTotal: string,
): { projection: Decimal; share: Decimal } | null {
  const total = money(lastYearTotal);
  const toDate = money(lastYearToDate);
  if (total.isZero() || toDate.isZero() || toDate.isNegative() !== total.isNegative()) return null;
  const share = toDate.div(total);
  if (share.lt('0.02')) return null;
  return { projection: money(actual).div(share), share };
}
