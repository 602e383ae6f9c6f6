import type { Answer, Option } from '../domain/answer';
import { leadSentence } from '../domain/lead-sentence';
import { cardLabels } from './labels';
import { literal, MAX_ECHO_CHARS, withoutFileNames } from './user-text';

/** Longest answer text a card shows; the figures are in the card, the full text in the chat message. */
export const MAX_SUMMARY_CHARS = 1500;

/** Longest title: a title is one line on a phone, two at most. */
export const MAX_TITLE_CHARS = 120;

/** One line of text in a $data loop. */
export interface TextItem {
  text: string;
}

/** The part every answer card starts and ends with: title, the question echoed, the answer in words, notes, sources. */
export interface CardHeader {
  title: string;
  hasQuestion: boolean;
  questionLabel: string;
  /** The user's question, made inert and cut to MAX_ECHO_CHARS. */
  question: string;
  hasSummary: boolean;
  summary: string;
  hasNotes: boolean;
  notes: TextItem[];
  hasSources: boolean;
  sources: TextItem[];
  /** Shown by clients that cannot render the card at all. */
  fallbackText: string;
}

/** A button that sends a question back to the bot (Action.Submit, messageBack in Teams). */
export interface AskButton {
  title: string;
  ask: string;
}

/**
 * Builds the common header of an answer card; `sources` are the lines from sourceLines().
 * `summary: 'lead'` keeps only the first sentence of the answer text, for cards that show the
 * figures, periods and sources in their own rows (the full text goes in the chat message).
 */
export function cardHeader(answer: Answer, sources: string[], summary: 'full' | 'lead' = 'full'): CardHeader {
  const question = answer.query?.text.trim() ?? '';
  const text = withoutFileNames(answer.text);
  const summaryText = summary === 'lead' ? leadSentence(text) : text;
  return {
    title: literal(withoutFileNames(answer.title || answer.text.split('\n')[0] || ''), MAX_TITLE_CHARS),
    hasQuestion: question.length > 0,
    questionLabel: cardLabels(answer.lang).question,
    question: literal(question, MAX_ECHO_CHARS),
    hasSummary: summaryText.length > 0,
    summary: literal(summaryText, MAX_SUMMARY_CHARS),
    hasNotes: answer.notes.length > 0,
    notes: answer.notes.map((note) => ({ text: literal(withoutFileNames(note), 600) })),
    hasSources: sources.length > 0,
    sources: sources.map((text) => ({ text: literal(text) })),
    fallbackText: literal(text || answer.title, MAX_SUMMARY_CHARS),
  };
}

/** Most buttons in one action row: the default host config of the Adaptive Cards renderers allows 5. */
export const MAX_ACTIONS = 5;

/** Turns options into buttons, dropping repeats and keeping at most `limit` (MAX_ACTIONS). */
export function askButtons(options: readonly Option[], limit = MAX_ACTIONS): AskButton[] {
  const seen = new Set<string>();
  const out: AskButton[] = [];
  for (const o of options) {
    const key = o.ask.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    // A button needs a title; an option without a label shows its question instead.
    out.push({ title: literal(o.label.trim() || o.ask.trim(), 60), ask: literal(o.ask) });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Keeps the first `max` items of a long list and says so in a note: a card must stay far below
 * Teams' 28 KB whatever the size of a city's documents.
 */
export function limitRows<T>(
  items: readonly T[],
  max: number,
  header: CardHeader,
  lang: Answer['lang'],
  which: 'first' | 'newest' = 'first',
): T[] {
  if (items.length <= max) return [...items];
  const fiWord = which === 'first' ? 'ensimmäistä' : 'uusinta';
  const text =
    lang === 'fi'
      ? `Näytetään ${max} ${fiWord} ${items.length}:stä.`
      : `Showing the ${which} ${max} of ${items.length}.`;
  header.notes = [...header.notes, { text }];
  header.hasNotes = true;
  return items.slice(0, max);
}
