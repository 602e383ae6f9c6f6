import type Decimal from 'decimal.js';
import { BudgetBotError, money } from '../domain';
import type { Cells, RawTable } from './raw-table';

/** A sum between rows of one table: row `target` = Σ rows `terms`, column by column. */
export interface RowRelation {
  name: string;
  target: number;
  terms: number[];
  /** Used to place figures only; the reconciliation checks this sum on the facts itself. */
  placementOnly?: boolean;
}

/** A row whose reading was chosen by the sums, for the ingest report. */
export interface PlacementDecision {
  row: number;
  line: number;
  label: string;
  readings: number;
  satisfied: number;
  /** "sums", "spacing" (gap widths), "figures" (only the split of digit groups was open), or the table's convention. */
  how: string;
}

type Alignment = 'full' | 'left' | 'right' | 'other';

function alignment(cells: Cells | undefined): Alignment {
  const p = nullPattern(cells);
  if (!p.includes('_')) return 'full';
  if (/^x*_+$/.test(p)) return 'left';
  if (/^_+x*$/.test(p)) return 'right';
  return 'other';
}

const MAX_COMBINATIONS = 50_000;

function value(cells: Cells | undefined, c: number): Decimal | null {
  const v = cells?.[c];
  return v === null || v === undefined ? null : money(v);
}

/** How many columns of the relations can be checked at all: a target figure and some term figure. */
export function countCheckable(
  relations: readonly RowRelation[],
  cellsOf: (row: number) => Cells | undefined,
  columns: number,
): number {
  let n = 0;
  for (const rel of relations)
    for (let c = 0; c < columns; c++)
      if (value(cellsOf(rel.target), c) !== null && rel.terms.some((t) => value(cellsOf(t), c) !== null)) n++;
  return n;
}

/** How many columns of the relations hold with the given cells (half a euro per summed term). */
export function countSatisfied(
  relations: readonly RowRelation[],
  cellsOf: (row: number) => Cells | undefined,
  columns: number,
): number {
  let sat = 0;
  for (const rel of relations) {
    for (let c = 0; c < columns; c++) {
      const target = value(cellsOf(rel.target), c);
      const terms = rel.terms.map((t) => value(cellsOf(t), c)).filter((v): v is Decimal => v !== null);
      if (target === null) continue;
      if (terms.length === 0) continue;
      const sum = terms.reduce((a, b) => a.plus(b), money(0));
      if (sum.minus(target).abs().lte(money(terms.length).times('0.5'))) sat++;
    }
  }
  return sat;
}

/**
 * Chooses one reading for every row that has several (a PDF row with missing cells or an
 * ambiguous run of three-digit groups): the combination that makes the most row sums hold,
 * then the one whose figures look most alike. Throws BudgetBotError with document:line when
 * two placements fit equally well: the figures are never put in a column by guess.
 */
