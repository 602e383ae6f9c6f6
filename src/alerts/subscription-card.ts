import * as ACData from 'adaptivecards-templating';
import { literal } from '../cards';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { isAdaptiveCard } from '../cards/adaptive-card';
import { readCardsFile } from '../cards/template-store';
import { BudgetBotError } from '../domain/errors';

/** One subscription as the card lists it, with its stop button. */
export interface SubscriptionCardItem {
  id: string;
  /** Cost centre, or "all cost centres". */
  name: string;
  /** The rules in words ("käyttöasteen rajat 80 %; tahti +10 %-yks. …"). */
  rules: string;
  stopTitle: string;
}

/** Template model of cards/subscriptions.json: a reply to a subscription command. */
export interface SubscriptionCardData {
  title: string;
  message: string;
  subscriptions: SubscriptionCardItem[];
  fallbackText: string;
}

let template: ACData.Template | null = null;

/** Renders the subscriptions card: a heading, a message, and each subscription with a stop button. */
export function renderSubscriptionCard(data: SubscriptionCardData): AdaptiveCard {
  template ??= new ACData.Template(readCardsFile('subscriptions.json'));
  // Names come from the store and the chat: shown literally, never expanded again.
  const safe: SubscriptionCardData = {
    title: literal(data.title),
    message: literal(data.message),
    subscriptions: data.subscriptions.map((s) => ({
      id: s.id,
      name: literal(s.name),
      rules: literal(s.rules),
      stopTitle: s.stopTitle,
    })),
    fallbackText: literal(data.fallbackText),
  };
  const card: unknown = template.expand({ $root: safe });
  if (!isAdaptiveCard(card)) {
    throw new BudgetBotError(
      'template did not expand to an Adaptive Card 1.5',
      'bad_config',
      'cards/subscriptions.json',
    );
  }
  return card;
}
