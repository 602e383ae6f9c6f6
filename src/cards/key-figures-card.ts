import { labelAt } from '../answering/label-date';
import { formatFigure } from '../answering/phrases';
import type { Answer } from '../domain/answer';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf, figureAt } from './body-figures';
import { type CardContext, NO_CONTEXT } from './card-context';
import { type AskButton, askButtons, type CardHeader, cardHeader, limitRows } from './card-header';
import { columnName, sourceLines } from './figure-text';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** One key figure: its row label as printed, its column, and the value in its unit. */
export interface KeyFigureRow {
  label: string;
  period: string;
  value: string;
}

/** Most rows a key-figures card lists; the rest are counted in a note. */
export const MAX_KEY_FIGURE_ROWS = 30;

/** Data model of cards/key-figures.json: key figures (counts, euros, %, €/inhabitant) signed as the text says them. */
export interface KeyFiguresCardData extends CardHeader {
  rows: KeyFigureRow[];
  buttons: AskButton[];
}

/** Builds the key-figures card's data model. Values follow the sign policy of the answer's text (src/answering/phrases.ts `formatFigure`). */
export function keyFiguresCardData(answer: Answer, context: CardContext = NO_CONTEXT): KeyFiguresCardData {
  const lang = answer.lang;
  const body = bodyOf(answer, 'keyFigures', 'figure', 'budgetVsActual');
  const refs =
    body.kind === 'keyFigures'
      ? body.rows
      : body.kind === 'figure'
        ? [body.figure]
        : [body.actual, body.budget];
  const figures = refs.map((ref) => figureAt(answer, ref));
  const oneSubject = figures.every((f) => f.costCentre === figures[0]?.costCentre);
  const header = cardHeader(answer, sourceLines(figures, lang, context));
  const shown = limitRows(figures, MAX_KEY_FIGURE_ROWS, header, lang);
  return Object.assign(header, {
    rows: shown.map((f) => ({
      // A label's own date ("… 31.12.") is dropped beside a figure of another day: the column says it.
      label: literal(oneSubject ? labelAt(f.account, f) : `${f.costCentre} · ${labelAt(f.account, f)}`),
      period: columnName(f, lang),
      // Signed as the answer's text says it, in either language: expenses as magnitudes, a margin
      // (toimintakate, €/asukas) as printed, a net income in words.
      value: formatFigure(f, lang),
    })),
    buttons: askButtons(answer.options),
  });
}

/** Renders the key-figures card (also used for any list of figures that is not a ranking or a series). */
export function renderKeyFiguresCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return expandTemplate('key-figures', keyFiguresCardData(answer, context));
}
