import Decimal from 'decimal.js';

/** decimal.js configured for money: plenty of precision, half-up rounding as people expect. */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

/** Parses a store amount ("-924370", "62.1") into an exact decimal. */
export function money(amount: string | number | Decimal): Decimal {
  // Decimals are immutable: one that is already money (this constructor, so its precision and
  // rounding) is returned as it is, not copied.
  return typeof amount === 'object' && amount.constructor === Money ? amount : new Money(amount);
}
