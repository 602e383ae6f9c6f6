import type Decimal from 'decimal.js';
import { budgetFinality, type Fact, money, type ReconciliationIssue } from '../domain';
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

const HALF = money('0.5');

function periodKey(f: Fact): string {
  return [f.year, f.basis, f.asOf ?? '', f.kind, f.unit].join('|');
}

function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), money(0));
}

function issue(check: string, target: Fact, expected: Decimal, terms: readonly Fact[]): ReconciliationIssue {
  const printed = money(target.amount);
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
  const periods = new Map<Fact, string>();
  const periodOf = (f: Fact): string => {
    let p = periods.get(f);
    if (p === undefined) {
      p = periodKey(f);
      periods.set(f, p);
    }
    return p;
  };
  const out: ReconciliationIssue[] = [];
  const byKey = new Map<string, Fact>();
  const key = (table: string, cc: string, account: string, period: string): string =>
    [table, cc, account, period].join('\u0000');
  // In a document of several levels the same name can stand under two parents: the path tells them apart.
  const nodeName = (f: Fact): string => (f.path ? f.path.join('\u0002') : f.costCentre);
  for (const f of facts) byKey.set(key(f.table, nodeName(f), f.account, periodOf(f)), f);

  // 1. NETTOMENO = MENOT + TULOT, per cost centre, total and appropriation, per period.
  for (const n of facts) {
    if (
      n.account !== 'NETTOMENO' ||
      (n.table !== 'costCentres' && n.table !== 'appropriations') ||
      n.unit === '%'
    )
      continue;
    const terms = ['MENOT', 'TULOT']
      .map((a) => byKey.get(key(n.table, nodeName(n), a, periodOf(n))))
      .filter((f): f is Fact => f !== undefined);
    if (terms.length === 0) continue;
    const expected = sum(terms.map((t) => money(t.amount)));
    if (!holds(money(n.amount), expected, terms.length))
      out.push(issue('NETTOMENO = MENOT + TULOT', n, expected, terms));
  }

  // 2. The service area's total rows = Σ its cost centres (a document of several levels:
  //    every total = Σ the level below it, and a figure printed twice says the same).
  const hierarchical = facts.some((f) => f.path !== undefined);
  if (hierarchical) out.push(...rollUps(facts, periodOf, new Set(input.cities ?? [])));
  const sa = hierarchical ? null : input.serviceArea;
  if (sa !== null) {
    const parts = new Map<string, Fact[]>();
    for (const f of facts) {
      if (f.table !== 'costCentres' || f.costCentre === sa) continue;
      const k = `${f.account}\u0000${periodOf(f)}`;
      const list = parts.get(k);
      if (list) list.push(f);
      else parts.set(k, [f]);
    }
    for (const t of facts) {
      if (t.table !== 'costCentres' || t.costCentre !== sa) continue;
      const terms = parts.get(`${t.account}\u0000${periodOf(t)}`) ?? [];
      if (terms.length === 0) continue;
      const expected = sum(terms.map((f) => money(f.amount)));
      if (!holds(money(t.amount), expected, terms.length))
        out.push(issue('YHTEENSÄ = Σ kustannuspaikat', t, expected, terms));
    }
  }
  if (input.serviceArea !== null) {
    const sa = input.serviceArea;
    // 3. Appropriations = the operating plan's totals for the same year (same basis, else the final budget).
    for (const a of facts) {
      if (a.table !== 'appropriations' || a.kind !== 'figure' || a.costCentre !== sa) continue;
      const candidates = facts.filter(
        (f) =>
          f.table === 'costCentres' &&
          f.costCentre === sa &&
          f.account === a.account &&
          f.year === a.year &&
          f.kind === 'figure' &&
          budgetFinality(f.basis) > 0,
      );
      const match =
        candidates.find((f) => f.basis === a.basis) ??
        [...candidates].sort((x, y) => budgetFinality(y.basis) - budgetFinality(x.basis))[0];
      if (!match) continue;
      const expected = money(match.amount);
      if (!holds(money(a.amount), expected, 1))
        out.push(issue(`Määrärahat = YHTEENSÄ (${match.basis} ${match.year})`, a, expected, [match]));
    }
  }

  // 4. Subtotals the layout implies (operating statement, investment plan).
  for (const rel of input.relations) {
    if (rel.document !== input.document) continue;
    for (const t of facts) {
      if (t.table !== rel.table || t.costCentre !== rel.costCentre || t.account !== rel.target) continue;
      const terms = rel.terms
        .map((acc) => byKey.get(key(rel.table, rel.costCentre, acc, periodOf(t))))
        .filter((f): f is Fact => f !== undefined);
      if (terms.length === 0) continue;
      const expected = sum(terms.map((f) => money(f.amount)));
      if (!holds(money(t.amount), expected, terms.length)) out.push(issue(rel.check, t, expected, terms));
    }
  }

  // 5. Change columns: MUUTOS € = newer − older (or the change of the magnitude, as some
  //    documents print it); MUUTOS % = the change of the magnitude in per cent.
  for (const c of facts) {
    if (c.kind !== 'change') continue;
    const sameRow = facts
      .filter(
        (f) =>
          f.table === c.table &&
          f.costCentre === c.costCentre &&
          f.account === c.account &&
          f.kind === 'figure' &&
          f.line === c.line,
      )
      .sort((x, y) => x.year - y.year);
    if (sameRow.length < 2) continue;
    const older = sameRow[0]!;
    const newer = sameRow[sameRow.length - 1]!;
    const o = money(older.amount);
    const n = money(newer.amount);
    const printed = money(c.amount);
    if (c.unit === '%') {
      if (o.isZero()) continue;
      const expected = n.abs().minus(o.abs()).div(o.abs()).times(100);
      const decimals = (c.amount.split('.')[1] ?? '').length;
      const tolerance = money(10).pow(-decimals).times(HALF).plus('0.0000001');
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
      if (!money(other.amount).eq(money(f.amount)))
        out.push(issue('Sama luku kahdessa kohdassa', other, money(f.amount), [f]));
    }
  }
  for (const [pk, kids] of children) {
    const totals = byNode.get(pk);
    if (!totals) continue;
    const expected = sum(kids.map((c) => money(c.amount)));
    for (const t of totals) {
      if (holds(money(t.amount), expected, kids.length)) continue;
      const depth = nodeOf(t) === 'city' ? 0 : t.path!.length;
      const check = `${LEVEL_WORDS[Math.min(depth, 2)]} yhteensä = Σ ${depth === 0 ? 'toimialat' : depth === 1 ? 'tulosalueet ja kustannuspaikat' : 'kustannuspaikat'}`;
      out.push(issue(check, t, expected, kids));
    }
  }
  return out;
}
