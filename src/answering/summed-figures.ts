import type { BudgetData, CostCentre, Fact } from '../domain';
import { basisKind, money } from '../domain';

/**
 * What a summed figure adds up: a place's accounts (a ledger export's lines, or its expenses and
 * revenues for the net) or the places one level below it.
 */
export type SumKind = 'accounts' | 'places';

/** A figure no document prints, worked out exactly from printed ones of the same period. */
export interface SummedFact extends Fact {
  sum: { of: SumKind; parts: readonly Fact[] };
}

/** Whether a fact is a sum the answering step worked out (never one a document prints). */
export function isSummed(fact: Fact): fact is SummedFact {
  return (fact as Partial<SummedFact>).sum !== undefined;
}

const leavesCache = new WeakMap<SummedFact, Fact[]>();

/** The printed figures a sum rests on, however many levels down (cost centres, ledger lines). */
export function leavesOf(fact: SummedFact): Fact[] {
  const hit = leavesCache.get(fact);
  if (hit) return hit;
  const out = fact.sum.parts.flatMap((p) => (isSummed(p) ? leavesOf(p) : [p]));
  leavesCache.set(fact, out);
  return out;
}

/** The tables a summed figure can be in: a place's accounts, or a ledger export's lines. */
export type SumTable = 'costCentres' | 'accounts';

/** Where summed figures are read from and put: a place's row of one account in a table. */
export interface SumRows {
  get(table: SumTable, place: string, account: string): readonly Fact[];
  put(table: SumTable, place: string, account: string, fact: SummedFact): void;
  /** Rank of a document by recency: of two printed figures of the same period, the newer one's counts. */
  rank(document: string): number;
}

const ACCOUNTS: ReadonlySet<string> = new Set(['MENOT', 'TULOT', 'NETTOMENO']);

function periodKey(f: Fact): string {
  return `${f.year}\u0000${f.basis}\u0000${f.asOf ?? ''}`;
}

function labelOf(account: string): string {
  return account.trim().toLowerCase();
}

/**
 * Whether a place's row already has a printed figure for the period a sum would give: a budget
 * (or plan) of the year, the year's TP, or a year-to-date actual at the same date. A sum only
 * fills what no document prints: it never stands beside or over a printed one. (A ledger's 31.12.
 * is kept beside a printed TP: the TP counts for the year, the 31.12. ends a month-by-month series.)
 */
function printedFor(row: readonly Fact[], f: Fact): boolean {
  const kind = basisKind(f.basis);
  return row.some((p) => {
    if (isSummed(p) || p.year !== f.year || p.kind === 'change') return false;
    const pk = basisKind(p.basis);
    if (kind === 'budget' || kind === 'plan') return pk === kind;
    if (kind !== 'actual' || pk !== 'actual') return false;
    const tp = p.basis.toUpperCase() === 'TP';
    if (f.basis.toUpperCase() === 'TP') return tp;
    return !tp && p.asOf === f.asOf;
  });
}

const WHOLE = /^-?\d+$/;

/** The exact sum of amounts as printed: in integers where they all are (euros), else in decimals. */
function total(parts: readonly Fact[]): string {
  if (parts.every((p) => WHOLE.test(p.amount)))
    return parts.reduce((s, p) => s + BigInt(p.amount), 0n).toString();
  return parts.reduce((s, p) => s.plus(money(p.amount)), money(0)).toString();
}

function summed(
  template: Fact,
  place: CostCentre,
  table: SumTable,
  account: string,
  of: SumKind,
  parts: Fact[],
): SummedFact {
  // It is cited where its first printed part is; the answer lists every part's line.
  let first = parts[0]!;
  while (isSummed(first)) first = first.sum.parts[0]!;
  return {
    document: first.document,
    line: first.line,
    ...(first.page !== undefined ? { page: first.page } : {}),
    ...(first.sheet !== undefined ? { sheet: first.sheet } : {}),
    section: template.section,
    table,
    costCentre: place.name,
    account,
    year: template.year,
    basis: template.basis,
    asOf: template.asOf,
    amount: total(parts),
    unit: template.unit,
    kind: 'figure',
    ...(place.path ? { path: place.path } : {}),
    sum: { of, parts },
  };
}

/** One figure per period of a row: of two for the same period, the newer document's, a printed one over a sum. */
function byPeriod(row: readonly Fact[], rank: (d: string) => number): Map<string, Fact> {
  const out = new Map<string, Fact>();
  for (const f of row) {
    if (f.kind === 'change' || f.unit !== 'EUR' || basisKind(f.basis) === 'change') continue;
    const k = periodKey(f);
    const had = out.get(k);
    if (
      !had ||
      (isSummed(had) && !isSummed(f)) ||
      (isSummed(had) === isSummed(f) && rank(f.document) > rank(had.document))
    )
      out.set(k, f);
  }
  return out;
}

