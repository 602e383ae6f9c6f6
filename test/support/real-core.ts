/**
 * The real core for the bot's end-to-end tests: the assistant over the committed store
 * (data/budget.json, written by `npm run ingest` from seeds/) and the real card renderers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BudgetAssistant } from '../../src/assistant/budget-assistant';
import type { CardRenderer } from '../../src/bot/ports';
import { cardSizeBytes, renderAnswerCard, renderErrorCard, renderWelcomeCard } from '../../src/cards';

/** The committed store (TEST_STORE_PATH points elsewhere, e.g. at a freshly ingested store). */
export const STORE_PATH =
  process.env.TEST_STORE_PATH ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/budget.json');

let assistant: Promise<BudgetAssistant> | null = null;

/** The assistant over data/budget.json, loaded once per test file. */
export function realAssistant(): Promise<BudgetAssistant> {
  assistant ??= BudgetAssistant.load(STORE_PATH);
  return assistant;
}

/** The card renderers of src/cards. */
export const realCards: CardRenderer = {
  renderAnswerCard,
  renderErrorCard,
  renderWelcomeCard,
  cardSizeBytes,
};
