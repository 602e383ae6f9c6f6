import { figureDigits, isNoFigure, isNumberToken, numberRunBounds, readNumberRun } from './finnish-number';
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

// White space as /\s/ has it: a scan over the characters spares a match object per token.
function isWhiteSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0xa0 &&
        (c === 0xa0 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff);
}

/** Splits a line into tokens (runs of non-space characters) with their start positions. */
export function tokenize(line: string): PositionedToken[] {
  const out: PositionedToken[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && isWhiteSpace(line.charCodeAt(i))) i++;
    if (i === n) break;
    const start = i;
    while (i < n && !isWhiteSpace(line.charCodeAt(i))) i++;
    out.push({ text: line.slice(start, i), start });
  }
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

// Budget rows print figures of one order of magnitude; a reading that splits "19 706" into
// "19" and "706" looks less likely than one that keeps it whole.
function spread(cells: Cells): number {
  let most = Number.NEGATIVE_INFINITY;
  let least = Number.POSITIVE_INFINITY;
  for (const c of cells) {
    if (c === null || isZeroFigure(c)) continue;
    const d = figureDigits(c);
    if (d > most) most = d;
    if (d < least) least = d;
  }
  return most === Number.NEGATIVE_INFINITY ? 0 : most - least;
}

/** Thrown by rowReadings when a document's allowance for reading its rows is spent. */
export class TooManyReadings extends Error {
  constructor() {
    super('the figures of this row can be read in too many ways');
    this.name = 'TooManyReadings';
  }
}

/**
 * How many more readings (ways to split digit groups into figures, and placements of figures in
 * columns) a document may try beyond the few every row has. Real reports need under one extra
 * in ten lines; a document may have 50 000 plus one per line, so a text built to be ambiguous
 * is refused within a bounded time instead of being read for minutes.
 */
export class ReadingBudget {
  constructor(private left: number) {}

  /** The allowance of a document of `lines` lines. */
  static forLines(lines: number): ReadingBudget {
    return new ReadingBudget(50_000 + lines);
  }

  /** A row's own account: its first FREE_PER_ROW units are free, the rest come from the document's. */
  forRow(): RowAccount {
    return new RowAccount(this);
  }

  /** Takes units from the document's allowance; TooManyReadings once it is spent. */
  pay(units: number): void {
    this.left -= units;
    if (this.left < 0) throw new TooManyReadings();
  }
}

/** One row's share of a ReadingBudget (a class: one per row, with no functions made per row). */
class RowAccount {
  private free = FREE_PER_ROW;

  constructor(private readonly document: ReadingBudget) {}

  spend(units: number): void {
    const paid = units - this.free;
    this.free = Math.max(0, this.free - units);
    if (paid > 0) this.document.pay(paid);
  }
}

/** Readings and placements a row may try for free: a plain row needs one of each per figure count. */
const FREE_PER_ROW = 8;

/** Where the row's first figure may stand relative to the first column. */
export type LeadGap = 'none' | 'some' | 'unknown';