export function resolvePlacements(
  table: RawTable,
  relations: readonly RowRelation[],
  document: string,
): { chosen: (number | null)[]; decisions: PlacementDecision[] } {
  const rows = table.rows;
  const chosen: (number | null)[] = rows.map((r) =>
    r.readings.length === 1 ? 0 : r.readings.length === 0 ? null : -1,
  );
  const decisions: PlacementDecision[] = [];
  const ambiguous = rows.map((_, i) => i).filter((i) => chosen[i] === -1);
  const done = new Set<number>();
  type Scored = { pick: number[]; sat: number; score: number; gap: number };
  const undecided: { members: number[]; tied: Scored[] }[] = [];
  const confirmed: { line: number; alignment: Alignment }[] = [];
  for (const start of ambiguous) {
    if (done.has(start)) continue;
    // Rows tied together by shared sums are decided together.
    const component = new Set<number>([start]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const rel of relations) {
        const members = [rel.target, ...rel.terms];
        if (members.some((m) => component.has(m))) {
          for (const m of members) {
            if (chosen[m] === -1 && !component.has(m)) {
              component.add(m);
              grew = true;
            }
          }
        }
      }
    }
    const members = [...component].sort((a, b) => a - b);
    for (const m of members) done.add(m);
    const rels = relations.filter((rel) => [rel.target, ...rel.terms].some((m) => component.has(m)));
    const total = members.reduce((p, m) => p * rows[m]!.readings.length, 1);
    const first = rows[members[0]!]!;
    if (total > MAX_COMBINATIONS) {
      throw new BudgetBotError(
        `too many ways to place the figures of "${first.label}"`,
        'bad_input',
        `${document}:${first.line}`,
      );
    }
    const scored: Scored[] = [];
    const pick = members.map(() => 0);
    for (let n = 0; n < total; n++) {
      let rest = n;
      for (let k = 0; k < members.length; k++) {
        const len = rows[members[k]!]!.readings.length;
        pick[k] = rest % len;
        rest = Math.floor(rest / len);
      }
      const cellsOf = (row: number): Cells | undefined => {
        const k = members.indexOf(row);
        const r = rows[row]!;
        if (k >= 0) return r.readings[pick[k]!];
        const ch = chosen[row];
        return ch === null || ch === undefined || ch < 0 ? undefined : r.readings[ch];
      };
      const sat = countSatisfied(rels, cellsOf, table.columns.length);
      const score = members.reduce((s, m, k) => s + (rows[m]!.scores?.[pick[k]!] ?? 0), 0);
      const gap = members.reduce((s, m, k) => s + (rows[m]!.gapScores?.[pick[k]!] ?? 0), 0);
      scored.push({ pick: [...pick], sat, score, gap });
    }
    scored.sort((a, b) => b.sat - a.sat || a.score - b.score || a.gap - b.gap);
    const best = scored[0]!;
    const differs = (x: Scored): boolean =>
      members.some(
        (m, k) =>
          nullPattern(rows[m]!.readings[x.pick[k]!]) !== nullPattern(rows[m]!.readings[best.pick[k]!]),
      );
    // Another placement that fits the sums as well is a rival unless the spacing clearly
    // (by half a cell or more) speaks against it.
    const spacingRules = (x: Scored): boolean => x.gap - best.gap >= 0.5;
    const rival = scored.find(
      (x) =>
        x !== best &&
        x.sat === best.sat &&
        ((x.score === best.score && !spacingRules(x)) || (differs(x) && !spacingRules(x))),
    );
    if (rival) {
      undecided.push({ members, tied: scored.filter((x) => x.sat === best.sat) });
      continue;
    }
    // A placement the sums decided tells how this table prints rows with empty cells.
    const confirmedBySums = scored.some((x) => x.sat < best.sat && differs(x));
    const bySpacing = !confirmedBySums && scored.some((x) => x.sat === best.sat && differs(x));
    members.forEach((m, k) => {
      chosen[m] = best.pick[k]!;
      const row = rows[m]!;
      const cells = row.readings[best.pick[k]!];
      if (confirmedBySums) confirmed.push({ line: row.line, alignment: alignment(cells) });
      decisions.push({
        row: m,
        line: row.line,
        label: row.labels?.[best.pick[k]!] ?? row.label,
        readings: row.readings.length,
        satisfied: best.sat,
        how: confirmedBySums ? 'sums' : bySpacing ? 'spacing' : 'figures',
      });
    });
  }

  // Rows the sums cannot decide follow the table's own convention, if the rows the sums did
  // decide all show the same one (every partial row filled from the left, say); else they
  // are reported as undecidable.
  const partial = confirmed.filter(
    (c) => c.alignment === 'left' || c.alignment === 'right' || c.alignment === 'other',
  );
  const convention =
    partial.length > 0 && partial.every((c) => c.alignment === partial[0]!.alignment)
      ? partial[0]!.alignment
      : null;
  for (const u of undecided) {
    const fitting =
      convention === 'left' || convention === 'right'
        ? u.tied.filter((x) =>
            u.members.every((m, k) =>
              ['full', convention].includes(alignment(rows[m]!.readings[x.pick[k]!])),
            ),
          )
        : [];
    fitting.sort((a, b) => a.score - b.score);
    const pickOne =
      fitting.length > 0 && (fitting.length === 1 || fitting[0]!.score < fitting[1]!.score)
        ? fitting[0]!
        : null;
    if (!pickOne) {
      const x = u.tied[0]!;
      const y = u.tied[1] ?? x;
      const k = Math.max(
        0,
        u.members.findIndex((_, i) => x.pick[i] !== y.pick[i]),
      );
      const row = rows[u.members[k]!]!;
      const cols = table.columns.map((c) => `${c.basis} ${c.year}`).join(', ');
      const figures = (row.readings[0] ?? []).filter((v) => v !== null).join(' ');
      throw new BudgetBotError(
        `cannot place the figures of row "${row.label}" (${figures}) in the columns ${cols}: the spacing does not show which cells are empty and the row sums do not decide`,
        'bad_input',
        `${document}:${row.line}`,
      );
    }
    u.members.forEach((m, k) => {
      chosen[m] = pickOne.pick[k]!;
      const row = rows[m]!;
      decisions.push({
        row: m,
        line: row.line,
        label: row.labels?.[pickOne.pick[k]!] ?? row.label,
        readings: row.readings.length,
        satisfied: pickOne.sat,
        how: `aligned ${convention} like the rows the sums placed (lines ${confirmed.map((c) => c.line).join(', ')})`,
      });
    });
  }
  return { chosen, decisions };
}

function nullPattern(cells: Cells | undefined): string {
  return (cells ?? []).map((c) => (c === null ? '_' : 'x')).join('');
}
