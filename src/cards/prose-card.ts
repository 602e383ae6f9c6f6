import type { Answer } from '../domain/answer';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf } from './body-figures';
import { type CardContext, NO_CONTEXT } from './card-context';
import { type AskButton, askButtons, type CardHeader, cardHeader } from './card-header';
import { sourceLines } from './figure-text';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** Longest excerpt a prose card shows; the answering step already cuts long sections. */
export const MAX_PROSE_CHARS = 4000;

/** Data model of cards/prose.json: an answer in words, with a document excerpt when there is one. */
export interface ProseCardData extends CardHeader {
  hasProse: boolean;
  heading: string;
  text: string;
  truncated: boolean;
  truncatedLabel: string;
  buttons: AskButton[];
}

/** Builds the prose card's data model; also serves answers that are words only (thanks, subscriptions). */
export function proseCardData(answer: Answer, context: CardContext = NO_CONTEXT): ProseCardData {
  const l = cardLabels(answer.lang);
  const body = bodyOf(answer, 'prose', 'message', 'list');
  const p = body.kind === 'prose' ? body : undefined;
  const sources = [
    ...(p
      ? [
          `${context.documentTitle(p.source.document) ?? l.sourceDocument}, ${l.line} ${p.source.line} · ${p.heading}`,
        ]
      : []),
    ...sourceLines(answer.figures, answer.lang, context),
  ];
  const head = cardHeader(answer, sources);
  return Object.assign(head, {
    hasProse: p !== undefined,
    heading: literal(p?.heading ?? ''),
    text: literal(p?.text ?? '', MAX_PROSE_CHARS),
    truncated: p?.truncated ?? false,
    truncatedLabel: l.truncated,
    buttons: askButtons(answer.options),
  });
}

/** Renders the prose card. */
export function renderProseCard(answer: Answer, context: CardContext = NO_CONTEXT): AdaptiveCard {
  return expandTemplate('prose', proseCardData(answer, context));
}