/** What the spacing says about empty cells: none, at least one, or nothing (an unpadded line). */
export interface GapEvidence {
  lead: LeadGap;
  trail: LeadGap;
  /** Whether single spaces between figures prove the cells are next to each other. */
  interiorKnown: boolean;
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
  documentBudget: ReadingBudget = ReadingBudget.forLines(1),
): RowReadings {
  const budget = documentBudget.forRow();
  const found = new Map<string, { cells: Cells; score: number; label: string; gap: number }>();
  const baseLabel = run.labelTokens.map((t) => t.text).join(' ');
  if (!absorbable && fillsEveryColumn(run, evidence)) {
    // The common row (nine in ten): padded, no gap, no "xx", so it fills every column and only
    // the splits of its digit groups are open. The search below finds the same readings, slower.
    const texts = run.numbers.map((t) => t.text);
    // Only readings within two digits of the most alike survive below: find only those.
    const readings = readNumberRun(texts, columns, 5000, 2);
    budget.spend(readings.length);
    // readNumberRun gives the figures as the store keeps them already (ASCII minus, decimal point).
    if (readings.length === 1) {
      const cells: Cells = readings[0]!;
      return { readings: [cells], scores: [spread(cells)], labels: [baseLabel], gapScores: [0] };
    }
    for (const reading of readings) {
      const cells: Cells = reading;
      const key = `${baseLabel}|${cells.join(',')}`;
      if (!found.has(key)) found.set(key, { cells, score: spread(cells), label: baseLabel, gap: 0 });
    }
    return mostAlike(found);
  }
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
    // The fewest cells each segment fills (its runs' fewest figures and its "xx" cells), and the
    // columns left over once every segment has those and an empty column between neighbours:
    // no run can hold more figures than its fewest plus that slack.
    const segmentLeast = segments.map((seg) => {
      let cells = 0;
      let pending: string[] = [];
      for (const t of [...seg, 'xx']) {
        if (!isNoFigure(t)) {
          pending.push(t);
          continue;
        }
        if (pending.length > 0) cells += numberRunBounds(pending).min;
        pending = [];
        cells += 1;
      }
      return cells - 1;
    });
    const slack = columns - segmentLeast.reduce((a, b) => a + b, 0) - (segments.length - 1);
    // Readings of a run of number tokens, over every count of figures it can hold.
    const runReadings = (run: string[]): string[][] => {
      const b = numberRunBounds(run);
      const out: string[][] = [];
      const from = mustFill && !segments[0]!.some(isNoFigure) ? columns : b.min;
      const to = Math.min(b.max, columns, b.min + Math.max(0, slack));
      for (let c = from; c <= to; c++) {
        const readings = readNumberRun(run, c, 5000);
        budget.spend(readings.length);
        for (const r of readings) out.push(r);
      }
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
    // The fewest cells the segments from k on still need, with the empty columns between them.
    const stillNeeded = segmentLeast.map((_, k) => segmentLeast.slice(k).reduce((a, b) => a + b + 1, -1));
    const sequences = (k: number, acc: { v: string | null; seg: number }[]): void => {
      if (found.size >= limit) return;
      if (k === segments.length) {
        budget.spend(1);
        place(acc);
        return;
      }
      // The cells so far, an empty column after each of the k segments placed, and what is left.
      if (acc.length + k + stillNeeded[k]! > columns) return;
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
      const m = seq.length;
      if (m > columns || m === 0) return;
      if (mustFill && m !== columns) return;
      // The columns the figures stand in, in increasing order (as every combination of m of the
      // columns would be tried), leaving a branch as soon as the spacing rules it out.
      const pos = new Array<number>(m);
      const emit = (): void => {
        budget.spend(1);
        const cells: Cells = new Array(columns).fill(null);
        for (let j = 0; j < m; j++) {
          const v = seq[j]!.v;
          cells[pos[j]!] = v === null ? null : normalise(v);
        }
        const key = `${label}|${cells.join(',')}`;
        if (!found.has(key)) {
          found.set(key, { cells, score: spread(cells) + absorb * 0.5, label, gap: gapScore(seq, pos) });
        }
      };
      const choose = (j: number, from: number): void => {
        for (let p = from; p <= columns - (m - j); p++) {
          if (j === 0) {
            if (evidence.lead === 'none' && p !== 0) return;
            if (evidence.lead === 'some' && p === 0) continue;
          } else {
            const step = p - pos[j - 1]!;
            if (seq[j]!.seg !== seq[j - 1]!.seg) {
              if (step < 2) continue;
            } else if (evidence.interiorKnown && step !== 1) return;
          }
          if (j === m - 1) {
            if (evidence.trail === 'none' && p !== columns - 1) continue;
            if (evidence.trail === 'some' && p === columns - 1) continue;
          }
          pos[j] = p;
          if (j === m - 1) emit();
          else choose(j + 1, p + 1);
        }
      };
      choose(0, 0);
    };
    sequences(0, []);
  }
  return mostAlike(found);
}

// Readings far less alike than the best one are dropped: "628 929 510 240" is two figures of
// six digits, not "628" and "929 510 240".
function mostAlike(
  found: Map<string, { cells: Cells; score: number; label: string; gap: number }>,
): RowReadings {
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

/** A padded row whose figures stand one space apart with no "xx": it fills every column. */
function fillsEveryColumn(run: FigureRun, evidence: GapEvidence): boolean {
  if (evidence.lead !== 'none' || evidence.trail !== 'none' || !evidence.interiorKnown) return false;
  for (let i = 0; i < run.numbers.length; i++) {
    const tok = run.numbers[i]!;
    if (isNoFigure(tok.text)) return false;
    const prev = run.numbers[i - 1];
    if (prev && tok.start - (prev.start + prev.text.length) >= 2) return false;
  }
  return true;
}

// Whether a figure as the store keeps it ("-0", "0.00", "12.5") is zero: what Number(c) === 0
// says of such a string, without converting every cell of every reading.
function isZeroFigure(c: string): boolean {
  let digits = 0;
  for (let i = 0; i < c.length; i++) {
    const ch = c.charCodeAt(i);
    if (ch === 48) digits++;
    else if (!(ch === 46 || (ch === 45 && i === 0))) return false;
  }
  return digits > 0;
}

function normalise(v: string): string {
  const first = v.charCodeAt(0);
  const signed = first === 0x2212 || first === 0x2013 ? `-${v.slice(1)}` : v;
  return signed.includes(',') ? signed.replace(',', '.') : signed;
}
