import {
  BudgetBotError,
  changeRowLabel,
  type DocumentInfo,
  type Fact,
  type TableKind,
  type Unit,
} from '../domain';
import type { Column } from './column-header';
import {
  budgetAccountOf,
  isChangePercentLabel,
  isGrandTotalLabel,
  isInvestmentHeading,
  isKeyFiguresLabel,
  isTotalLabel,
} from './layout-words';
import type { IngestNote, ParsedDocument, SumRelation } from './parsed-document';
import type { Cells, RawDocument, RawTable } from './raw-table';
import { FigureRegister } from './repeated-figures';
import {
  countCheckable,
  countSatisfied,
  PlacementBudget,
  type RowRelation,
  resolvePlacements,
} from './resolve-placements';

/** What one row of a table stands for, once the table's structure is understood. */
type RowRole =
  | { kind: 'skip' }
  | { kind: 'figures'; table: TableKind; costCentre: string; account: string; unit: Unit | null };

interface Structure {
  roles: RowRole[];
  relations: RowRelation[];
}

function sameKey(a: string): string {
  return a.replace(/\s+/g, ' ').trim().toLowerCase();
}

function same(a: string, b: string): boolean {
  return sameKey(a) === sameKey(b);
}

/**
 * Turns a layout parser's tables into facts: which rows are cost centres, totals, operating
 * statement lines, key figures or investments; which sums the layout implies; and, where a row
 * could be read more than one way, the reading the sums confirm.
 */
export function interpretDocument(raw: RawDocument): ParsedDocument {
  const serviceArea = findServiceArea(raw);
  const facts: Fact[] = [];
  const relations: SumRelation[] = [];
  const notes: IngestNote[] = [];
  // A Set keeps document order and answers "seen before?" at once, for tables of any length.
  const costCentres = new Set<string>();
  // Headings by their text without the number, first one first: one look-up per table.
  const headingByText = new Map<string, string>();
  for (const h of raw.headings) {
    const k = sameKey(h.replace(/^\d+\.\s*/, ''));
    if (!headingByText.has(k)) headingByText.set(k, h);
  }

  // One placement-search allowance for the whole document, in proportion to its rows.
  const budget = PlacementBudget.forRows(raw.tables.reduce((n, t) => n + t.rows.length, 0));
  const register = new FigureRegister(raw.name);
  for (const table of raw.tables) {
    // The PDF puts the key figures table inside the next section's text; its own heading
    // ("3. Tunnusluvut") is the one named like the table.
    const named = table.label !== '' ? headingByText.get(sameKey(table.label)) : undefined;
    const section = named ?? table.section;
    const structure = isKeyFiguresLabel(table.label)
      ? keyFigures(table, serviceArea)
      : isInvestmentHeading(table.section)
        ? investments(table, raw.name, budget)
        : budgetTable(table, serviceArea, costCentres, raw.name);
    const { chosen, decisions } = resolvePlacements(table, structure.relations, raw.name, budget);
    for (const d of decisions) {
      notes.push({
        document: raw.name,
        line: d.line,
        message:
          d.how === 'sums'
            ? `row "${d.label}": ${d.readings} possible placements of its figures; the row sums chose one (${d.satisfied} column sums hold)`
            : d.how === 'spacing'
              ? `row "${d.label}": ${d.readings} possible placements of its figures; the widths of its gaps chose one`
              : d.how === 'figures'
                ? `row "${d.label}": its digit groups could be split ${d.readings} ways; chose the figures of one order of magnitude`
                : `row "${d.label}": ${d.readings} possible placements of its figures; the row sums do not decide, so it is ${d.how}`,
      });
    }
    const first = facts.length;
    table.rows.forEach((row, i) => {
      const role = structure.roles[i]!;
      const pick = chosen[i];
      if (role.kind === 'skip' || pick === null || pick === undefined || pick < 0) return;
      const cells = row.readings[pick]!;
      // A number may belong to an item's name ("Dynasty 10"): the chosen reading says.
      if (row.labels && role.table === 'investments') role.account = row.labels[pick]!;
      emit(facts, raw.name, row.line, section, table.columns, cells, role);
    });
    // A figure printed again (a file of two reports) stops the reading here, not at the end.
    for (let k = first; k < facts.length; k++) register.add(facts[k]!);
    for (const rel of structure.relations) {
      if (rel.placementOnly) continue;
      const target = structure.roles[rel.target];
      if (target?.kind !== 'figures') continue;
      const terms = rel.terms
        .map((t) => structure.roles[t])
        .filter((r): r is Extract<RowRole, { kind: 'figures' }> => r?.kind === 'figures');
      relations.push({
        check: rel.name,
        document: raw.name,
        table: target.table,
        costCentre: target.costCentre,
        target: target.account,
        terms: terms.map((t) => t.account),
      });
    }
  }

  const info: DocumentInfo = {
    name: raw.name,
    title: raw.title,
    layout: raw.layout,
    serviceArea,
    reportDate: reportDate(facts),
    lines: raw.lines,
  };
  return { info, facts, sections: raw.sections, relations, notes, costCentres: [...costCentres] };
}

