import type Decimal from 'decimal.js';
import type { Fact, Lang } from '../domain';
import {
  basisKind,
  formatChangePercent,
  formatDate,
  formatEuro,
  formatNumber,
  formatPercentFigure,
  formatPoints,
  isMarginRow,
  money,
} from '../domain';
import { labelKey } from './answer-index';
import { messages } from './messages';

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
      return messages(lang).words.perInhabitant(fact.amount);
    case 'days/person':
      return messages(lang).words.perPerson(fact.amount);
    default:
      // A margin's sign is its meaning (toimintakate −5 727 854 €); net expenses are said as
      // magnitudes like expenses, and a net income in words, so no minus sign stands beside
      // unsigned expenses.
      if (isMarginRow(fact.account)) return formatEuro(fact.amount, lang, { signed: true });
      if (isNetRow(fact.account) && money(fact.amount).isPositive() && !money(fact.amount).isZero())
        return messages(lang).words.netIncome(formatEuro(fact.amount, lang));
      return formatEuro(money0(fact.amount), lang);
  }
}

function money0(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : amount;
}

/**
 * An amount in a row's unit, for differences and totals: euros, a count ("8"), percentage points
 * between two percentages ("+1,5 %-yks."), or euros per inhabitant. Never "€" on a count.
 */
export function formatInUnit(
  value: string | Decimal,
  unit: Fact['unit'],
  lang: Lang,
  opts: { signed?: boolean } = {},
): string {
  const d = money(value);
  const sign = opts.signed && !d.isZero() ? (d.isNegative() ? (lang === 'fi' ? '−' : '-') : '+') : '';
  switch (unit) {
    case 'count':
      return `${sign}${formatNumber(d.abs(), lang, d.isInteger() ? 0 : 1)}`;
    case '%':
      return `${sign}${formatPoints(d.abs(), lang).replace(/^[+−-]/, '')}`;
    case 'EUR/asukas':
      return `${sign}${messages(lang).words.perInhabitant(d.abs().toString())}`;
    case 'days/person':
      return `${sign}${messages(lang).words.perPerson(d.abs().toString())}`;
    default:
      return formatEuro(d, lang, opts);
  }
}

/** The period and basis of a figure in words: "tilinpäätös 2021", "toteuma 1.1.–30.6.2022", "talousarvio 2022 (TA/KS+muutos)". */
export function periodWords(
  fact: Pick<Fact, 'basis' | 'year' | 'asOf'> & { unit?: Fact['unit'] },
  lang: Lang,
): string {
  const w = messages(lang).words;
  const kind = basisKind(fact.basis);
  if (kind === 'actual') {
    if (fact.basis.toUpperCase() === 'TP') return w.financialStatements(fact.year);
    const to = fact.asOf ? formatDate(fact.asOf, lang) : String(fact.year);
    // A count (posts) is a state at the date, not a sum over the months before it.
    return fact.unit === 'count' || fact.unit === 'days/person' ? w.stateAt(to) : w.actualTo(to);
  }
  if (kind === 'plan') return w.plan(fact.year, fact.basis);
  return w.budget(fact.year, fact.basis);
}

/** "Lähde: 000_x.txt, rivi 196" / "Source: 000_x.txt, lines 192, 196", grouping lines by document. */
export function sourceSentence(
  sources: Array<{ document: string; line: number; page?: number; sheet?: string }>,
  lang: Lang,
): string {
  if (sources.length === 0) return '';
  const words = messages(lang).words;
  const byDoc = new Map<string, Set<number>>();
  for (const s of sources) {
    // In a PDF a line is counted within its page, in a workbook a row within its sheet.
    const where =
      s.page !== undefined
        ? `${s.document}, ${words.page(s.page)}`
        : s.sheet !== undefined
          ? `${s.document}, ${words.sheet(s.sheet)}`
          : s.document;
    byDoc.set(where, (byDoc.get(where) ?? new Set()).add(s.line));
  }
  return messages(lang).words.source(
    [...byDoc].map(([doc, lines]) => ({ document: doc, lines: [...lines].sort((a, b) => a - b) })),
  );
}

/** Joins a list the way each language does: "a, b ja c" / "a, b and c". */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${messages(lang).and}${items.at(-1)}`;
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
  const more = messages(lang).words.moreOrLess(!grew.isNegative());
  return { grew, more, percent: formatChangePercent(grew.div(from.abs()).times(100), lang) };
}

/**
 * A margin's change said as better or worse (−5 498 513 € → −5 727 854 €: 229 341 € heikompi,
 * −4,2 %): the signed change, relative to the earlier margin's size.
 */
export function marginChange(
  from: Decimal,
  to: Decimal,
  lang: Lang,
): { grew: Decimal; more: string; percent: string } {
  const grew = to.minus(from);
  const more = messages(lang).words.betterOrWorse(!grew.isNegative());
  return { grew, more, percent: formatChangePercent(grew.div(from.abs()).times(100), lang) };
}

/** What a ranking of a service area's line items lists: its expense or income types. */
export function lineItemsWord(income: boolean, lang: Lang): string {
  return messages(lang).words.lineItems(income);
}
