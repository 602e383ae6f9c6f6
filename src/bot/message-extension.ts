/**
 * The "budjetti" search command of the message extension: cost centres matching what was
 * typed, each with a headline and its figure card; a whole question gets its answer. Works
 * from the in-memory core only, so each keystroke costs no I/O.
 */
import {
  type Attachment,
  CardFactory,
  type MessagingExtensionAttachment,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import type { Answer } from '../domain/answer';
import { formatEuro, formatShare } from '../domain/format';
import { leadSentence } from '../domain/lead-sentence';
import { money } from '../domain/money';
import type { Lang } from '../domain/query';
import type { Assistant, CardJson, CardRenderer } from './ports';

/** Teams rejects message extension results over this size. */
export const MAX_RESULT_BYTES = 28 * 1024;

/** How many results one search returns (Teams shows up to about 25). */
export const SEARCH_RESULT_LIMIT = 10;

/** The id of the search command in the manifest. */
export const SEARCH_COMMAND_ID = 'budjetti';

/** What the user typed, or null for the initial run (empty compose box). */
export function searchText(query: MessagingExtensionQuery): string | null {
  // Teams sends an array; anything else (a malformed invoke) counts as the initial run.
  const params = Array.isArray(query?.parameters) ? query.parameters : [];
  if (params.some((p) => p.name === 'initialRun' && String(p.value) === 'true')) return null;
  const typed = params.find((p) => p.name !== 'initialRun');
  const text = typeof typed?.value === 'string' ? typed.value.trim() : '';
  return text === '' ? null : text;
}

/**
 * A one-line headline for a result: the used share with the actual and the budget when there
 * are such ("käytetty 62,1 % budjetista · 924 370 € / 1 488 900 €"), else the answer's first sentence.
 */
export function headline(answer: Answer, lang: Lang): string {
  const used = answer.derived.usedShare;
  if (used !== undefined && answer.status === 'answer') {
    const share = formatShare(used, lang);
    const actual = answer.figures.find((f) => f.role === 'actual');
    const budget = answer.figures.find((f) => f.role === 'budget');
    // Magnitudes: people read "käytetty 924 370 €", the store keeps the printed sign.
    const amounts =
      actual && budget
        ? ` · ${formatEuro(money(actual.amount).abs(), lang)} / ${formatEuro(money(budget.amount).abs(), lang)}`
        : '';
    return lang === 'fi' ? `käytetty ${share} budjetista${amounts}` : `${share} of budget used${amounts}`;
  }
  const first = leadSentence(answer.text) || answer.text;
  return first.length > 120 ? `${first.slice(0, 117)}…` : first;
}

/** One search result: a thumbnail preview plus the full Adaptive Card; null if over the size limit. */
function toResult(name: string, answer: Answer, cards: CardRenderer): MessagingExtensionAttachment | null {
  const card: CardJson = answer.card ?? cards.renderAnswerCard(answer);
  if (cards.cardSizeBytes(card) > MAX_RESULT_BYTES) return null;
  const preview: Attachment = CardFactory.thumbnailCard(name, headline(answer, answer.lang));
  const full: Attachment = CardFactory.adaptiveCard(card);
  return { ...full, preview };
}

/** Answers a composeExtension/query invoke. */
export function searchBudget(
  assistant: Assistant,
  cards: CardRenderer,
  query: MessagingExtensionQuery,
): {
  response: MessagingExtensionResponse;
  kind: 'initial' | 'prefix' | 'question' | 'unknown';
  dropped: number;
} {
  if (query.commandId !== undefined && query.commandId !== SEARCH_COMMAND_ID) {
    // A command this bot does not have (an old manifest): an empty list, not someone else's results.
    return {
      response: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } },
      kind: 'unknown',
      dropped: 0,
    };
  }
  const text = searchText(query);
  let kind: 'initial' | 'prefix' | 'question';
  let hits: Array<{ name: string; answer: Answer }>;
  if (text === null) {
    kind = 'initial';
    hits = assistant.costCentreHeadlines('', SEARCH_RESULT_LIMIT);
  } else {
    // A single word is a name being typed; several words, or a question mark, are a question.
    const looksLikeQuestion = /\s/.test(text) || text.endsWith('?');
    hits = looksLikeQuestion ? [] : assistant.costCentreHeadlines(text, SEARCH_RESULT_LIMIT);
    kind = 'prefix';
    if (hits.length === 0) {
      const answer = assistant.ask(text, null);
      const first = answer.figures[0]?.costCentre;
      hits = [{ name: answer.status === 'answer' ? answer.title || first || text : text, answer }];
      kind = 'question';
    }
  }
  const results = hits.map((h) => toResult(h.name, h.answer, cards));
  const attachments = results.filter((r): r is MessagingExtensionAttachment => r !== null);
  return {
    response: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } },
    kind,
    dropped: results.length - attachments.length,
  };
}
