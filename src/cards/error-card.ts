import type { Lang } from '../domain/query';
import type { AdaptiveCard } from './adaptive-card';
import { type AskButton, askButtons } from './card-header';
import { cardLabels } from './labels';
import { expandTemplate } from './template-store';
import { literal, MAX_ECHO_CHARS } from './user-text';

/** Data model of cards/error.json: a plain message for the user, never a stack trace. */
export interface ErrorCardData {
  title: string;
  message: string;
  hint: string;
  buttons: AskButton[];
  fallbackText: string;
}

/** Builds the error card's data model; the message is shown literally and cut to a readable length. */
export function errorCardData(lang: Lang, message: string): ErrorCardData {
  const l = cardLabels(lang);
  const text = literal(message.trim() || l.errorTitle, MAX_ECHO_CHARS);
  return {
    title: l.errorTitle,
    message: text,
    hint: l.errorHint,
    buttons: askButtons([{ label: lang === 'fi' ? 'Ohje' : 'Help', ask: lang === 'fi' ? 'ohje' : 'help' }]),
    fallbackText: `${l.errorTitle}: ${text}`,
  };
}

/** Renders the error card. */
export function renderErrorCard(lang: Lang, message: string): AdaptiveCard {
  return expandTemplate('error', errorCardData(lang, message));
}
