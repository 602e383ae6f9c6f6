import { readFileSync } from 'node:fs';
import { BudgetBotError } from '../domain/errors';
import { projectFile } from '../project-root';
import { type AdaptiveCard, isAdaptiveCard } from './adaptive-card';
import { fitActions } from './card-actions';
import { type CardTemplate, prepareTemplate } from './compiled-template';

/** Names of the JSON templates in the top-level cards/ folder (file name without .json). */
export type TemplateName =
  | 'figure'
  | 'comparison'
  | 'ranking'
  | 'over-budget'
  | 'trend'
  | 'key-figures'
  | 'investment-plan'
  | 'prose'
  | 'clarify'
  | 'not-found'
  | 'welcome'
  | 'error'
  | 'alert'
  | 'subscriptions'
  | 'subscription-form'
  | 'list';

// Templates are read once and kept parsed: a card is rendered per message, the files never change
// while the process runs.
const cache = new Map<TemplateName, CardTemplate>();

/** Reads a JSON file of the top-level cards/ folder (templates and their editable data). */
export function readCardsFile(fileName: string): unknown {
  const url = projectFile(`cards/${fileName}`);
  try {
    return JSON.parse(readFileSync(url, 'utf8')) as unknown;
  } catch (err) {
    throw new BudgetBotError(
      `cannot read card file: ${(err as Error).message}`,
      'bad_config',
      `cards/${fileName}`,
    );
  }
}

function template(name: TemplateName): CardTemplate {
  let t = cache.get(name);
  if (!t) {
    t = prepareTemplate(readCardsFile(`${name}.json`));
    cache.set(name, t);
  }
  return t;
}

/**
 * Expands the named template with a typed data model; data values are inserted as they are, never
 * re-expanded. Buttons whose titles would be cut on a phone become tappable rows (fitActions).
 */
export function expandTemplate<T extends object>(name: TemplateName, data: T): AdaptiveCard {
  const card: unknown = template(name).expand(data);
  if (!isAdaptiveCard(card)) {
    throw new BudgetBotError(
      'template did not expand to an Adaptive Card 1.5',
      'bad_config',
      `cards/${name}.json`,
    );
  }
  return fitActions(card);
}
