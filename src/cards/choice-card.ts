import type { Answer } from '../domain/answer';
import type { AdaptiveCard } from './adaptive-card';
import { type AskButton, askButtons, type CardHeader, cardHeader, MAX_ACTIONS } from './card-header';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';

/** Data model of cards/clarify.json and cards/not-found.json: a question back, one button per option. */
export interface ChoiceCardData extends CardHeader {
  prompt: string;
  hasOptions: boolean;
  options: AskButton[];
}

/** Builds the data model of a clarify or not-found answer: the options become buttons. */
export function choiceCardData(answer: Answer): ChoiceCardData {
  const l = cardLabels(answer.lang);
  // A name the data does not have: besides the closest names, the whole list to pick from.
  const list =
    answer.body.kind === 'notFound' && answer.body.reason === 'name'
      ? [{ label: l.allCostCentres, ask: l.listQuestion }]
      : [];
  const options = askButtons([...answer.options.slice(0, MAX_ACTIONS - list.length), ...list], MAX_ACTIONS);
  return {
    // What was asked matters on a question back: it is repeated.
    ...cardHeader(answer, [], { summary: 'full', echo: true }),
    // Closest names for a name not found; for a year or date without a figure, what there is instead.
    prompt:
      answer.body.kind !== 'notFound' ? l.clarify : answer.body.reason === 'name' ? l.notFound : l.insteadAsk,
    hasOptions: options.length > 0,
    options,
  };
}

/** Renders the clarification card: which of these did you mean? */
export function renderClarifyCard(answer: Answer): AdaptiveCard {
  return expandTemplate('clarify', choiceCardData(answer));
}

/** Renders the not-found card: what was asked does not exist; the closest real names as buttons. */
export function renderNotFoundCard(answer: Answer): AdaptiveCard {
  return expandTemplate('not-found', choiceCardData(answer));
}
