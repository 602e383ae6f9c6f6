import type { AnswerFigure } from '../domain/answer';
import { basisKind } from '../domain/basis';
import { formatDate, formatEuro, formatNumber, formatPercentFigure } from '../domain/format';
import { money } from '../domain/money';
import type { Lang } from '../domain/query';
import { isMarginRow } from '../domain/row-kind';
import { type CardContext, NO_CONTEXT } from './card-context';
import { cardLabels } from './labels';

/**
 * The column a figure was printed in, in words a manager uses: "Toteuma 30.6.2022",
 * "Tilinpäätös 2021", "Muutettu talousarvio 2022", "Taloussuunnitelma 2024". The codes of the
 * document (TOT, TA/KS+muutos) are kept for the source line (basisCode).
 */
export function columnName(
  figure: Pick<AnswerFigure, 'basis' | 'year' | 'asOf'> & Partial<Pick<AnswerFigure, 'unit'>>,
  lang: Lang,
): string {
  const fi = lang === 'fi';
  const code = figure.basis.toUpperCase().replace(/\s+/g, '');
  const kind = basisKind(figure.basis);
  // A count (posts) or days per person is a state at the date, not a sum over the months before it.
  if (
    kind === 'actual' &&
    figure.asOf &&
    code === 'TOT' &&
    (figure.unit === 'count' || figure.unit === 'days/person')
  ) {
    return `${fi ? 'Tilanne' : 'As of'} ${formatDate(figure.asOf, lang)}`;
  }
  if (kind === 'actual' && figure.asOf && code === 'TOT') {
    return `${fi ? 'Toteuma' : 'Actual'} ${formatDate(figure.asOf, lang)}`;
  }
  if (kind === 'actual') return `${fi ? 'Tilinpäätös' : 'Financial statements'} ${figure.year}`;
  if (kind === 'plan') return `${fi ? 'Taloussuunnitelma' : 'Financial plan'} ${figure.year}`;
  if (kind === 'change') return `${fi ? 'Talousarviomuutos' : 'Budget change'} ${figure.year}`;
  if (code.includes('MUUTOS')) return `${fi ? 'Muutettu talousarvio' : 'Revised budget'} ${figure.year}`;
  if (code === 'KS') return `${fi ? 'Käyttösuunnitelma' : 'Operating plan'} ${figure.year}`;
  return `${fi ? 'Talousarvio' : 'Budget'} ${figure.year}`;
}

/** The column as the document prints it, for the source line: "TOT 30.6.2022", "TA/KS+muutos 2022". */
export function basisCode(figure: Pick<AnswerFigure, 'basis' | 'year' | 'asOf'>, lang: Lang): string {
  return figure.asOf && figure.basis.toUpperCase() === 'TOT'
    ? `${figure.basis} ${formatDate(figure.asOf, lang)}`
    : `${figure.basis} ${figure.year}`;
}

/** Whether a set of figures is expense-like (all ≤ 0): people are shown magnitudes, not minus signs. */
export function isExpenseLike(
  figures: readonly (Pick<AnswerFigure, 'amount'> & Partial<Pick<AnswerFigure, 'account'>>)[],
): boolean {
  // A margin (toimintakate) keeps its sign, as the answer's text does: its sign is its meaning.
  if (figures.some((f) => f.account !== undefined && isMarginRow(f.account))) return false;
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
    case 'days/person':
      return `${formatNumber(value, lang, value.decimalPlaces())}${lang === 'fi' ? '\u00a0pv/hlö' : ' days per person'}`;
  }
}

/**
 * Source lines of a card, one per document, for its "Lähde" section: the document by its title,
 * where in it, and the columns as printed ("Toteutuma 30.6.2022 – Käyttösuunnitelma 2022, rivi 196
 * · TOT 30.6.2022, TA/KS+muutos 2022"). Derived from the figures, so any city's documents work.
 * The file name is never shown (it means nothing to a reader); the Answer JSON carries it.
 */
export function sourceLines(
  figures: readonly AnswerFigure[],
  lang: Lang,
  context: CardContext = NO_CONTEXT,
): string[] {
  const l = cardLabels(lang);
  // Per document, and within it per page or sheet: the lines figures were printed on.
  const byDoc = new Map<string, { columns: string[]; parts: Map<string, Set<number>> }>();
  for (const f of figures) {
    // A sum no document prints is cited by the lines of its printed parts.
    const cited = f.sum ? f.sum.sources : [{ ...f.source, lines: [f.source.line] }];
    for (const c of cited) {
      const entry = byDoc.get(c.document) ?? { columns: [], parts: new Map<string, Set<number>>() };
      const col = basisCode(f, lang);
      if (!entry.columns.includes(col)) entry.columns.push(col);
      const part = c.page ? `${l.page} ${c.page}` : c.sheet ? `${l.sheet} ${c.sheet}` : '';
      const lines = entry.parts.get(part) ?? new Set<number>();
      for (const line of c.lines) lines.add(line);
      entry.parts.set(part, lines);
      byDoc.set(c.document, entry);
    }
  }
  return [...byDoc.entries()].map(([file, { columns, parts }]) => {
    const where = [...parts.entries()]
      .map(([part, lines]) => (part ? `${part}, ${lineList([...lines], lang)}` : lineList([...lines], lang)))
      .join('; ');
    const shown = columns.length <= 3 ? columns.join(', ') : `${columns.slice(0, 3).join(', ')}…`;
    return `${context.documentTitle(file) ?? l.sourceDocument}, ${where} · ${shown}`;
  });
}

/** "rivi 196", "rivit 131, 135, 155", "rivit 119–195". */
function lineList(lines: readonly number[], lang: Lang): string {
  const l = cardLabels(lang);
  const sorted = [...lines].sort((a, b) => a - b);
  if (sorted.length === 1) return `${l.line} ${sorted[0]}`;
  if (sorted.length <= 6) return `${l.lines} ${sorted.join(', ')}`;
  return `${l.lines} ${sorted[0]}–${sorted[sorted.length - 1]}`;
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
