/** One measured figure of a benchmark, beside its target and a baseline measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The target from the issues, e.g. "< 50 ms"; omitted where there is none. */
  target?: string;
  /** Whether the target was met; omitted where there is no target. */
  met?: boolean;
  /** A baseline measured in the same run, so ratios hold on a noisy machine. */
  baseline?: { name: string; value: number; unit: string };
  note?: string;
}

/** A titled group of rows: what one bench file measured. */
export interface BenchSection {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

/** Each bench/*.bench.ts file default-exports one of these. */
export type Bench = (progress: (msg: string) => void) => Promise<BenchSection>;

/** Percentile of a sorted-on-demand sample, in the sample's unit. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

/** Times `fn` `runs` times, in milliseconds each. */
export function timeMs(fn: () => unknown, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}
