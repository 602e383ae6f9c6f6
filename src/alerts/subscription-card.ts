import { literal } from '../cards';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { expandTemplate } from '../cards/template-store';

/** One subscription as the card lists it, with buttons to change its steps and to stop it. */
export interface SubscriptionCardItem {
  id: string;
  /** Cost centre, or "all cost centres". */
  name: string;
  /** The subscription's subject for the step picker: null = every cost centre. */
  costCentre: string | null;
  /** The rule in words ("Ilmoitus, kun budjetista on käytetty 80 % …"). */
  rules: string;
  /** "Keskeytetty: …", or null. */
  status: string | null;
  editTitle: string;
  stopTitle: string;
}

/** A subscription just stopped, with its rule kept to pre-fill the picker when subscribing again. */
export interface StoppedItem {
  title: string;
  costCentre: string | null;
  prefill: { steps: string; quietDays: string; projection: 'true' | 'false' };
}

/** Template model of cards/subscriptions.json: a reply to a subscription command. */
export interface SubscriptionCardData {
  title: string;
  message: string;
  subscriptions: SubscriptionCardItem[];
  stopped: StoppedItem[];
  fallbackText: string;
}

/** One choice of the step picker. */
export interface FormChoice {
  title: string;
  value: string;
}

/** Template model of cards/subscription-form.json: the step picker, pre-filled. */
export interface SubscriptionFormData {
  title: string;
  intro: string;
  stepsLabel: string;
  stepsError: string;
  /** The chosen steps, comma-separated decimal shares ("0.5,0.75"). */
  steps: string;
  stepChoices: FormChoice[];
  projectionTitle: string;
  projection: 'true' | 'false';
  quietLabel: string;
  quietDays: string;
  quietChoices: FormChoice[];
  note: string;
  costCentre: string | null;
  /** The alert card the picker was opened from; it comes back after saving. */
  alert: { costCentre: string; asOf: string } | null;
  saveTitle: string;
  cancelTitle: string;
  fallbackText: string;
}

/** Renders the subscriptions card: a heading, a message, each subscription with its buttons. */
export function renderSubscriptionCard(data: SubscriptionCardData): AdaptiveCard {
  // Names come from the store and the chat: shown literally, never expanded again.
  return expandTemplate('subscriptions', {
    title: literal(data.title),
    hasMessage: data.message.length > 0,
    message: literal(data.message),
    subscriptions: data.subscriptions.map((s) => ({
      ...s,
      name: literal(s.name),
      costCentre: s.costCentre === null ? null : literal(s.costCentre),
      rules: literal(s.rules),
      hasStatus: s.status !== null,
      status: literal(s.status ?? ''),
    })),
    hasStopped: data.stopped.length > 0,
    stopped: data.stopped.map((s) => ({
      ...s,
      title: literal(s.title),
      costCentre: s.costCentre === null ? null : literal(s.costCentre),
    })),
    fallbackText: literal(data.fallbackText),
  });
}

/** Renders the step picker. */
export function renderSubscriptionForm(data: SubscriptionFormData): AdaptiveCard {
  return expandTemplate('subscription-form', {
    ...data,
    title: literal(data.title),
    intro: literal(data.intro),
    hasNote: data.note.length > 0,
    note: literal(data.note),
    costCentre: data.costCentre === null ? null : literal(data.costCentre),
    fallbackText: literal(data.fallbackText),
  });
}
