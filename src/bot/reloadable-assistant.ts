/**
 * An Assistant whose core can be replaced while the bot runs, so that a fresh `npm run ingest`
 * reaches users without a restart: the new store is loaded and indexed beside the old one, and
 * only a complete, valid one takes its place. A new store that is empty, broken, or drops cost
 * centres or figures the old one had (unless its ingest declared the removal with
 * --accept-removals) is refused: the old one keeps answering and the refusal shows in /healthz.
 * Turns in flight finish on the core they started with.
 */
import type { Answer } from '../domain/answer';
import type { BudgetData } from '../domain/budget-data';
import type { Query } from '../domain/query';
import { findLosses, losesData, lossSummary, undeclaredLosses } from '../store/store-losses';
import type { Assistant, StoreHealth } from './ports';

/** Why a new store must not replace the current one, or null when it may. */
export type StoreCheck = (current: BudgetData, next: BudgetData) => string | null;

/** The default check: a new store must have figures and must not drop data undeclared. */
export const refuseLosses: StoreCheck = (current, next) => {
  if (next.facts.length === 0) return 'the new budget store has no figures';
  const losses = undeclaredLosses(findLosses(current, next), next);
  return losesData(losses) ? `the new budget store would drop data: ${lossSummary(losses)}` : null;
};

/** Delegates to the current core; reload() swaps it for a new one if that one loads and passes the check. */
export class ReloadableAssistant implements Assistant {
  private reloading: Promise<void> | null = null;
  private refused: StoreHealth = { problem: null, since: null };

  constructor(
    private current: Assistant,
    private readonly load: () => Promise<Assistant>,
    private readonly check: StoreCheck = refuseLosses,
    private readonly now: () => Date = () => new Date(),
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

  /** Whether the last new store was refused, and why: null problem once a store has been taken into use. */
  storeHealth(): StoreHealth {
    return this.refused;
  }

  /**
   * Loads a new core and swaps it in; when it does not load or fails the check, the old one
   * stays, the refusal is kept for storeHealth(), and the error is thrown.
   */
  reload(): Promise<void> {
    // Two signals in a row load once: the second waits for the first.
    this.reloading ??= this.load()
      .then((next) => {
        const problem = this.check(this.current.data, next.data);
        if (problem !== null) throw new Error(problem);
        this.current = next;
        this.refused = { problem: null, since: null };
      })
      .catch((err: unknown) => {
        const problem = err instanceof Error ? err.message : String(err);
        this.refused = { problem, since: this.refused.since ?? this.now().toISOString() };
        throw err;
      })
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
  }
}
