import type Decimal from 'decimal.js';
import { budgetFinality, type Fact, type ReconciliationIssue, money as toMoney } from '../domain';
import type { SumRelation } from './parsed-document';

/** What to check: one document's facts (names canonical) and the sums its layout implies. */
export interface ReconcileInput {
  document: string;
  serviceArea: string | null;
  facts: readonly Fact[];
  relations: readonly SumRelation[];
  /** Names of the city nodes of the store (the top of a hierarchy: its children are the service areas). */
  cities?: readonly string[];
}

const HALF = toMoney('0.5');

// Two figures of the same column: year, basis, date, figure or change, unit.
function samePeriod(a: Fact, b: Fact): boolean {
  return (
    a.year === b.year && a.basis === b.basis && a.asOf === b.asOf && a.kind === b.kind && a.unit === b.unit
  );
}

/**
 * The columns of a document (a handful), numbered as met: a figure's column is found by
 * comparing it with them, the one after the last found first (a row prints its columns in
 * order), with no key built per figure.
 */
class Columns {
  private readonly seen: Fact[] = [];
  private last = -1;

  of(f: Fact): number {
    const n = this.seen.length;
    for (let k = 0; k < n; k++) {
      const i = (this.last + 1 + k) % n;
      if (samePeriod(this.seen[i]!, f)) {
        this.last = i;
        return i;
      }
    }
    this.seen.push(f);
    this.last = n;
    return n;
  }
}

const NET_TERMS = ['MENOT', 'TULOT'] as const;

/** In a document of several levels the same name can stand under two parents: the path tells them apart. */
function placeOf(f: Fact): string {
  return f.path ? f.path.join('\u0002') : f.costCentre;
}

/** The column of a figure as one string (for the roll-ups of a document of several levels). */
function periodKey(f: Fact): string {
  return [f.year, f.basis, f.asOf ?? '', f.kind, f.unit].join('|');
}

/**
 * One document's facts by table, place (cost centre, or its path) and account, in document order. Nested maps keyed
 * by the facts' own strings (whose hashes the engine keeps), so indexing a report of hundreds of
 * thousands of figures costs a few map look-ups each, never a scan.
 */
class RowIndex {
  private readonly tables = new Map<string, Map<string, Map<string, Fact[]>>>();
  // The row of the fact added last: a document prints a row's figures one after another.
  private last: Fact | null = null;
  private lastRow: Fact[] = [];

  add(f: Fact): void {
    const last = this.last;
    this.last = f;
    if (
      last !== null &&
      last.account === f.account &&
      last.costCentre === f.costCentre &&
      last.path === f.path &&
      last.table === f.table
    ) {
      this.lastRow.push(f);
      return;
    }
    let centres = this.tables.get(f.table);
    if (!centres) {
      centres = new Map();
      this.tables.set(f.table, centres);
    }
    const place = placeOf(f);
    let accounts = centres.get(place);
    if (!accounts) {
      accounts = new Map();
      centres.set(place, accounts);
    }
    let row = accounts.get(f.account);
    if (row) row.push(f);
    else {
      row = [f];
      accounts.set(f.account, row);
    }
    this.lastRow = row;
  }

  /** Every fact of a row. */
  row(table: string, costCentre: string, account: string): readonly Fact[] {
    return this.tables.get(table)?.get(costCentre)?.get(account) ?? [];
  }

  /** The row's figure for the same column as `like` (the last printed, if printed twice). */
  at(table: string, costCentre: string, account: string, like: Fact): Fact | undefined {
    return inColumn(this.row(table, costCentre, account), like);
  }
}

/** A row's figure for the same column as `like` (the last printed, if printed twice). */
function inColumn(row: readonly Fact[], like: Fact): Fact | undefined {
  for (let i = row.length - 1; i >= 0; i--) if (samePeriod(row[i]!, like)) return row[i];
  return undefined;
}

