import { isNoFigure, isNumberToken, numberRunBounds, readNumberRun } from './finnish-number';
import type { Cells } from './raw-table';

/** A whitespace-free piece of a PDF text line and where it starts. */
export interface PositionedToken {
  text: string;
  start: number;
}

/** The figure part of a PDF row: its number tokens, the label before them, and the spacing around. */
export interface FigureRun {
  labelTokens: PositionedToken[];
  numbers: PositionedToken[];
  /** Characters of white space after the last figure (before the line end or a note). */
  trailing: number;
  /** Free text (a note column) follows the figures on the line. */
  noteFollows: boolean;
}

/** How a PDF row's readings were found: figures, the label each implies, and a plausibility score. */
export interface RowReadings {
  readings: Cells[];
  scores: number[];
  labels: string[];
  /** How far each reading's empty cells are from the proportions of the gaps (0 = in proportion). */
  gapScores: number[];
}

/** Splits a line into tokens with their start positions. */
export function tokenize(line: string): PositionedToken[] {
  const out: PositionedToken[] = [];
  for (const m of line.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index ?? 0 });
  return out;
}

function isFigureToken(t: string): boolean {
  return isNumberToken(t) || t.toLowerCase() === 'xx';
}

/**
 * Finds the figures of a row. Without a note column they run to the end of the line; with one
 * ("HUOM!") they are the first run of numbers after the label and free text may follow.
 */
export function findFigureRun(
  line: string,
  tokens: PositionedToken[],
  hasNoteColumn: boolean,
): FigureRun | null {
  if (tokens.length === 0) return null;
  let first = -1;
  let last = -1;
  if (hasNoteColumn) {
    for (let i = 0; i < tokens.length; i++) {
      if (!isFigureToken(tokens[i]!.text)) continue;
      let j = i;
      while (j + 1 < tokens.length && isFigureToken(tokens[j + 1]!.text)) j++;
      // A number inside a name ("Dynasty 10") is followed by more figures or ends the row;
      // keep looking past a lone number in the middle of words.
      first = i;
      last = j;
      break;
    }
  } else {
    let i = tokens.length - 1;
    while (i >= 0 && isFigureToken(tokens[i]!.text)) i--;
    if (i < tokens.length - 1) {
      first = i + 1;
      last = tokens.length - 1;
    }
  }
  if (first < 0) return null;
  const lastTok = tokens[last]!;
  const after = tokens[last + 1];
  const end = lastTok.start + lastTok.text.length;
  const trailing = after ? after.start - end : line.length - end;
  return {
    labelTokens: tokens.slice(0, first),
    numbers: tokens.slice(first, last + 1),
    trailing,
    noteFollows: after !== undefined,
  };
}

function digits(v: string): number {
  const int = v.replace(/^-/, '').split('.')[0] ?? '';
  return int === '0' ? 0 : int.length;
}

// Budget rows print figures of one order of magnitude; a reading that splits "19 706" into
// "19" and "706" looks less likely than one that keeps it whole.
function spread(cells: Cells): number {
  const d = cells.filter((c): c is string => c !== null && Number(c) !== 0).map(digits);
  return d.length === 0 ? 0 : Math.max(...d) - Math.min(...d);
}

/** Where the row's first figure may stand relative to the first column. */
export type LeadGap = 'none' | 'some' | 'unknown';

/** What the spacing says about empty cells: none, at least one, or nothing (an unpadded line). */
export interface GapEvidence {
  lead: LeadGap;
  trail: LeadGap;
  /** Whether single spaces between figures prove the cells are next to each other. */
  interiorKnown: boolean;
}

function* combinations(n: number, m: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === m) {
    yield acc;
    return;
  }
  for (let p = from; p <= n - (m - acc.length); p++) yield* combinations(n, m, p + 1, [...acc, p]);
}

/**
 * Every way a PDF row's figures can fill `columns` columns. Runs of two or more spaces between
 * figures (and at the end of a padded line) mark empty cells; within a run only the
 * three-digit groups are ambiguous. `absorbable` lets a leading plain number be part of the
 * label ("Dynasty 10").
 */
