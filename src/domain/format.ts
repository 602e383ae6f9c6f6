import type Decimal from 'decimal.js';
import { money } from './money';
import type { Lang } from './query';

// Finnish groups thousands with a no-break space and puts one before € and %, so a figure
// never wraps in the middle (CLDR fi: "1 488 900 €", "62,1 %").
const NBSP = '\u00a0';

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Formats a plain number with the language's separators: fi "1 488 900,5", en "1,488,900.5". */
export function formatNumber(value: string | Decimal, lang: Lang, decimals = 0): string {
  const d = money(value).toDecimalPlaces(decimals);
  const neg = d.isNegative() && !d.isZero();
  const [intPart, frac] = d.abs().toFixed(decimals).split('.');
  const grouped = group(intPart ?? '0', lang === 'fi' ? NBSP : ',');
  const body = frac ? `${grouped}${lang === 'fi' ? ',' : '.'}${frac}` : grouped;
  return `${neg ? (lang === 'fi' ? '−' : '-') : ''}${body}`;
}

/** Formats euros, rounded to whole euros: fi "1 488 900 €", en "€1,488,900". Signed only when asked. */
export function formatEuro(value: string | Decimal, lang: Lang, opts: { signed?: boolean } = {}): string {
  const d = money(value);
  const abs = formatNumber(d.abs(), lang, 0);
  const sign =
    opts.signed && !d.toDecimalPlaces(0).isZero() ? (d.isNegative() ? (lang === 'fi' ? '−' : '-') : '+') : '';
  return lang === 'fi' ? `${sign}${abs}${NBSP}€` : `${sign}€${abs}`;
}

/** Formats a share (0.621) as a percentage with one decimal: fi "62,1 %", en "62.1%". */
export function formatShare(share: string | Decimal, lang: Lang, decimals = 1): string {
  const pct = formatNumber(money(share).times(100), lang, decimals);
  return lang === 'fi' ? `${pct}${NBSP}%` : `${pct}%`;
}

/** Formats a printed percentage figure ("13.9") as fi "13,9 %", en "13.9%". */
export function formatPercentFigure(value: string | Decimal, lang: Lang, decimals = 1): string {
  const pct = formatNumber(value, lang, decimals);
  return lang === 'fi' ? `${pct}${NBSP}%` : `${pct}%`;
}

/** Formats a change in percent with its sign: fi "+6,7 %", en "-3.7%" (the minus as formatNumber writes it). */
export function formatChangePercent(value: string | Decimal, lang: Lang): string {
  const d = money(value);
  const sign = d.isNegative() ? '' : '+';
  const body = formatNumber(d, lang, 1);
  return lang === 'fi' ? `${sign}${body}${NBSP}%` : `${sign}${body}%`;
}

/** Formats percentage points (pace): fi "+12,5 %-yks.", en "+12.5 pp". */
export function formatPoints(points: string | Decimal, lang: Lang): string {
  const d = money(points);
  const sign = d.isNegative() ? '' : '+';
  const body = formatNumber(d, lang, 1);
  return lang === 'fi' ? `${sign}${body}${NBSP}%-yks.` : `${sign}${body} pp`;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formats an ISO date: fi "30.6.2022", en "30 Jun 2022". */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return lang === 'fi' ? `${d}.${m}.${y}` : `${d} ${EN_MONTHS[m - 1]} ${y}`;
}