/**
 * The figures a store implies but no document prints, each the exact sum of printed ones of the
 * same period, worked out for a row the first time it is asked for and kept: a cost centre's
 * expenses, revenues and net cost from a ledger export's account lines (an expense line is one
 * whose budget, else actual, is negative, as printed); an account of the chart made of others
 * ("Henkilöstökulut"); a net cost from expenses and revenues; and every level above the cost
 * centres from the level below (a result area at the end of May from its cost centres' monthly
 * ledger; the city from its service areas), only where every part has the period.
 */
export class SummedRows {
  private readonly done = new Set<string>();
  private readonly places: Map<string, CostCentre>;
  private readonly children = new Map<string, CostCentre[]>();
  /** A cost centre's ledger-export lines, by document and period. */
  private readonly lines = new Map<string, Map<string, Fact[]>>();
  /** Each line's side (−: expense, +: revenue) by cost centre, account and year. */
  private readonly side = new Map<string, number>();
  /** The periods each place's ledger lines cover (linePeriods). */
  private readonly covered = new Map<string, ReadonlySet<string>>();

  constructor(
    data: BudgetData,
    private readonly rows: SumRows,
    private readonly groups: Readonly<Record<string, readonly string[]>> = {},
  ) {
    this.places = new Map(data.costCentres.map((c) => [c.name, c]));
    const byPath = new Map<string, CostCentre>();
    for (const c of data.costCentres) if (c.path) byPath.set(c.path.join('\u0000'), c);
    const areas = data.costCentres.filter((c) => c.level === 'serviceArea');
    for (const c of data.costCentres) {
      if (c.level === 'city') this.children.set(c.name, areas);
      else if (c.path && c.path.length >= 2) {
        const parent = byPath.get(c.path.slice(0, -1).join('\u0000'));
        if (parent) this.children.set(parent.name, [...(this.children.get(parent.name) ?? []), c]);
      }
    }
    for (const f of data.facts) {
      if (f.table !== 'accounts' || f.kind === 'change' || f.unit !== 'EUR') continue;
      let groups = this.lines.get(f.costCentre);
      if (!groups) {
        groups = new Map();
        this.lines.set(f.costCentre, groups);
      }
      const key = `${f.document}\u0000${periodKey(f)}`;
      const list = groups.get(key);
      if (list) list.push(f);
      else groups.set(key, [f]);
      // The final budget (TA+muutos over TA) says a line's side, else its actual.
      const lineKey = this.lineKey(f);
      const weight = basisKind(f.basis) === 'budget' ? (f.basis.includes('+') ? 3 : 2) : 1;
      if (!/^-?0*(\.0*)?$/.test(f.amount) && weight > Math.abs(this.side.get(lineKey) ?? 0))
        this.side.set(lineKey, f.amount.startsWith('-') ? -weight : weight);
    }
  }

  private lineKey(f: Fact): string {
    return `${f.costCentre}\u0000${labelOf(f.account)}\u0000${f.year}`;
  }

  /** Puts a row's summed figures in it, once: call before reading the row. */
  ensure(table: string, place: string, account: string): void {
    if (table !== 'costCentres' && table !== 'accounts') return;
    const key = `${table}\u0000${place}\u0000${labelOf(account)}`;
    if (this.done.has(key)) return;
    this.done.add(key);
    const p = this.places.get(place);
    if (!p) return;
    const parts = this.children.get(place) ?? [];
    if (table === 'costCentres' && !ACCOUNTS.has(account)) return;
    if (p.level === 'costCentre') {
      if (table === 'costCentres') this.fromLines(p, account);
      else this.fromLineGroup(p, account);
    } else {
      for (const c of parts) this.ensure(table, c.name, account);
      this.fromParts(p, parts, table, account);
    }
    if (table === 'costCentres' && account === 'NETTOMENO') {
      this.ensure(table, place, 'MENOT');
      this.ensure(table, place, 'TULOT');
      this.netFromAccounts(p);
    }
  }

