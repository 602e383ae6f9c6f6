import type Decimal from 'decimal.js';

/** A horizontal bar drawn with two columns, for used share and elapsed share. */
export interface ShareBar {
  label: string;
  valueText: string;
  /** Column weights 0..100; a zero column is left out by $when. */
  fill: number;
  rest: number;
  hasFill: boolean;
  hasRest: boolean;
  /** Container style of the filled part: good, attention or accent. */
  style: 'good' | 'attention' | 'accent';
}

/** Builds a bar for a share (0.621 → 62 of 100); shares above 1 fill the bar. */
export function shareBar(
  label: string,
  valueText: string,
  share: Decimal,
  style: ShareBar['style'],
): ShareBar {
  const fill = Math.min(100, Math.max(0, share.times(100).toDecimalPlaces(0).toNumber()));
  return { label, valueText, fill, rest: 100 - fill, hasFill: fill > 0, hasRest: fill < 100, style };
}