function issue(check: string, target: Fact, expected: Decimal, terms: readonly Fact[]): ReconciliationIssue {
  const printed = toMoney(target.amount);
  return {
    check,
    document: target.document,
    line: target.line,
    costCentre: target.costCentre,
    account: target.account,
    year: target.year,
    basis: target.basis,
    expected: expected.toFixed(),
    printed: target.amount,
    difference: printed.minus(expected).toFixed(),
    termLines: [...new Set(terms.map((t) => t.line))].sort((a, b) => a - b),
    ...(target.page !== undefined ? { page: target.page } : {}),
    ...(target.sheet !== undefined ? { sheet: target.sheet } : {}),
    ...(target.path ? { path: target.path } : {}),
  };
}

// A whole-euro figure as a number: up to 15 digits, which doubles hold exactly; else null (a
// figure with decimals, or a longer one). Read digit by digit: this runs for every term of
// every sum of a report.
function wholeNumber(amount: string): number | null {
  const n = amount.length;
  const negative = n > 0 && amount.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (i === n || n - i > 15) return null;
  let v = 0;
  for (; i < n; i++) {
    const d = amount.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

/**
 * Whole-euro figures (nearly all) are summed as integers; while the magnitudes add up to less
 * than 2^53 every partial sum of doubles is exact, so this is the sum decimal.js would give.
 * Returns the expected sum when the target misses it by more than rounding allows, null when
 * it holds, and undefined when a figure has decimals or the sums are too large (then
 * decimal.js decides).
 */
function missedWhole(target: Fact, terms: readonly Fact[]): Decimal | null | undefined {
  const printed = wholeNumber(target.amount);
  if (printed === null) return undefined;
  let total = 0;
  let magnitude = Math.abs(printed);
  for (const t of terms) {
    const w = wholeNumber(t.amount);
    if (w === null) return undefined;
    total += w;
    magnitude += Math.abs(w);
  }
  if (magnitude > Number.MAX_SAFE_INTEGER) return undefined;
  // Half a euro per term: |printed − total| ≤ terms / 2.
  return Math.abs(printed - total) * 2 <= Math.max(1, terms.length) ? null : toMoney(String(total));
}

// Figures are printed rounded to whole euros, so a sum may be off by half a euro per term.
function holds(printed: Decimal, expected: Decimal, terms: number): boolean {
  return printed
    .minus(expected)
    .abs()
    .lte(HALF.times(Math.max(1, terms)));
}

/**
 * Checks every sum a document implies and returns one finding per sum that does not hold as
 * printed: NETTOMENO = MENOT + TULOT; the service-area totals = Σ cost centres; the
 * appropriations = the operating plan's totals; operating-statement and investment subtotals;
 * change columns = newer − older. The printed figures are never changed.
 */
export function reconcile(input: ReconcileInput): ReconciliationIssue[] {
  const facts = input.facts.filter((f) => f.document === input.document);
  // Each figure is read as a decimal once, however many sums it takes part in.
  const decimals = new Map<Fact, Decimal>();
  const money = (f: Fact): Decimal => {
    let d = decimals.get(f);
    if (d === undefined) {
      d = toMoney(f.amount);
      decimals.set(f, d);
    }
    return d;
  };
  const sum = (terms: readonly Fact[]): Decimal => {
    let total = toMoney(0);
    for (const t of terms) total = total.plus(money(t));
    return total;
  };
  /** The expected sum when the printed target misses it by more than rounding allows; null when it holds. */
  const missed = (target: Fact, terms: readonly Fact[]): Decimal | null => {
    const fast = missedWhole(target, terms);
    if (fast !== undefined) return fast;
    const expected = sum(terms);
    return holds(money(target), expected, terms.length) ? null : expected;
  };
  const out: ReconciliationIssue[] = [];
  const rows = new RowIndex();
  for (const f of facts) rows.add(f);

  // 1. NETTOMENO = MENOT + TULOT, per cost centre, total and appropriation, per period.
  // The MENOT and TULOT rows of the NETTOMENO row looked at last (its figures come together).
  let netRow: Fact | null = null;
  let termRows: (readonly Fact[])[] = [];
  for (const n of facts) {
    if (
      n.account !== 'NETTOMENO' ||
      (n.table !== 'costCentres' && n.table !== 'appropriations') ||
      n.unit === '%'
    )
      continue;
    if (
      netRow === null ||
      netRow.costCentre !== n.costCentre ||
      netRow.path !== n.path ||
      netRow.table !== n.table
    ) {
      const place = placeOf(n);
      termRows = NET_TERMS.map((a) => rows.row(n.table, place, a));
      netRow = n;
    }
    const terms: Fact[] = [];
    for (const row of termRows) {
      const f = inColumn(row, n);
      if (f) terms.push(f);
    }
    if (terms.length === 0) continue;
    const expected = missed(n, terms);
    if (expected) out.push(issue('NETTOMENO = MENOT + TULOT', n, expected, terms));
  }

  // 2. The service area's total rows = Σ its cost centres (a document of several levels:
  //    every total = Σ the level below it, and a figure printed twice says the same).
  const hierarchical = facts.some((f) => f.path !== undefined);
  if (hierarchical) out.push(...rollUps(facts, periodKey, new Set(input.cities ?? [])));
  const sa = hierarchical ? null : input.serviceArea;
  if (sa !== null) {
    // The cost centres' figures by account and column: each total sums its own column, found
    // at once rather than by a scan of every figure of its account.
    const columns = new Columns();
    const parts = new Map<string, Fact[][]>();
    for (const f of facts) {
      if (f.table !== 'costCentres' || f.costCentre === sa) continue;
      let byColumn = parts.get(f.account);
      if (!byColumn) {
        byColumn = [];
        parts.set(f.account, byColumn);
      }
      const c = columns.of(f);
      const list = byColumn[c];
      if (list) list.push(f);
      else byColumn[c] = [f];
    }
    for (const t of facts) {
      if (t.table !== 'costCentres' || t.costCentre !== sa) continue;
      const terms = parts.get(t.account)?.[columns.of(t)] ?? [];
      if (terms.length === 0) continue;
      const expected = missed(t, terms);
      if (expected) out.push(issue('YHTEENSÄ = Σ kustannuspaikat', t, expected, terms));
    }
  }
  if (input.serviceArea !== null) {
    const sa = input.serviceArea;
    // 3. Appropriations = the operating plan's totals for the same year (same basis, else the final budget).
    for (const a of facts) {
      if (a.table !== 'appropriations' || a.kind !== 'figure' || a.costCentre !== sa) continue;
      const candidates = rows
        .row('costCentres', sa, a.account)
        .filter((f) => f.year === a.year && f.kind === 'figure' && budgetFinality(f.basis) > 0);
      const match =
        candidates.find((f) => f.basis === a.basis) ??
        [...candidates].sort((x, y) => budgetFinality(y.basis) - budgetFinality(x.basis))[0];
      if (!match) continue;
      const expected = money(match);
      if (!holds(money(a), expected, 1))
        out.push(issue(`Määrärahat = YHTEENSÄ (${match.basis} ${match.year})`, a, expected, [match]));
    }
  }

  // 4. Subtotals the layout implies (operating statement, investment plan).
  for (const rel of input.relations) {
    if (rel.document !== input.document) continue;
    for (const t of rows.row(rel.table, rel.costCentre, rel.target)) {
      const terms = rel.terms
        .map((acc) => rows.at(rel.table, rel.costCentre, acc, t))
        .filter((f): f is Fact => f !== undefined);
      if (terms.length === 0) continue;
      const expected = missed(t, terms);
      if (expected) out.push(issue(rel.check, t, expected, terms));
    }
  }

  // 5. Change columns: MUUTOS € = newer − older (or the change of the magnitude, as some
  //    documents print it); MUUTOS % = the change of the magnitude in per cent.
  for (const c of facts) {
    if (c.kind !== 'change') continue;
    const sameRow = rows
      .row(c.table, c.costCentre, c.account)
      .filter((f) => f.kind === 'figure' && f.line === c.line)
      .sort((x, y) => x.year - y.year);
    if (sameRow.length < 2) continue;
    const older = sameRow[0]!;
    const newer = sameRow[sameRow.length - 1]!;
    const o = money(older);
    const n = money(newer);
    const printed = money(c);
    if (c.unit === '%') {
      if (o.isZero()) continue;
      const expected = n.abs().minus(o.abs()).div(o.abs()).times(100);
      const decimals = (c.amount.split('.')[1] ?? '').length;
      const tolerance = toMoney(10).pow(-decimals).times(HALF).plus('0.0000001');
      if (printed.minus(expected).abs().gt(tolerance)) {
        out.push(
          issue(
            'MUUTOS % = (|uudempi| − |vanhempi|) / |vanhempi|',
            c,
            expected.toDecimalPlaces(Math.max(decimals, 1)),
            [older, newer],
          ),
        );
      }
    } else {
      const signed = n.minus(o);
      const magnitude = n.abs().minus(o.abs());
      if (!holds(printed, signed, 2) && !holds(printed, magnitude, 2))
        out.push(issue('MUUTOS € = uudempi − vanhempi', c, signed, [older, newer]));
    }
  }
  return out;
}

const LEVEL_WORDS = ['Kaupunki', 'Toimiala', 'Tulosalue', 'Kustannuspaikka'];

/**
 * Totals of a document of several levels: each node's figure = Σ its children's (same table,
 * account and period), where the children are the nodes one level down the path (the service
 * areas under the city). A node printed twice in the document (the city's summary and the
 * area's own total) must print the same figure.
 */
function rollUps(
  facts: readonly Fact[],
  periodOf: (f: Fact) => string,
  cities: Set<string>,
): ReconciliationIssue[] {
  const out: ReconciliationIssue[] = [];
  const pathKey = (path: readonly string[]): string => path.join('\u0000');
  const parentKey = (path: readonly string[]): string | null => {
    if (path.length > 1) return pathKey(path.slice(0, -1));
    return cities.has(path[0]!) ? null : `city`;
  };
  const nodeOf = (f: Fact): string =>
    f.path!.length === 1 && cities.has(f.path![0]!) ? 'city' : pathKey(f.path!);
  const byNode = new Map<string, Fact[]>();
  const children = new Map<string, Fact[]>();
  for (const f of facts) {
    if (!f.path || f.table !== 'costCentres' || f.kind !== 'figure') continue;
    const k = `${nodeOf(f)}\u0001${f.account}\u0001${periodOf(f)}`;
    const list = byNode.get(k);
    if (list) list.push(f);
    else byNode.set(k, [f]);
  }
  for (const list of byNode.values()) {
    const f = list[0]!;
    const parent = parentKey(f.path!);
    if (parent === null || nodeOf(f) === 'city') continue;
    const pk = `${parent}\u0001${f.account}\u0001${periodOf(f)}`;
    const kids = children.get(pk) ?? [];
    kids.push(f);
    children.set(pk, kids);
    // The same node printed twice (the city's summary and the area's own total).
    for (const other of list.slice(1)) {
      if (!toMoney(other.amount).eq(toMoney(f.amount)))
        out.push(issue('Sama luku kahdessa kohdassa', other, toMoney(f.amount), [f]));
    }
  }
  for (const [pk, kids] of children) {
    const totals = byNode.get(pk);
    if (!totals) continue;
    const expected = kids.reduce((total, c) => total.plus(toMoney(c.amount)), toMoney(0));
    for (const t of totals) {
      if (holds(toMoney(t.amount), expected, kids.length)) continue;
      const depth = nodeOf(t) === 'city' ? 0 : t.path!.length;
      const check = `${LEVEL_WORDS[Math.min(depth, 2)]} yhteensä = Σ ${depth === 0 ? 'toimialat' : depth === 1 ? 'tulosalueet ja kustannuspaikat' : 'kustannuspaikat'}`;
      out.push(issue(check, t, expected, kids));
    }
  }
  return out;
}
