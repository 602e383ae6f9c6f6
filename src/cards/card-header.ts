import type { Answer, Option } from '../domain/answer';
import { leadSentence } from '../domain/lead-sentence';
import { headline } from './headline';
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

/**
 * The part every answer card starts and ends with: the title, the headline (what the figures
 * say, in plain words), the question echoed (only on a question back), the answer in words when
 * it is words, quiet notes, and the sources behind a "Lähde" toggle. Card data models write these
 * fields out one by one rather than spreading a header into their object literal: V8 took ~40 µs
 * per card on a large literal with a spread in it.
 */
export interface CardHeader {
  title: string;
  hasHeadline: boolean;
  headline: string;
  hasQuestion: boolean;
  questionLabel: string;
  /** The user's question, made inert and cut to MAX_ECHO_CHARS. */
  question: string;
  hasSummary: boolean;
  summary: string;
  hasNotes: boolean;
  notes: TextItem[];
  hasSources: boolean;
  /** The toggle's title ("Lähde"). */
  sourceTitle: string;
  sources: TextItem[];
  /** Shown by clients that cannot render the card at all: title and headline. */
  fallbackText: string;
  /** What a screen reader announces first (the card's `speak`): the headline. */
  speak: string;
}

/** A button that sends a question back to the bot (an Action.Execute with the verb ask). */
export interface AskButton {
  title: string;
  ask: string;
}

/** How much of the answer's own words a card shows, and whether it repeats the question. */
export interface HeaderOptions {
  /**
   * 'none': the card's rows say it (the default when there is a headline); 'lead': the first
   * sentence; 'full': all of it (answers that are words: help, a question back, prose).
   */
  summary?: 'none' | 'lead' | 'full';
  /** Repeat the question (a question back, a "not found"): what was asked matters there. */
  echo?: boolean;
}

// Codes of the documents in parentheses ("(TOT)", "(TA/KS+muutos)") are for the source line.
const CODES = /\s\((?:TOT|TP|TA|KS|TS|TA\+muutos|KS\+muutos|TA\/KS\+muutos)(?:\s[\d.]+)?\)/g;

// A heading copied from a PDF in capitals ("PALVELUALUE:HALLINTO- JA TUKIPALVELUT"): at least
// two words of capitals, so that codes (TOT, TA/KS) stay as they are.
const SHOUTING = /\p{Lu}[\p{Lu}\d-]*(?:[ :]+\p{Lu}[\p{Lu}\d-]*)+/gu;

/** Answer text as a card shows it: no file names, no codes of the documents, no shouting. */
export function plainText(text: string): string {
  return withoutFileNames(text)
    .replace(CODES, '')
    .replace(SHOUTING, (run) => (run.replace(/[^\p{L}]/gu, '').length >= 8 ? calm(run) : run));
}

/** Letters only in capitals (a heading copied from a PDF) read as shouting: sentence case instead. */
function calm(text: string): string {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length <= 3 || letters !== letters.toUpperCase()) return text;
  return text
    .split(':')
    .map((part) => {
      const lower = part.trim().toLocaleLowerCase('fi');
      return lower.charAt(0).toLocaleUpperCase('fi') + lower.slice(1);
    })
    .join(': ');
}

/**
 * Builds the common header of an answer card; `sources` are the lines from sourceLines(). The
 * headline comes first and says what the figures say; the answer's text is shown only when it is
 * the answer (words), never beside figures that say the same.
 */
export function cardHeader(answer: Answer, sources: string[], opts: HeaderOptions = {}): CardHeader {
  const l = cardLabels(answer.lang);
  const question = answer.query?.text.trim() ?? '';
  const lead = headline(answer);
  const text = plainText(answer.text);
  const mode = opts.summary ?? (lead ? 'none' : 'full');
  const summaryText = mode === 'none' ? '' : mode === 'lead' ? leadSentence(text) : text;
  const title = calm(plainText(answer.title || answer.text.split('\n')[0] || ''));
  const gist = lead || leadSentence(text) || title;
  return {
    title: literal(title, MAX_TITLE_CHARS),
    hasHeadline: lead.length > 0,
    headline: literal(lead),
    hasQuestion: (opts.echo ?? false) && question.length > 0,
    questionLabel: l.question,
    question: literal(question, MAX_ECHO_CHARS),
    hasSummary: summaryText.length > 0,
    summary: literal(summaryText, MAX_SUMMARY_CHARS),
    hasNotes: answer.notes.length > 0,
    notes: answer.notes.map((note) => ({ text: literal(plainText(note), 600) })),
    hasSources: sources.length > 0,
    sourceTitle: l.showSource,
    sources: sources.map((line) => ({ text: literal(line) })),
    fallbackText: literal(title && gist !== title ? `${title}: ${gist}` : gist, MAX_SUMMARY_CHARS),
    speak: literal(gist, MAX_SUMMARY_CHARS),
  };
}

/** Drops notes the card already says in its own words (e.g. the projection's caveat beside the projection). */
export function withoutNotes(header: CardHeader, said: RegExp): CardHeader {
  const notes = header.notes.filter((n) => !said.test(n.text));
  return { ...header, notes, hasNotes: notes.length > 0 };
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
