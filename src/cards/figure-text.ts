import type { AnswerFigure } from '../domain/answer';
import { basisKind } from '../domain/basis';
import { formatDate, formatEuro, formatNumber, formatPercentFigure } from '../domain/format';
import { money } from '../domain/money';
import type { Lang } from '../domain/query';
import { cardLabels } from './labels';

/** The column a figure was printed in, in words: "Toteuma 30.6.2022", "Tilinpäätös 2021", "TA/KS+muutos 2022". */
export function columnName(figure: Pick<AnswerFigure, 'basis' | 'year' | 'asOf'>, lang: Lang): string {
  const kind = basisKind(figure.basis);
  if (kind === 'actual' && figure.asOf && figure.basis.toUpperCase() === 'TOT') {
    return `${lang === 'fi' ? 'Toteuma' : 'Actual'} ${formatDate(figure.asOf, lang)}`;
  }
  if (kind === 'actual') return `${lang === 'fi' ? 'Tilinpäätös' : 'Financial statements'} ${figure.year}`;
  return `${figure.basis} ${figure.year}`;
}

/** Whether a set of figures is expense-like (all ≤ 0): people are shown magnitudes, not minus signs. */
export function isExpenseLike(figures: readonly Pick<AnswerFigure, 'amount'>[]): boolean {
  return figures.length > 0 && figures.every((f) => money(f.amount).lte(0));
}

/** Formats a figure's amount by its unit; magnitudes when `magnitude` (expenses are shown unsigned). */
export function formatAmount(
  amount: string,
  unit: AnswerFigure['unit'],
  lang: Lang,
  magnitude: boolean,
): string {
  const value = magnitude ? money(amount).abs() : money(amount);
  switch (unit) {
    case 'EUR':
      return formatEuro(value, lang, { signed: !magnitude && value.isNegative() });
    case 'EUR/asukas':
      return `${formatEuro(value, lang, { signed: !magnitude && value.isNegative() })}${lang === 'fi' ? '/asukas' : ' per inhabitant'}`;
    case '%':
      return formatPercentFigure(value, lang);
    case 'count':
      return formatNumber(value, lang, value.isInteger() ? 0 : 1);
  }
}

/**
 * Source lines of a card, one per document: "Lähde: Toteuma 30.6.2022, TA/KS+muutos 2022, rivi 196".
 * Derived from the figures themselves, so any city's documents work. The file name is never shown
 * (it means nothing to a reader); the Answer JSON and `ask --json` carry it for tracing.
 */
export function sourceLines(figures: readonly AnswerFigure[], lang: Lang): string[] {
  const l = cardLabels(lang);
  const byDoc = new Map<string, { columns: string[]; lines: number[] }>();
  for (const f of figures) {
    const entry = byDoc.get(f.source.document) ?? { columns: [], lines: [] };
    const col = columnName(f, lang);
    if (!entry.columns.includes(col)) entry.columns.push(col);
    if (!entry.lines.includes(f.source.line)) entry.lines.push(f.source.line);
    byDoc.set(f.source.document, entry);
  }
  return [...byDoc.values()].map(({ columns, lines }) => {
    const sorted = [...lines].sort((a, b) => a - b);
    const where =
      sorted.length === 1
        ? `${l.line} ${sorted[0]}`
        : sorted.length <= 6
          ? `${l.lines} ${sorted.join(', ')}`
          : `${l.lines} ${sorted[0]}–${sorted[sorted.length - 1]}`;
    const shown = columns.length <= 3 ? columns.join(', ') : `${columns.slice(0, 3).join(', ')}…`;
    return `${l.source}: ${shown}, ${where}`;
  });
}

/** Words for an account in a follow-up question: fi "menot", en "expenses"; other rows as printed. */
export function accountWord(account: string, lang: Lang): string {
  const words: Record<string, [string, string]> = {
    MENOT: ['menot', 'expenses'],
    TULOT: ['tulot', 'revenue'],
    NETTOMENO: ['nettomenot', 'net cost'],
  };
  const w = words[account.toUpperCase()];
  return w ? (lang === 'fi' ? w[0] : w[1]) : account;
}