export function rowReadings(
  run: FigureRun,
  columns: number,
  evidence: GapEvidence,
  absorbable: boolean,
  limit = 20_000,
): RowReadings {
  const found = new Map<string, { cells: Cells; score: number; label: string; gap: number }>();
  const baseLabel = run.labelTokens.map((t) => t.text).join(' ');
  const maxAbsorb = absorbable ? Math.min(2, run.numbers.length - 1) : 0;
  for (let absorb = 0; absorb <= maxAbsorb; absorb++) {
    const taken = run.numbers.slice(0, absorb);
    if (taken.some((t) => !/^\d{1,4}$/.test(t.text))) break;
    const numbers = run.numbers.slice(absorb);
    const label = [baseLabel, ...taken.map((t) => t.text)].filter((x) => x !== '').join(' ');
    const segments: string[][] = [];
    const segmentGap: number[] = [];
    numbers.forEach((tok, i) => {
      const prev = numbers[i - 1];
      const gap = prev ? tok.start - (prev.start + prev.text.length) : 0;
      if (i === 0 || gap >= 2) {
        segments.push([tok.text]);
        segmentGap.push(gap);
      } else segments[segments.length - 1]!.push(tok.text);
    });
    // A padded row with no gaps fills every column: only that many figures can be read.
    const mustFill =
      evidence.lead === 'none' &&
      evidence.trail === 'none' &&
      evidence.interiorKnown &&
      segments.length === 1;
    // Readings of a run of number tokens, over every count of figures it can hold.
    const runReadings = (run: string[]): string[][] => {
      const b = numberRunBounds(run);
      const out: string[][] = [];
      const from = mustFill && !segments[0]!.some(isNoFigure) ? columns : b.min;
      for (let c = from; c <= Math.min(b.max, columns); c++) out.push(...readNumberRun(run, c, 5000));
      return out;
    };
    // An "xx" cell stands in its own column between the figures around it.
    const perSegment = segments.map((seg) => {
      let readings: (string | null)[][] = [[]];
      let run: string[] = [];
      const flush = (): void => {
        if (run.length === 0) return;
        const options = runReadings(run);
        readings = readings.flatMap((r) => options.map((o) => [...r, ...o]));
        run = [];
      };
      for (const t of seg) {
        if (isNoFigure(t)) {
          flush();
          readings = readings.map((r) => [...r, null]);
        } else run.push(t);
      }
      flush();
      return readings;
    });
    const sequences = (k: number, acc: { v: string | null; seg: number }[]): void => {
      if (found.size >= limit) return;
      if (k === segments.length) {
        place(acc);
        return;
      }
      for (const r of perSegment[k]!) sequences(k + 1, [...acc, ...r.map((v) => ({ v, seg: k }))]);
    };

    // Wider runs of spaces stand for more empty cells: how far a placement's empty cells are
    // from being in proportion to the widths of the gaps they sit in (0 = in proportion).
    const gapScore = (seq: { seg: number }[], pos: number[]): number => {
      const regions: { missing: number; width: number }[] = [];
      for (let j = 1; j < seq.length; j++) {
        if (seq[j]!.seg !== seq[j - 1]!.seg)
          regions.push({ missing: pos[j]! - pos[j - 1]! - 1, width: segmentGap[seq[j]!.seg]! });
      }
      if (evidence.trail === 'some')
        regions.push({ missing: columns - 1 - pos[pos.length - 1]!, width: run.trailing });
      if (regions.length < 2) return 0;
      const missing = regions.reduce((a, r) => a + r.missing, 0);
      const width = regions.reduce((a, r) => a + r.width, 0);
      return regions.reduce((a, r) => a + Math.abs(r.missing - (r.width * missing) / width), 0);
    };
    const place = (seq: { v: string | null; seg: number }[]): void => {
      if (seq.length > columns || seq.length === 0) return;
      if (mustFill && seq.length !== columns) return;
      for (const pos of combinations(columns, seq.length)) {
        const firstPos = pos[0]!;
        const lastPos = pos[pos.length - 1]!;
        if (evidence.lead === 'none' && firstPos !== 0) continue;
        if (evidence.lead === 'some' && firstPos === 0) continue;
        if (evidence.trail === 'none' && lastPos !== columns - 1) continue;
        if (evidence.trail === 'some' && lastPos === columns - 1) continue;
        let ok = true;
        for (let j = 1; j < seq.length && ok; j++) {
          const step = pos[j]! - pos[j - 1]!;
          if (seq[j]!.seg !== seq[j - 1]!.seg) ok = step >= 2;
          else if (evidence.interiorKnown) ok = step === 1;
        }
        if (!ok) continue;
        const cells: Cells = Array.from({ length: columns }, () => null);
        seq.forEach((x, j) => {
          cells[pos[j]!] = x.v === null ? null : normalise(x.v);
        });
        const key = `${label}|${cells.join(',')}`;
        if (!found.has(key)) {
          found.set(key, { cells, score: spread(cells) + absorb * 0.5, label, gap: gapScore(seq, pos) });
        }
      }
    };
    sequences(0, []);
  }
  // Readings far less alike than the best one are dropped: "628 929 510 240" is two figures
  // of six digits, not "628" and "929 510 240".
  const all = [...found.values()].sort((a, b) => a.score - b.score);
  const bestScore = all[0]?.score ?? 0;
  const sorted = all.filter((x) => x.score <= bestScore + 2).slice(0, 60);
  return {
    readings: sorted.map((x) => x.cells),
    scores: sorted.map((x) => x.score),
    labels: sorted.map((x) => x.label),
    gapScores: sorted.map((x) => x.gap),
  };
}

function normalise(v: string): string {
  return v.replace(/^[\u2212\u2013]/, '-').replace(',', '.');
}