  /** A cost centre's expenses, revenues or net cost from its ledger lines, per document and period. */
  private fromLines(place: CostCentre, account: string): void {
    const own = this.rows.get('costCentres', place.name, account);
    for (const lines of this.lines.get(place.name)?.values() ?? []) {
      const side = (f: Fact) => this.side.get(this.lineKey(f)) ?? 0;
      const of =
        account === 'MENOT'
          ? lines.filter((f) => side(f) < 0)
          : account === 'TULOT'
            ? lines.filter((f) => side(f) > 0)
            : lines;
      if (of.length === 0 || printedFor(own, lines[0]!)) continue;
      this.rows.put(
        'costCentres',
        place.name,
        account,
        summed(lines[0]!, place, 'costCentres', account, 'accounts', of),
      );
    }
  }

  /** "Henkilöstökulut" where the ledger has its parts (palkat ja palkkiot, henkilösivukulut) but not it. */
  private fromLineGroup(place: CostCentre, account: string): void {
    const group = Object.keys(this.groups).find((g) => labelOf(g) === labelOf(account));
    if (!group) return;
    const members = this.groups[group]!.map(labelOf);
    const own = this.rows.get('accounts', place.name, group);
    for (const lines of this.lines.get(place.name)?.values() ?? []) {
      const of = members.map((m) => lines.find((f) => labelOf(f.account) === m));
      if (of.some((f) => f === undefined) || lines.some((f) => labelOf(f.account) === labelOf(group)))
        continue;
      if (printedFor(own, lines[0]!)) continue;
      this.rows.put(
        'accounts',
        place.name,
        group,
        summed(lines[0]!, place, 'accounts', group, 'accounts', of as Fact[]),
      );
    }
  }

  /** A place's net cost where it has expenses and revenues of a period but no net printed or summed. */
  private netFromAccounts(place: CostCentre): void {
    const menot = byPeriod(this.rows.get('costCentres', place.name, 'MENOT'), this.rows.rank);
    const tulot = byPeriod(this.rows.get('costCentres', place.name, 'TULOT'), this.rows.rank);
    const net = this.rows.get('costCentres', place.name, 'NETTOMENO');
    const has = new Set(net.map(periodKey));
    for (const [k, m] of menot) {
      const t = tulot.get(k);
      if (!t || has.has(k) || printedFor(net, m)) continue;
      this.rows.put(
        'costCentres',
        place.name,
        'NETTOMENO',
        summed(m, place, 'costCentres', 'NETTOMENO', 'accounts', [m, t]),
      );
    }
  }

  /**
   * The periods a place's ledger lines cover: a cost centre's own (any account), a level above
   * only those every part of it covers.
   */
  private linePeriods(place: CostCentre): ReadonlySet<string> {
    const hit = this.covered.get(place.name);
    if (hit) return hit;
    const parts = this.children.get(place.name) ?? [];
    let out: Set<string>;
    if (parts.length === 0)
      out = new Set([...(this.lines.get(place.name)?.values() ?? [])].map((l) => periodKey(l[0]!)));
    else {
      const sets = parts.map((p) => this.linePeriods(p));
      out = new Set([...sets[0]!].filter((k) => sets.every((c) => c.has(k))));
    }
    this.covered.set(place.name, out);
    return out;
  }

  /**
   * A place one level up from its parts, at each period every part has and no document prints for
   * it. A ledger line (not a group of lines) a part lacks where its ledger covers the period is no
   * posting there, not a gap: "Vuokrat" of an area is the sum over the parts that have the line.
   */
  private fromParts(place: CostCentre, parts: readonly CostCentre[], table: SumTable, account: string): void {
    if (parts.length === 0) return;
    const tables = parts.map((p) => byPeriod(this.rows.get(table, p.name, account), this.rows.rank));
    const own = this.rows.get(table, place.name, account);
    const isGroup = Object.keys(this.groups).some((g) => labelOf(g) === labelOf(account));
    if (table === 'accounts' && !isGroup) {
      const covered = parts.map((p) => this.linePeriods(p));
      for (const k of new Set(tables.flatMap((t) => [...t.keys()]))) {
        const have = tables.map((t) => t.get(k));
        const f = have.find((x) => x !== undefined)!;
        if (!have.every((x, i) => x !== undefined || covered[i]!.has(k)) || printedFor(own, f)) continue;
        const of = have.filter((x): x is Fact => x !== undefined);
        this.rows.put(table, place.name, account, summed(f, place, table, f.account, 'places', of));
      }
      return;
    }
    for (const [k, f] of tables[0]!) {
      const all = tables.map((t) => t.get(k));
      if (all.some((x) => x === undefined) || printedFor(own, f)) continue;
      this.rows.put(table, place.name, account, summed(f, place, table, f.account, 'places', all as Fact[]));
    }
  }
}
