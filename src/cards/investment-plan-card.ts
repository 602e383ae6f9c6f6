import { formatFigure } from '../answering/phrases';
import type { Answer, AnswerFigure } from '../domain/answer';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type CardContext, NO_CONTEXT } from './card-context';
import { type AskButton, askButtons, type CardHeader, cardHeader, limitRows } from './card-header';
import { columnName, sourceLines } from './figure-text';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** One cell of an investment row; "–" where the document prints nothing. */
export interface InvestmentCell {
  value: string;
  /** Subtotals are bold. */
  cellWeight: 'Bolder' | 'Default';
}

/** One investment item or subtotal with a value per plan column. */
export interface InvestmentRow {
  name: string;
  isTotal: boolean;
  cells: InvestmentCell[];
}

/** Most items and subtotals an investment card lists; the rest are counted in a note. */
export const MAX_INVESTMENT_ROWS = 20;

/** Most plan columns (TA 2020, TS 2021, …) an investment card shows. */
export const MAX_INVESTMENT_COLUMNS = 4;

/** Data model of cards/investment-plan.json: items by plan column (TA 2020, TS 2021, …). */
export interface InvestmentPlanCardData extends CardHeader {
  columns: { name: string }[];
  rows: InvestmentRow[];
  buttons: AskButton[];
}

const colKey = (f: AnswerFigure) => `${f.basis} ${f.year}`;

/**
 * Builds the investment plan's data model. Columns and rows keep the order of the figures; a
 * figure that takes part in a sum the document gets wrong is marked with "*" (the note says why).
 */
export function investmentPlanCardData(
  answer: Answer,
  context: CardContext = NO_CONTEXT,
): InvestmentPlanCardData {
  const lang = answer.lang;
  const figures = bodyOf(answer, 'investmentPlan').rows.map((ref) => figureAt(answer, ref));
  // Four value columns is what a phone shows without scrolling sideways.
  const columns = [...new Set(figures.map(colKey))].slice(0, MAX_INVESTMENT_COLUMNS);
  const header = cardHeader(answer, sourceLines(figures, lang, context));
  const names = limitRows([...new Set(figures.map((f) => f.account))], MAX_INVESTMENT_ROWS, header, lang);
  return Object.assign(header, {
    // Columns in plain words ("Taloussuunnitelma 2024"); the codes are in the source line.
    columns: columns.map((key) => {
      const f = figures.find((x) => colKey(x) === key) as AnswerFigure;
      return { name: columnName(f, lang) };
    }),
    rows: names.map((name) => {
      const own = figures.filter((f) => f.account === name);
      const isTotal = own.some((f) => f.role === 'total');
      return {
        name: literal(name),
        isTotal,
        cells: columns.map((c): InvestmentCell => {
          const f = own.find((x) => colKey(x) === c);
          const value = f ? `${formatFigure(f, lang)}${f.unreconciled ? ' *' : ''}` : '–';
          return { value, cellWeight: isTotal ? 'Bolder' : 'Default' };
        }),
      };
    }),
    buttons: askButtons(answer.options),
  });
}

/** Renders the investment plan card. */
export function renderInvestmentPlanCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return expandTemplate('investment-plan', investmentPlanCardData(answer, context));
}