function emit(
  facts: Fact[],
  document: string,
  line: number,
  section: string,
  columns: Column[],
  cells: Cells,
  role: Extract<RowRole, { kind: 'figures' }>,
): void {
  columns.forEach((col, c) => {
    const amount = cells[c];
    if (amount === null || amount === undefined) return;
    facts.push({
      document,
      line,
      section,
      table: role.table,
      costCentre: role.costCentre,
      account: role.account,
      year: col.year,
      basis: col.basis,
      asOf: col.asOf,
      amount,
      unit: col.kind === 'change' ? (col.unit ?? 'EUR') : (role.unit ?? 'EUR'),
      kind: col.kind,
    });
  });
}

// The service area is named by the header of its appropriations and operating-plan tables
// ("Hallinto- ja tukipalvelut"); the document title is the fallback.
function findServiceArea(raw: RawDocument): string {
  const fromTable = raw.tables.find(
    (t) => t.label !== '' && !isKeyFiguresLabel(t.label) && !isInvestmentHeading(t.section),
  );
  if (fromTable) return fromTable.label;
  // Without a budget table (a report cut before it) the heading that names the service area
  // ("HALLINTO- JA TUKIPALVELUT - PALVELUALUE", "PALVELUALUE: …") still does; the title
  // ("Toteutuma 30.6.2022 - …") names the report, not the area.
  for (const text of [...raw.headings, raw.title]) {
    const m =
      /^#*\s*(.+?)\s*[-–]\s*palvelualue\s*$/iu.exec(text) ?? /^#*\s*palvelualue\s*:\s*(.+)$/iu.exec(text);
    if (m?.[1]) return sentenceCase(m[1]);
  }
  if (raw.title !== '') return raw.title;
  throw new BudgetBotError(
    'cannot tell which service area the document is about: no table header names it',
    'bad_input',
    `${raw.name}:1`,
  );
}

// Headings are often in capitals; names are kept as a sentence ("Hallinto- ja tukipalvelut").
function sentenceCase(name: string): string {
  const t = name.trim();
  return t === t.toUpperCase() ? `${t.charAt(0)}${t.slice(1).toLowerCase()}` : t;
}

function reportDate(facts: Fact[]): string | null {
  // One pass, no sorting and no spread: a report may hold hundreds of thousands of figures.
  let newestDate: string | null = null;
  let newestBudgetYear: number | null = null;
  for (const f of facts) {
    if (f.asOf !== null && (newestDate === null || f.asOf > newestDate)) newestDate = f.asOf;
    if (f.kind === 'figure' && f.basis !== 'TP' && f.basis !== 'TS' && f.basis !== 'TOT')
      if (newestBudgetYear === null || f.year > newestBudgetYear) newestBudgetYear = f.year;
  }
  if (newestDate !== null) return newestDate;
  return newestBudgetYear !== null ? `${newestBudgetYear}-12-31` : null;
}

function nextLabelled(table: RawTable, i: number): number {
  for (let j = i + 1; j < table.rows.length; j++) if (table.rows[j]!.label !== '') return j;
  return -1;
}

