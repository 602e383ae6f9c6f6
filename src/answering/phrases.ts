import type Decimal from 'decimal.js';
import type { Fact, Lang } from '../domain';
import {
  basisKind,
  formatChangePercent,
  formatDate,
  formatEuro,
  formatNumber,
  formatPercentFigure,
} from '../domain';
import { labelKey } from './answer-index';

/** The three account codes every cost centre has (DOMAIN.md, "Rows"). */
export const CORE_ACCOUNTS = ['MENOT', 'TULOT', 'NETTOMENO'] as const;

const ACCOUNT_WORDS: Record<string, Record<Lang, string>> = {
  menot: { fi: 'menot', en: 'expenses' },
  tulot: { fi: 'tulot', en: 'revenue' },
  nettomeno: { fi: 'nettomenot', en: 'net expenses' },
};

/** How an account is said in running text: the codes translated, row labels as printed. */
export function accountWord(account: string, lang: Lang): string {
  return ACCOUNT_WORDS[labelKey(account)]?.[lang] ?? account;
}

/** True for rows whose sign carries meaning on its own (net rows), so they are shown signed. */
export function isNetRow(account: string): boolean {
  const key = labelKey(account);
  return key === 'nettomeno' || key.includes('kate') || key.includes('netto');
}

/** A figure as people read it: euros as magnitudes (signed on net rows), counts, percentages, €/inhabitant. */
export function formatFigure(fact: Pick<Fact, 'amount' | 'unit' | 'account'>, lang: Lang): string {
  switch (fact.unit) {
    case 'count':
      return formatNumber(fact.amount, lang, fact.amount.includes('.') ? 1 : 0);
    case '%':
      return formatPercentFigure(fact.amount, lang);
    case 'EUR/asukas':
      return lang === 'fi'
        ? `${formatNumber(fact.amount, lang)}\u00a0€/asukas`
        : `${fact.amount.startsWith('-') ? '-' : ''}€${formatNumber(fact.amount.replace(/^-/, ''), lang)} per inhabitant`;
    default:
      return isNetRow(fact.account)
        ? formatEuro(fact.amount, lang, { signed: true })
        : formatEuro(money0(fact.amount), lang);
  }
}

function money0(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : amount;
}

/** The period and basis of a figure in words: "tilinpäätös 2021", "toteuma 1.1.–30.6.2022", "talousarvio 2022 (TA/KS+muutos)". */
export function periodWords(
  fact: Pick<Fact, 'basis' | 'year' | 'asOf'> & { unit?: Fact['unit'] },
  lang: Lang,
): string {
  const kind = basisKind(fact.basis);
  if (kind === 'actual') {
    if (fact.basis.toUpperCase() === 'TP')
      return lang === 'fi' ? `tilinpäätös ${fact.year} (TP)` : `${fact.year} financial statements (TP)`;
    const to = fact.asOf ? formatDate(fact.asOf, lang) : String(fact.year);
    // A count (posts) is a state at the date, not a sum over the months before it.
    if (fact.unit === 'count') return lang === 'fi' ? `tilanne ${to} (TOT)` : `as of ${to} (TOT)`;
    return lang === 'fi' ? `toteuma 1.1.–${to} (TOT)` : `actual 1 Jan–${to} (TOT)`;
  }
  if (kind === 'plan')
    return lang === 'fi'
      ? `taloussuunnitelma ${fact.year} (${fact.basis})`
      : `${fact.year} financial plan (${fact.basis})`;
  return lang === 'fi' ? `talousarvio ${fact.year} (${fact.basis})` : `${fact.year} budget (${fact.basis})`;
}

/** "Lähde: 000_x.txt, rivi 196" / "Source: 000_x.txt, lines 192, 196", grouping lines by document. */
export function sourceSentence(sources: Array<{ document: string; line: number }>, lang: Lang): string {
  if (sources.length === 0) return '';
  const byDoc = new Map<string, Set<number>>();
  for (const s of sources) byDoc.set(s.document, (byDoc.get(s.document) ?? new Set()).add(s.line));
  const parts = [...byDoc].map(([doc, lines]) => {
    const sorted = [...lines].sort((a, b) => a - b);
    const word =
      lang === 'fi' ? (sorted.length > 1 ? 'rivit' : 'rivi') : sorted.length > 1 ? 'lines' : 'line';
    return `${doc}, ${word} ${sorted.join(', ')}`;
  });
  return `${lang === 'fi' ? 'Lähde' : 'Source'}: ${parts.join('; ')}.`;
}

/** Joins a list the way each language does: "a, b ja c" / "a, b and c". */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'fi' ? 'ja' : 'and'} ${items.at(-1)}`;
}

/** A run of years shortened to ranges: 2018–2022, or 2018, 2020. */
export function yearList(years: number[]): string {
  const out: string[] = [];
  let start = years[0];
  for (let i = 0; i < years.length; i++) {
    const y = years[i] as number;
    const next = years[i + 1];
    if (next !== y + 1) {
      out.push(start === y ? String(y) : `${start}–${y}`);
      start = next;
    }
  }
  return out.join(', ');
}

/**
 * A change between two figures of the same sign, as people read it: in magnitudes, so spending
 * that went from 1 341 404 € to 1 577 137 € grew, though both are negative in the source.
 */
export function magnitudeChange(
  from: Decimal,
  to: Decimal,
  lang: Lang,
): { grew: Decimal; more: string; percent: string } {
  const grew = to.abs().minus(from.abs());
  const more = grew.isNegative() ? (lang === 'fi' ? 'vähemmän' : 'less') : lang === 'fi' ? 'enemmän' : 'more';
  return { grew, more, percent: formatChangePercent(grew.div(from.abs()).times(100), lang) };
}

/** What a ranking of a service area's line items lists: its expense or income types. */
export function lineItemsWord(income: boolean, lang: Lang): string {
  if (lang === 'fi') return income ? 'tuottolajit' : 'kululajit';
  return income ? 'income types' : 'expense types';
}
