/**
 * What the bot needs from the core, as small interfaces: the bot is written against these so
 * that it stays thin and the core never learns about botbuilder.
 */
import type { Answer } from '../domain/answer';
import type { BudgetData } from '../domain/budget-data';
import type { Lang, Query } from '../domain/query';

/** An Adaptive Card as plain JSON. */
export type CardJson = object;

/** The answering core (src/assistant/budget-assistant.ts fits this shape). */
export interface Assistant {
  readonly data: BudgetData;
  /** Answers one turn; never throws. `previous` is the conversation's last understood query. */
  ask(text: string, previous: Query | null): Answer;
  /** Cost centres whose names start with `prefix` (empty = the biggest), each with a headline answer. */
  costCentreHeadlines(prefix: string, limit: number): Array<{ name: string; answer: Answer }>;
  /** Whether a newer store file was refused (the data in use is then older than the file); optional. */
  storeHealth?(): StoreHealth;
}

/** A refused store file: why, and since when (ISO time); both null while the newest file is in use. */
export interface StoreHealth {
  problem: string | null;
  since: string | null;
}

/** The card renderers (src/cards/index.ts fits this shape). */
export interface CardRenderer {
  renderWelcomeCard(lang: Lang): CardJson;
  renderErrorCard(lang: Lang, message: string): CardJson;
  renderAnswerCard(answer: Answer): CardJson;
  cardSizeBytes(card: CardJson): number;
}