function budgetTable(
  table: RawTable,
  serviceArea: string,
  costCentres: Set<string>,
  document: string,
): Structure {
  const roles: RowRole[] = [];
  const relations: RowRelation[] = [];
  let current: string | null = null;
  let block: Partial<Record<'MENOT' | 'TULOT' | 'NETTOMENO', number>> = {};
  const closeBlock = (): void => {
    // Every block prints its net figure last; a block without one means the text stops short.
    if (
      current !== null &&
      block.NETTOMENO === undefined &&
      (block.MENOT !== undefined || block.TULOT !== undefined)
    ) {
      const last = table.rows[Math.max(block.MENOT ?? 0, block.TULOT ?? 0)]!;
      throw new BudgetBotError(
        `cost centre "${current}" has no NETTOMENO row after its MENOT/TULOT: is the file cut short?`,
        'bad_input',
        `${document}:${last.line}`,
      );
    }
    if (block.NETTOMENO !== undefined && (block.MENOT !== undefined || block.TULOT !== undefined)) {
      const terms = [block.MENOT, block.TULOT].filter((t): t is number => t !== undefined);
      relations.push({
        name: 'NETTOMENO = MENOT + TULOT',
        target: block.NETTOMENO,
        terms,
        placementOnly: true,
      });
    }
    block = {};
  };
  type Group = { label: string; children: { row: number; closed: boolean }[] };
  const stack: Group[] = [{ label: '', children: [] }];

  table.rows.forEach((row, i) => {
    const account = budgetAccountOf(row.label);
    if (row.readings.length === 0) {
      const next = nextLabelled(table, i);
      if (next < 0 && account !== null) {
        throw new BudgetBotError(
          `row "${row.label}" has no figures and the table ends: is the file cut short?`,
          'bad_input',
          `${document}:${row.line}`,
        );
      }
      if (next >= 0 && budgetAccountOf(table.rows[next]!.label) !== null && account === null) {
        closeBlock();
        current = isTotalLabel(row.label) ? serviceArea : row.label;
        if (current !== serviceArea) costCentres.add(current);
      } else if (row.label !== '' && account === null) {
        stack.push({ label: row.label, children: [] });
      }
      roles.push({ kind: 'skip' });
      return;
    }
    if (account !== null) {
      if (current === null) closeBlockIfRepeated(block, account, closeBlock);
      block[account] = i;
      roles.push({
        kind: 'figures',
        table: current === null ? 'appropriations' : 'costCentres',
        costCentre: current ?? serviceArea,
        account,
        unit: null,
      });
      return;
    }
    closeBlock();
    current = null;
    roles.push({
      kind: 'figures',
      table: 'operatingStatement',
      costCentre: serviceArea,
      account: row.label,
      unit: null,
    });
    // An operating-statement total closes the group its heading opened; a line after two or
    // more closed groups (TOIMINTAKATE) is their sum.
    const openIndex = stack.findIndex((g, k) => k > 0 && same(g.label, row.label));
    if (openIndex > 0) {
      const group = stack[openIndex]!;
      stack.length = openIndex;
      if (group.children.length > 0)
        relations.push({
          name: `${row.label} = Σ rivit`,
          target: i,
          terms: group.children.map((c) => c.row),
        });
      stack[stack.length - 1]!.children.push({ row: i, closed: true });
      return;
    }
    const parent = stack[stack.length - 1]!;
    const closedTail: number[] = [];
    for (let k = parent.children.length - 1; k >= 0 && parent.children[k]!.closed; k--)
      closedTail.unshift(parent.children[k]!.row);
    if (closedTail.length >= 2) {
      const names = closedTail.map((r) => table.rows[r]!.label);
      relations.push({ name: `${row.label} = ${names.join(' + ')}`, target: i, terms: closedTail });
    }
    parent.children.push({ row: i, closed: false });
  });
  closeBlock();
  // A cost-centre table ends with the service area's total block; without it the text stopped short.
  const blocks = roles.filter((r) => r.kind === 'figures' && r.table === 'costCentres');
  if (blocks.length > 0 && !blocks.some((r) => r.kind === 'figures' && r.costCentre === serviceArea)) {
    const last = table.rows[table.rows.length - 1]!;
    throw new BudgetBotError(
      'the cost-centre table ends without its total block (YHTEENSÄ): is the file cut short?',
      'bad_input',
      `${document}:${last.line}`,
    );
  }
  return { roles, relations };
}

// Without cost-centre headings (the appropriations table) a repeated account starts a new block.
function closeBlockIfRepeated(
  block: Partial<Record<string, number>>,
  account: string,
  close: () => void,
): void {
  if (block[account] !== undefined) close();
}

function keyFigures(table: RawTable, serviceArea: string): Structure {
  const roles: RowRole[] = [];
  let previous: { index: number; account: string } | null = null;
  table.rows.forEach((row, i) => {
    const label = row.label.replace(/\s+/g, ' ').trim();
    if (row.readings.length === 0) {
      // A lone "€" is the wrapped end of the label above: "Palvelujen ostot" / "€".
      if (label === '€' && previous) {
        const role = roles[previous.index];
        if (role && role.kind === 'figures') role.unit = 'EUR';
      }
      roles.push({ kind: 'skip' });
      return;
    }
    if (isChangePercentLabel(label)) {
      const base = previous?.account ?? serviceArea;
      roles.push({
        kind: 'figures',
        table: 'keyFigures',
        costCentre: serviceArea,
        account: changeRowLabel(base),
        unit: '%',
      });
      return;
    }
    let account = label;
    let unit: Unit = 'count';
    if (/€\s*\/\s*asukas/i.test(label)) {
      unit = 'EUR/asukas';
      account = label.replace(/€\s*\/\s*asukas/i, '€/asukas');
    } else if (/\s€$/.test(label) || label.endsWith('€')) {
      unit = 'EUR';
      account = label.replace(/\s*€$/, '');
    } else if (/\s%$/.test(label)) {
      unit = '%';
      account = label.replace(/\s*%$/, '');
    }
    roles.push({ kind: 'figures', table: 'keyFigures', costCentre: serviceArea, account, unit });
    previous = { index: i, account };
  });
  return { roles, relations: [] };
}

