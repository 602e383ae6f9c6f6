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
import type { DocumentNode, IngestNote, ParsedDocument, SumRelation } from './parsed-document';
import type { Cells, RawDocument, RawRow, RawTable } from './raw-table';
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
  | {
      kind: 'figures';
      table: TableKind;
      costCentre: string;
      account: string;
      unit: Unit | null;
      /** The names from the top down, where the table nests result areas or service areas. */
      path?: string[];
    };

interface Structure {
  roles: RowRole[];
  relations: RowRelation[];
  /** Cost-centre tables: per row, the names below the table's owner (result areas, cost centre); [] for the owner's total. */
  chains?: (string[] | null)[];
  /** Codes printed before names ("2101 Kirkonkylän koulu"), by chain. */
  codes?: Map<string, string>;
  /** Result areas (groups of cost centres) the table closes with a total. */
  closedGroups?: number;
}

const CHAIN = '\u0000';

/** A printed name and the code before it: "2101 Kirkonkylän koulu" → code 2101. */
export function splitCode(label: string): { name: string; code: string | null } {
  const m = /^(\d{2,10})\s+(\p{L}.*)$/u.exec(label.trim());
  return m ? { name: m[2]!.trim(), code: m[1]! } : { name: label.trim(), code: null };
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
  const fallback = findServiceArea(raw);
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
  const search = PlacementBudget.forRows(raw.tables.reduce((n, t) => n + t.rows.length, 0));
  const register = new FigureRegister(raw.name);

  // First every table's structure, so the levels are known before any figure is emitted.
  const planned = raw.tables.map((table) => {
    // The PDF puts the key figures table inside the next section's text; its own heading
    // ("3. Tunnusluvut") is the one named like the table.
    const named = table.label !== '' ? headingByText.get(sameKey(table.label)) : undefined;
    const section = named ?? table.section;
    // Key figures measured in a goal table's text are key figures of the area, under the goals' heading.
    const keyFigureTable = isKeyFiguresLabel(table.label) || table.measures === true;
    const budget = !keyFigureTable && !isInvestmentHeading(table.section);
    const owner = budget && table.label !== '' ? splitCode(table.label).name : fallback;
    const structure: Structure = keyFigureTable
      ? keyFigures(table, fallback)
      : isInvestmentHeading(table.section)
        ? investments(table, raw.name, search)
        : budgetTable(table, owner, costCentres, raw.name);
    return { table, section, owner, budget, structure };
  });
  const levels = documentLevels(planned);
  const serviceArea = levels.hierarchical ? levels.serviceArea : fallback;
  const nodes = new Map<string, DocumentNode>();
  if (levels.hierarchical) {
    for (const p of planned) {
      if (!p.budget || !p.structure.chains) continue;
      const isCity = p.owner === levels.city;
      p.structure.roles.forEach((role, i) => {
        const chain = p.structure.chains![i];
        if (role.kind !== 'figures' || role.table !== 'costCentres' || !chain) return;
        role.path = isCity ? (chain.length === 0 ? [p.owner] : chain) : [p.owner, ...chain];
        const key = role.path.join(CHAIN);
        if (!nodes.has(key)) {
          const code = p.structure.codes?.get(chain.join(CHAIN));
          nodes.set(key, {
            path: role.path,
            level:
              isCity && chain.length === 0 ? 'city' : role.path.length === 1 ? 'serviceArea' : 'costCentre',
            ...(code ? { code } : {}),
          });
        }
      });
    }
  }

  // A node above another one (below its service area) is a result area.
  for (const n of nodes.values()) {
    if (n.level !== 'costCentre') continue;
    const prefix = n.path.join(CHAIN) + CHAIN;
    if ([...nodes.keys()].some((k) => k.startsWith(prefix))) n.level = 'resultArea';
  }

  for (const { table, section, structure } of planned) {
    const { chosen, decisions } = resolvePlacements(table, structure.relations, raw.name, search);
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
      emit(facts, raw.name, row, section, table.columns, cells, role);
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
  return {
    info,
    facts,
    sections: raw.sections,
    relations,
    notes,
    costCentres: [...costCentres],
    ...(nodes.size > 0 ? { nodes: [...nodes.values()] } : {}),
  };
}

type Planned = { owner: string; budget: boolean; structure: Structure };

/**
 * Whether a document holds several levels (the whole city: several service areas, result
 * areas that close with a total, a summary table of the areas), and which table is the
 * city's: the one whose blocks are the other tables' owners.
 */
function documentLevels(planned: readonly Planned[]): {
  hierarchical: boolean;
  city: string | null;
  serviceArea: string | null;
} {
  const budget = planned.filter((p) => p.budget && p.structure.chains);
  const owners = [...new Set(budget.map((p) => p.owner))];
  let city: string | null = null;
  for (const p of budget) {
    const tops = new Set(
      p.structure.chains!.filter((c): c is string[] => c !== null && c.length === 1).map((c) => c[0]!),
    );
    if (owners.filter((o) => o !== p.owner && tops.has(o)).length >= 2) city = p.owner;
  }
  const areas = owners.filter((o) => o !== city);
  const closed = budget.some((p) => (p.structure.closedGroups ?? 0) > 0);
  return {
    hierarchical: city !== null || closed || areas.length > 1,
    city,
    serviceArea: areas.length === 1 ? areas[0]! : null,
  };
}

function emit(
  facts: Fact[],
  document: string,
  row: RawRow,
  section: string,
  columns: Column[],
  cells: Cells,
  role: Extract<RowRole, { kind: 'figures' }>,
): void {
  columns.forEach((col, c) => {
    const amount = cells[c];
    if (amount === null || amount === undefined) return;
    const ref = row.refs?.[c];
    // Built field by field, not with spreads of optional parts: a report may hold hundreds of
    // thousands of figures, each then one object of one shape.
    const fact: Fact = {
      document,
      line: row.line,
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
    };
    if (row.page !== undefined) fact.page = row.page;
    if (row.sheet !== undefined) fact.sheet = row.sheet;
    if (ref) fact.cell = ref;
    if (role.path) fact.path = role.path;
    facts.push(fact);
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
  // Result areas: a heading over cost-centre headings, closed by "<name> yhteensä".
  type Nest = { name: string; code: string | null; closed: boolean };
  const nest: Nest[] = [];
  const allGroups: Nest[] = [];
  /** Per row: the open groups and the block's own name (null: not a cost-centre row). */
  type Chain = { groups: Nest[]; own: string | null; code: string | null };
  const rowChains: (Chain | null)[] = [];
  let currentChain: Chain | null = null;
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
        last.where ?? `${document}:${last.line}`,
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
          row.where ?? `${document}:${row.line}`,
        );
      }
      if (next >= 0 && budgetAccountOf(table.rows[next]!.label) !== null && account === null) {
        closeBlock();
        if (isTotalLabel(row.label)) {
          const { name } = splitCode(row.label.replace(/\s*yhteensä$/i, ''));
          const at = nest.map((g) => g.name.toLowerCase()).lastIndexOf(name.toLowerCase());
          if (at >= 0) {
            // "Perusopetus yhteensä": the result area's own total closes it.
            const group = nest[at]!;
            group.closed = true;
            nest.length = at;
            current = group.name;
            currentChain = { groups: [...nest, group], own: null, code: null };
          } else {
            current = serviceArea;
            currentChain = { groups: [], own: null, code: null };
          }
        } else {
          const { name, code } = splitCode(row.label);
          current = name;
          currentChain = { groups: [...nest], own: name, code };
        }
        if (current !== serviceArea) costCentres.add(current);
      } else if (row.label !== '' && account === null) {
        stack.push({ label: row.label, children: [] });
        const nextRow = next >= 0 ? table.rows[next]! : null;
        if (nextRow && nextRow.readings.length === 0 && budgetAccountOf(nextRow.label) === null) {
          closeBlock();
          current = null;
          const { name, code } = splitCode(row.label);
          const group = { name, code, closed: false };
          nest.push(group);
          allGroups.push(group);
        }
      }
      roles.push({ kind: 'skip' });
      rowChains.push(null);
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
      rowChains.push(current === null ? null : currentChain);
      return;
    }
    closeBlock();
    current = null;
    rowChains.push(null);
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
      last.where ?? `${document}:${last.line}`,
    );
  }
  // Only groups that close with their own total are levels; a heading that never closes
  // ("KÄYTTÖTALOUS") is not.
  const codes = new Map<string, string>();
  const chains = rowChains.map((c) => {
    if (c === null) return null;
    const groups = c.groups.filter((g) => g.closed);
    groups.forEach((g, k) => {
      if (g.code)
        codes.set(
          groups
            .slice(0, k + 1)
            .map((x) => x.name)
            .join(CHAIN),
          g.code,
        );
    });
    const chain = [...groups.map((g) => g.name), ...(c.own !== null ? [c.own] : [])];
    if (c.own !== null && c.code) codes.set(chain.join(CHAIN), c.code);
    return chain;
  });
  return { roles, relations, chains, codes, closedGroups: allGroups.filter((g) => g.closed).length };
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
    } else if (/\s(pv|päivää?)\s*\/\s*(hlö|henkilö)$/iu.test(label)) {
      unit = 'days/person';
      account = label.replace(/\s*(pv|päivää?)\s*\/\s*(hlö|henkilö)$/iu, '');
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
function investments(table: RawTable, document: string, search: PlacementBudget): Structure {
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
      const { chosen } = resolvePlacements(table, relations, document, search);
      const cellsOf = (row: number) => {
        const pick = chosen[row];
        return pick === null || pick === undefined || pick < 0 ? undefined : table.rows[row]!.readings[pick];
      };
      satisfied = countSatisfied(relations, cellsOf, table.columns.length);
      checkable = countCheckable(relations, cellsOf, table.columns.length);
    } catch (e) {
      // The document's search allowance is spent: say so rather than read the table by halves.
      if (search.exhausted) throw e;
      continue; // this grouping leaves a row's placement open: not a reading of the table
    }
    // Enumeration starts from the widest groups, so a tie keeps the wider grouping.
    if (!best || satisfied > best.satisfied) best = { relations, satisfied };
    // Every sum holds: no other grouping can read the table better.
    if (satisfied === checkable) break;
  }
  return { roles, relations: best?.relations ?? relationsFor(widest) };
}
