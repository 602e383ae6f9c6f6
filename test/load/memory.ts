/** Memory samples of the bot process during a load run. */

/** One reading of the server's memory (after a garbage collection). */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  /** When it was taken (ms since the epoch). */
  at: number;
}

/** Relative growth from `before` to `after` (0.1 = grew 10 %; negative = shrank). */
export function growth(before: number, after: number): number {
  return before > 0 ? (after - before) / before : Number.NaN;
}
