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

/**
 * How many more cells the placement search of one document may read. Every placement tried
 * reads the cells of the sums it touches; a document gets a fixed allowance plus a share per
 * row, so its search can never grow faster than its length, however the text is made.
 */
export class PlacementBudget {
  constructor(public cells: number) {}

  /** The allowance of a document with `rows` figure rows. */
  static forRows(rows: number): PlacementBudget {
    return new PlacementBudget(5_000_000 + 200 * rows);
  }

  /** True once a search has asked for more than is left. */
  exhausted = false;

  /** Takes `cells` from the allowance; false (and exhausted) when there is not that much left. */
  take(cells: number): boolean {
    if (cells > this.cells) {
      this.exhausted = true;
      return false;
    }
    this.cells -= cells;
    return true;
  }
}

// Cells as exact integers in millionths (BigInt: exact, and far quicker to add than decimals);
// a cell with more than six decimals, which no budget report prints, is read as decimal.js.
const SCALE = 1_000_000n;
const HALF_SCALE = 500_000n;
type Amount = bigint | Decimal;

function scaled(v: string): Amount {
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(v);
  if (!m) return money(v);
  const units = BigInt(m[2]!) * SCALE + (m[3] ? BigInt(m[3].padEnd(6, '0')) : 0n);
  return m[1] ? -units : units;
}

// A reading is tried many times: parse its figures once.
const parsed = new WeakMap<Cells, (Amount | null)[]>();

function value(cells: Cells | undefined, c: number): Amount | null {
  if (!cells) return null;
  let values = parsed.get(cells);
  if (!values) {
    values = cells.map((v) => (v === null || v === undefined ? null : scaled(v)));
    parsed.set(cells, values);
  }
  return values[c] ?? null;
}

function asDecimal(a: Amount): Decimal {
  return typeof a === 'bigint' ? money(a.toString()).dividedBy(1_000_000) : a;
}

// A sum holds within half a euro per summed term (the figures are printed rounded).
function sumHolds(target: Amount, terms: readonly Amount[]): boolean {
  if (typeof target === 'bigint' && terms.every((t) => typeof t === 'bigint')) {
    let total = 0n;
    for (const t of terms as bigint[]) total += t;
    const off = total - target;
    return (off < 0n ? -off : off) <= HALF_SCALE * BigInt(terms.length);
  }
  const sum = terms.reduce<Decimal>((a, b) => a.plus(asDecimal(b)), money(0));
  return sum.minus(asDecimal(target)).abs().lte(money(terms.length).times('0.5'));
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
  const terms: Amount[] = [];
  for (const rel of relations) {
    for (let c = 0; c < columns; c++) {
      const target = value(cellsOf(rel.target), c);
      if (target === null) continue;
      terms.length = 0;
      for (const t of rel.terms) {
        const v = value(cellsOf(t), c);
        if (v !== null) terms.push(v);
      }
      if (terms.length === 0) continue;
      if (sumHolds(target, terms)) sat++;
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
  budget: PlacementBudget = PlacementBudget.forRows(table.rows.length),
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
  // Which sums each row takes part in, so that finding the rows tied to one costs only their sums.
  const relationsOf = new Map<number, number[]>();
  relations.forEach((rel, r) => {
    for (const m of [rel.target, ...rel.terms]) {
      const list = relationsOf.get(m);
      if (list) {
        if (list[list.length - 1] !== r) list.push(r);
      } else relationsOf.set(m, [r]);
    }
  });
  for (const start of ambiguous) {
    if (done.has(start)) continue;
    // Rows tied together by shared sums are decided together.
    const component = new Set<number>([start]);
    const relIndexes = new Set<number>();
    const queue = [start];
    while (queue.length > 0) {
      const row = queue.pop()!;
      for (const r of relationsOf.get(row) ?? []) {
        if (relIndexes.has(r)) continue;
        relIndexes.add(r);
        const rel = relations[r]!;
        for (const m of [rel.target, ...rel.terms]) {
          if (chosen[m] === -1 && !component.has(m)) {
            component.add(m);
            queue.push(m);
          }
        }
      }
    }
    const members = [...component].sort((a, b) => a - b);
    for (const m of members) done.add(m);
    const rels = [...relIndexes].sort((a, b) => a - b).map((r) => relations[r]!);
    const total = members.reduce((p, m) => p * rows[m]!.readings.length, 1);
    const first = rows[members[0]!]!;
    // Each placement tried checks every cell of the sums it touches: bound the whole search,
    // so that no text, however made, makes the ingest run for long.
    const cellsPerTry = rels.reduce((n, rel) => n + rel.terms.length + 1, 0) * table.columns.length;
    if (total > MAX_COMBINATIONS || !budget.take(total * cellsPerTry)) {
      throw new BudgetBotError(
        `too many ways to place the figures of "${first.label}" (${total} placements of ${members.length} rows tied by sums)`,
        'bad_input',
        `${document}:${first.line}`,
      );
    }
    const scored: Scored[] = [];
    const pick = members.map(() => 0);
    const memberAt = new Map(members.map((m, k) => [m, k]));
    // Reads the placement being tried (`pick`, changed in place) for members, the chosen one for others.
    const cellsOf = (row: number): Cells | undefined => {
      const k = memberAt.get(row);
      const r = rows[row]!;
      if (k !== undefined) return r.readings[pick[k]!];
      const ch = chosen[row];
      return ch === null || ch === undefined || ch < 0 ? undefined : r.readings[ch];
    };
    for (let n = 0; n < total; n++) {
      let rest = n;
      for (let k = 0; k < members.length; k++) {
        const len = rows[members[k]!]!.readings.length;
        pick[k] = rest % len;
        rest = Math.floor(rest / len);
      }
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
