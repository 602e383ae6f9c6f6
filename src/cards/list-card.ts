import type { Answer } from '../domain/answer';
import type { AdaptiveCard } from './adaptive-card';
import { bodyOf } from './body-figures';
import { type CardHeader, cardHeader } from './card-header';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';
import { literal } from './user-text';

/** One choice of the list: what it shows and the name it asks about. */
export interface ListChoice {
  title: string;
  value: string;
}

/** Data model of cards/list.json: the cost centres the data holds, to pick one by typing. */
export interface ListCardData extends CardHeader {
  pickLabel: string;
  placeholder: string;
  hasChoices: boolean;
  choices: ListChoice[];
  /** The first choice, so the button works before anything is typed. */
  firstValue: string;
  showTitle: string;
}

/**
 * Builds the list card's data model: every cost centre as a choice (with its service area when
 * the data has several), in the order the answer gives them; picking one asks its figures.
 */
export function listCardData(answer: Answer): ListCardData {
  const l = cardLabels(answer.lang);
  const body = bodyOf(answer, 'list');
  const areas = new Set(body.items.map((i) => i.serviceArea).filter((a) => a !== null));
  // A choice needs a title: a nameless item (a damaged store) is left out.
  const choices = body.items
    .filter((item) => item.name.trim() !== '')
    .map((item) => ({
      title: literal(areas.size > 1 && item.serviceArea ? `${item.name} · ${item.serviceArea}` : item.name),
      // The name is the question: a cost centre's name alone asks its budget and actual.
      value: literal(item.name),
    }));
  // The headline counts them and the choice lists them: the answer's sentence would say it twice.
  const head = cardHeader(answer, [], { summary: 'none' });
  return Object.assign(head, {
    pickLabel: body.of === 'serviceAreas' ? l.pickServiceArea : l.pickCostCentre,
    placeholder: l.typeToSearch,
    hasChoices: choices.length > 0,
    choices,
    firstValue: choices[0]?.value ?? '',
    showTitle: l.showFigures,
  });
}

/** Renders the list card: a searchable choice of cost centres and a button that asks its figures. */
export function renderListCard(answer: Answer): AdaptiveCard {
  return expandTemplate('list', listCardData(answer));
}
