import type { Answer } from '../domain/answer';
import type { AdaptiveCard } from './adaptive-card';
import { type AskButton, askButtons, type CardHeader, cardHeader, MAX_ACTIONS } from './card-header';
import { cardLabels } from './labels';
import type { ListChoice } from './list-card';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** Data model of cards/clarify.json and cards/not-found.json: a question back, one button per option. */
export interface ChoiceCardData extends CardHeader {
  prompt: string;
  hasOptions: boolean;
  options: AskButton[];
  /** A question back about the subject: every choice in a searchable list instead of buttons. */
  hasChoices: boolean;
  choices: ListChoice[];
  /** The first choice (the whole area), so the button works before anything is typed. */
  firstValue: string;
  pickLabel: string;
  placeholder: string;
  showTitle: string;
}

/** Builds the data model of a clarify or not-found answer: the options become buttons. */
export function choiceCardData(answer: Answer): ChoiceCardData {
  const l = cardLabels(answer.lang);
  // A name the data does not have: besides the closest names, the whole list to pick from.
  const list =
    answer.body.kind === 'notFound' && answer.body.reason === 'name' && answer.options.length <= MAX_ACTIONS
      ? [{ label: l.allCostCentres, ask: l.listQuestion }]
      : [];
  // Which cost centre, of them all: too many for buttons, so a list to search by typing.
  // (or a name not found with nothing close to it: every cost centre is offered).
  const pickList =
    (answer.body.kind === 'clarify' && answer.body.asks === 'subject') ||
    (answer.body.kind === 'notFound' && answer.body.reason === 'name' && answer.options.length > MAX_ACTIONS);
  const choices = pickList
    ? answer.options
        .filter((o) => o.label.trim() !== '' && o.ask.trim() !== '')
        .map((o) => ({ title: literal(o.label), value: literal(o.ask) }))
    : [];
  const options = pickList
    ? []
    : askButtons([...answer.options.slice(0, MAX_ACTIONS - list.length), ...list], MAX_ACTIONS);
  // What was asked matters on a question back: it is repeated.
  const head = cardHeader(answer, [], { summary: 'full', echo: true });
  return Object.assign(head, {
    // Closest names for a name not found; for a year or date without a figure, what there is instead.
    prompt:
      answer.body.kind !== 'notFound' ? l.clarify : answer.body.reason === 'name' ? l.notFound : l.insteadAsk,
    hasOptions: options.length > 0,
    options,
    hasChoices: choices.length > 0,
    choices,
    firstValue: choices[0]?.value ?? '',
    pickLabel: l.pickCostCentre,
    placeholder: l.typeToSearch,
    showTitle: l.showFigures,
  });
}

/** Renders the clarification card: which of these did you mean? */
export function renderClarifyCard(answer: Answer): AdaptiveCard {
  return expandTemplate('clarify', choiceCardData(answer));
}

/** Renders the not-found card: what was asked does not exist; the closest real names as buttons. */
export function renderNotFoundCard(answer: Answer): AdaptiveCard {
  return expandTemplate('not-found', choiceCardData(answer));
}
