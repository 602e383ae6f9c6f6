import type Decimal from 'decimal.js';
import { money } from './money';
import type { Lang } from './query';

// Finnish groups thousands with a no-break space and puts one before € and %, so a figure
// never wraps in the middle (CLDR fi: "1 488 900 €", "62,1 %").
const NBSP = '\u00a0';

function group(intPart: string, sep: string): string {
  // By hand: the look-ahead regex was a visible part of every card's cost.
  const head = intPart.length % 3 || 3;
  let out = intPart.slice(0, head);
  for (let i = head; i < intPart.length; i += 3) out += sep + intPart.slice(i, i + 3);
  return out;
}

/** Formats a plain number with the language's separators: fi "1 488 900,5", en "1,488,900.5". */
export function formatNumber(value: string | Decimal, lang: Lang, decimals = 0): string {
  // One rounding: half-up is symmetric, so the fixed string's digits are those of the rounded
  // absolute value; "-0" (a negative that rounds to zero) carries no sign.
  const fixed = money(value).toFixed(decimals);
  const signed = fixed.charCodeAt(0) === 45;
  const neg = signed && /[1-9]/.test(fixed);
  const digits = signed ? fixed.slice(1) : fixed;
  const dot = digits.indexOf('.');
  const intPart = dot < 0 ? digits : digits.slice(0, dot);
  const frac = dot < 0 ? '' : digits.slice(dot + 1);
  const grouped = group(intPart, lang === 'fi' ? NBSP : ',');
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
