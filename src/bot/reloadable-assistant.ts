/**
 * An Assistant whose core can be replaced while the bot runs, so that a fresh `npm run ingest`
 * reaches users without a restart: the new store is loaded and indexed beside the old one, and
 * only a complete, valid one takes its place. Turns in flight finish on the core they started with.
 */
import type { Answer } from '../domain/answer';
import type { BudgetData } from '../domain/budget-data';
import type { Query } from '../domain/query';
import type { Assistant } from './ports';

/** Delegates to the current core; reload() swaps it for a new one if that one loads. */
export class ReloadableAssistant implements Assistant {
  private reloading: Promise<void> | null = null;

  constructor(
    private current: Assistant,
    private readonly load: () => Promise<Assistant>,
  ) {}

  get data(): BudgetData {
    return this.current.data;
  }

  ask(text: string, previous: Query | null): Answer {
    return this.current.ask(text, previous);
  }

  costCentreHeadlines(prefix: string, limit: number): Array<{ name: string; answer: Answer }> {
    return this.current.costCentreHeadlines(prefix, limit);
  }

  /** Loads a new core and swaps it in; on failure the old one stays and the error is thrown. */
  reload(): Promise<void> {
    // Two signals in a row load once: the second waits for the first.
    this.reloading ??= this.load()
      .then((next) => {
        this.current = next;
      })
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
  }
}