/** Most groupings of an investment table tried before the first (every item in a group) is kept. */
const MAX_GROUPINGS = 5_000;

/**
 * The investment plan: items, subtotals of groups, and the net total. A subtotal sums a run of
 * the items just above it, but not always all of them since the previous subtotal: some items
 * stand alone under the net total (another department's line between two groups). The
 * grouping is the one under which the sums hold best with the figures placed; on a tie, the
 * widest groups.
 */
function investments(table: RawTable, document: string, budget: PlacementBudget): Structure {
  const roles: RowRole[] = [];
  const items: number[] = [];
  /** Each subtotal with the items since the previous one, which it may sum a tail of. */
  const groups: { total: number; candidates: number[] }[] = [];
  let since: number[] = [];
  let grandTotal: number | null = null;
  table.rows.forEach((row, i) => {
    if (row.readings.length === 0) {
      roles.push({ kind: 'skip' });
      return;
    }
    roles.push({
      kind: 'figures',
      table: 'investments',
      costCentre: table.label,
      account: row.label,
      unit: 'EUR',
    });
    if (isGrandTotalLabel(row.label)) {
      grandTotal ??= i;
    } else if (isTotalLabel(row.label)) {
      groups.push({ total: i, candidates: since });
      since = [];
    } else {
      items.push(i);
      since = [...since, i];
    }
  });

  const relationsFor = (starts: number[]): RowRelation[] => {
    const relations: RowRelation[] = [];
    const grouped = new Set<number>();
    groups.forEach((g, k) => {
      const terms = g.candidates.slice(starts[k]);
      for (const t of terms) grouped.add(t);
      if (terms.length > 0)
        relations.push({ name: `${table.rows[g.total]!.label} = Σ kohteet`, target: g.total, terms });
    });
    if (grandTotal !== null) {
      const alone = items.filter((i) => !grouped.has(i) && i < grandTotal!);
      const subtotals = groups.filter((g) => g.total < grandTotal!).map((g) => g.total);
      const terms = subtotals.length > 0 ? [...subtotals, ...alone] : items.filter((i) => i < grandTotal!);
      if (terms.length > 0)
        relations.push({
          name: `${table.rows[grandTotal].label} = Σ ${subtotals.length > 0 ? 'välisummat' : 'kohteet'}`,
          target: grandTotal,
          terms,
        });
    }
    return relations;
  };

  const widest = groups.map(() => 0);
  const combinations = groups.reduce((n, g) => n * Math.max(1, g.candidates.length), 1);
  if (groups.length === 0 || combinations > MAX_GROUPINGS) return { roles, relations: relationsFor(widest) };
  let best: { relations: RowRelation[]; satisfied: number } | null = null;
  const starts = groups.map(() => 0);
  for (let n = 0; n < combinations; n++) {
    let rest = n;
    groups.forEach((g, k) => {
      const len = Math.max(1, g.candidates.length);
      starts[k] = rest % len;
      rest = Math.floor(rest / len);
    });
    const relations = relationsFor(starts);
    let satisfied: number;
    let checkable: number;
    try {
      const { chosen } = resolvePlacements(table, relations, document, budget);
      const cellsOf = (row: number) => {
        const pick = chosen[row];
        return pick === null || pick === undefined || pick < 0 ? undefined : table.rows[row]!.readings[pick];
      };
      satisfied = countSatisfied(relations, cellsOf, table.columns.length);
      checkable = countCheckable(relations, cellsOf, table.columns.length);
    } catch (e) {
      // The document's search allowance is spent: say so rather than read the table by halves.
      if (budget.exhausted) throw e;
      continue; // this grouping leaves a row's placement open: not a reading of the table
    }
    // Enumeration starts from the widest groups, so a tie keeps the wider grouping.
    if (!best || satisfied > best.satisfied) best = { relations, satisfied };
    // Every sum holds: no other grouping can read the table better.
    if (satisfied === checkable) break;
  }
  return { roles, relations: best?.relations ?? relationsFor(widest) };
}
