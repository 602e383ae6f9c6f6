// A sentence ends at . ! or ? after something other than a digit ("1. Tietohallinto" is a list
// number, "30.6.2022" a date) and before a capital letter.
const SENTENCE_END = /(?<=[^\d\s][.!?])\s+(?=[A-ZÅÄÖ])/u;

/**
 * The first sentence of an answer's text: its gist, for places that show the figures elsewhere
 * (a card's rows) or have room for one line (a notification, a search result).
 */
export function leadSentence(text: string): string {
  return text.trim().split(SENTENCE_END)[0] ?? '';
}
