/**
 * A warning that repeats with every bad request (refused tokens, an unreachable metadata
 * endpoint, another tenant) must not flood the log: one line per kind per interval, the next
 * one saying how many were left out in between.
 */
import type { Logger } from 'pino';

/** Logs at most one line per kind per interval. */
export class ThrottledLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes `msg` with `fields` and the kind, unless a line of this kind was written within the interval. */
  warn(kind: string, fields: Record<string, unknown>, msg: string): void {
    const now = this.now();
    const seen = this.last.get(kind);
    if (seen && now - seen.at < this.intervalMs) {
      seen.suppressed += 1;
      return;
    }
    // Kinds are a handful of fixed strings; the map cannot grow with input.
    this.last.set(kind, { at: now, suppressed: 0 });
    this.logger.warn(
      { kind, ...fields, ...(seen?.suppressed ? { suppressedSinceLast: seen.suppressed } : {}) },
      msg,
    );
  }
}
