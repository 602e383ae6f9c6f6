import type Decimal from 'decimal.js';
import type { AnswerFigure } from '../domain/answer';
import { money } from '../domain/money';
import type { Lang } from '../domain/query';

/**
 * The unit a chart's axis counts in: euros, thousands ("t€") or millions ("milj. €"), so the
 * numbers on the axis stay short (a chart shows "1,5", not "1578k"); the exact figures are in
 * the card's table.
 */
export interface ChartScale {
  /** Euros per axis unit: 1, 1 000 or 1 000 000. */
  divisor: number;
  /** Decimals kept of a scaled value. */
  places: number;
  label: string;
}

/** Chooses the unit by the largest amount charted; a count or a percentage keeps its own unit. */
export function chartScale(
  figures: readonly (Pick<AnswerFigure, 'amount'> & Partial<Pick<AnswerFigure, 'unit'>>)[],
  lang: Lang,
): ChartScale {
  const unit = figures.find((f) => f.unit !== undefined)?.unit ?? 'EUR';
  if (unit === 'count') return { divisor: 1, places: 0, label: lang === 'fi' ? 'kpl' : 'count' };
  if (unit === '%') return { divisor: 1, places: 1, label: '%' };
  if (unit === 'days/person')
    return { divisor: 1, places: 2, label: lang === 'fi' ? 'pv/hlö' : 'days per person' };
  if (unit === 'EUR/asukas')
    return { divisor: 1, places: 0, label: lang === 'fi' ? '€/asukas' : '€ per inhabitant' };
  let max = money(0);
  for (const f of figures) {
    const v = money(f.amount).abs();
    if (v.greaterThan(max)) max = v;
  }
  // Axis numbers below ten thousand read whole on a phone: millions from 100 000 € up.
  if (max.greaterThanOrEqualTo(100_000))
    return { divisor: 1_000_000, places: 3, label: lang === 'fi' ? 'milj. €' : '€ million' };
  if (max.greaterThanOrEqualTo(1_000))
    return { divisor: 1_000, places: 1, label: lang === 'fi' ? 't€' : '€ thousand' };
  return { divisor: 1, places: 0, label: '€' };
}

/** A figure as a chart height in the scale's unit: magnitudes for expenses, signed otherwise. */
export function chartValue(
  figure: Pick<AnswerFigure, 'amount'>,
  magnitude: boolean,
  scale: ChartScale,
): number {
  const v: Decimal = magnitude ? money(figure.amount).abs() : money(figure.amount);
  // Chart geometry only: the exact figure is in the table.
  return v.dividedBy(scale.divisor).toDecimalPlaces(scale.places).toNumber();
}
