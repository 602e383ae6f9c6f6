import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  BudgetBotError,
  type DocumentInfo,
  type Fact,
  IsoDateSchema,
  money,
  type ReconciliationIssue,
} from '../domain';
import { parseFinnishNumber } from './finnish-number';
import { splitCode } from './interpret-document';
import type { DocumentNode } from './parsed-document';
import type { SheetCell, SheetGrid } from './read-workbook';
import { refuseUncalculated } from './workbook-report';

/** What a column of a ledger export holds. */
export const LEDGER_ROLES = [
  'serviceArea',
  'serviceAreaCode',
  'resultArea',
  'resultAreaCode',
  'costCentre',
  'costCentreCode',
  'account',
  'accountCode',
  'budget',
  'changedBudget',
  'actual',
  'usedPercent',
  'ignore',
] as const;
/** One of LEDGER_ROLES. */
export type LedgerRole = (typeof LEDGER_ROLES)[number];

/** A mapping file (`--mapping FILE`): how to read a ledger export whose headers are not recognised. */
export const LedgerMappingSchema = z
  .object({
    /** The sheet to read (default: every sheet with a recognisable header). */
    sheet: z.string().min(1).optional(),
    /** The 1-based row of the header (default: found by the headers). */
    headerRow: z.number().int().positive().optional(),
    /** Header text as printed → what the column holds. */
    columns: z.record(z.string().min(1), z.enum(LEDGER_ROLES)).default({}),
    /** The budget year, when no header names it ("TA 2024"). */
    year: z.number().int().min(1900).max(2200).optional(),
    /** The date of the actuals, when no header or title names it ("Toteuma 1-6/2024"). */
    asOf: IsoDateSchema.optional(),
  })
  .strict();
/** A validated mapping file. */
export type LedgerMapping = z.infer<typeof LedgerMappingSchema>;

/** Reads and validates a mapping file; BudgetBotError naming the file and the bad key. */
export async function loadLedgerMapping(path: string): Promise<LedgerMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new BudgetBotError(
      `cannot read the mapping file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      'bad_input',
      path,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BudgetBotError(
      `the mapping file is not valid JSON (${(e as Error).message})`,
      'bad_input',
      path,
    );
  }
  const parsed = LedgerMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BudgetBotError(
      `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'} (column roles: ${LEDGER_ROLES.join(', ')})`,
      'bad_input',
      path,
    );
  }
  return parsed.data;
}

function norm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_.:]+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .trim();
}

/** Recognised headers, Finnish and English, after norm(): role and, for amounts, the year the header names. */
export function headerRole(text: string): LedgerRole | null {
  const t = norm(text);
  if (t === '') return null;
  if (/(^|\s)(%|-%)$|-%|^%|\bprosentti|käyttöaste|used %|% used/.test(t)) {
    return /^(tot|toteuma|toteutuma|toteutumis|käyttö|used|actual|% used)/.test(t) || /käyttöaste/.test(t)
      ? 'usedPercent'
      : null;
  }
  const table: [RegExp, LedgerRole][] = [
    [/^(toimiala|palvelualue|service area|department)( ?nimi| name)?$/, 'serviceArea'],
    [
      /^(toimiala|palvelualue|service area|department)( ?koodi| ?nro| ?numero| code| no| number)$/,
      'serviceAreaCode',
    ],
    [
      /^(tulosalue|vastuualue|tulosyksikkö|result area|responsibility area|unit)( ?nimi| name)?$/,
      'resultArea',
    ],
    [
      /^(tulosalue|vastuualue|tulosyksikkö|result area|responsibility area)( ?koodi| ?nro| ?numero| code| no| number)$/,
      'resultAreaCode',
    ],
    [
      /^(kp|kustannuspaikka|kustannuspaikan) ?(koodi|nro|numero|no|tunnus)$|^kp$|^(cost cent(re|er)|cc) (code|no|number|id)$/,
      'costCentreCode',
    ],
    [/^(kustannuspaikka|kustannuspaikan nimi|kp ?nimi|kp:n nimi|cost cent(re|er)( name)?)$/, 'costCentre'],
    [/^(tili|tilinumero|tili ?nro|tili ?koodi|account( code| no| number)?)$/, 'accountCode'],
    [/^(tilin nimi|tili ?nimi|tilinimi|kululaji|menolaji|account name)$/, 'account'],
    [
      /^(muutettu ta|muutettu talousarvio|ta ?\+ ?muutos(et)?|ta muutoksineen|revised budget|changed budget|budget incl(uding)? changes)( (19|20)\d\d)?$/,
      'changedBudget',
    ],
    [
      /^(ta|talousarvio|alkuperäinen ta|alkup ta|alkuperäinen talousarvio|budget|original budget)( (19|20)\d\d)?$/,
      'budget',
    ],
    [/^(toteuma|toteutuma|tot|actual|actuals)\b/, 'actual'],
    [
      /^(ta-muutokset|muutokset|talousarviomuutokset|budget changes|changes|jäljellä|poikkeama|erotus|remaining|variance|ero)$/,
      'ignore',
    ],
  ];
  for (const [re, role] of table) if (re.test(t)) return role;
  return null;
}

function lastDayOf(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date a header or title names: "30.6.2024", "1.1.–30.6.2024", "1-6/2024", "06/2024". */
export function dateIn(text: string): string | null {
  const dates = [...text.matchAll(/(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)/g)];
  const last = dates[dates.length - 1];
  if (last) {
    const [d, m, y] = [Number(last[1]), Number(last[2]), Number(last[3])];
    const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return IsoDateSchema.safeParse(iso).success && d <= 31 && m <= 12 ? iso : null;
  }
  const range = /(?:^|\D)(\d{1,2})\s*[-–]\s*(\d{1,2})\s*\/\s*((?:19|20)\d\d)/.exec(text);
  if (range) return Number(range[2]) <= 12 ? lastDayOf(Number(range[3]), Number(range[2])) : null;
  const month = /(?:^|\D)(\d{1,2})\s*\/\s*((?:19|20)\d\d)/.exec(text);
  if (month) return Number(month[1]) <= 12 ? lastDayOf(Number(month[2]), Number(month[1])) : null;
  return null;
}

function yearIn(text: string): number | null {
  const m = /(?:^|\D)((?:19|20)\d\d)(?!\d)/.exec(text);
  return m ? Number(m[1]) : null;
}

/** A ledger export read into facts: one per amount of each cost centre and account. */
export interface LedgerExport {
  info: DocumentInfo;
  facts: Fact[];
  nodes: DocumentNode[];
  costCentres: string[];
  /** Printed "Tot-%" figures that do not match the actual and the budget. */
  issues: ReconciliationIssue[];
}

interface SheetHeader {
  row: number;
  roles: Map<number, { role: LedgerRole; text: string; ref: string }>;
}

function findHeader(grid: SheetGrid, mapping: LedgerMapping | null): SheetHeader | null {
  const mapped = new Map(Object.entries(mapping?.columns ?? {}).map(([k, v]) => [norm(k), v]));
  for (const r of grid.rows.slice(0, 40)) {
    if (mapping?.headerRow !== undefined && r.row !== mapping.headerRow) continue;
    const roles = new Map<number, { role: LedgerRole; text: string; ref: string }>();
    r.cells.forEach((c, col) => {
      if (!c || c.text === '') return;
      const role = mapped.get(norm(c.text)) ?? headerRole(c.text);
      if (role) roles.set(col, { role, text: c.text, ref: c.ref });
    });
    const has = (x: LedgerRole) => [...roles.values()].some((v) => v.role === x);
    if (
      (has('costCentre') || has('costCentreCode')) &&
      (has('budget') || has('changedBudget') || has('actual'))
    )
      return { row: r.row, roles };
  }
  return null;
}

/** Whether a sheet looks like a ledger export (a header naming a cost centre and an amount column). */
export function isLedgerExport(grids: readonly SheetGrid[], mapping: LedgerMapping | null): boolean {
  return grids.some((g) => (!mapping?.sheet || g.name === mapping.sheet) && findHeader(g, mapping) !== null);
}

const TOTAL = /(^|\s)(yhteensä|kaikki yhteensä|total|grand total|summa)$/i;

/**
 * Reads a ledger report export ("toteumavertailu"): a header row naming the cost centre (code
 * and/or name), the account (code and/or name), the budget, the changed budget and the actual,
 * in Finnish or English, or as a mapping file says; optional service area and result area
 * columns give the hierarchy. Blank or merged hierarchy cells repeat the value above; total
 * rows are left out; formulas count by their saved results; hidden rows are not read. Every
 * bad cell is reported as FILE:SHEET!CELL, and then nothing is imported.
 */
export function readLedgerExport(
  grids: readonly SheetGrid[],
  name: string,
  mapping: LedgerMapping | null,
  shownAs = name,
): LedgerExport {
  refuseUncalculated(grids, name);
  const facts: Fact[] = [];
  const nodes = new Map<string, DocumentNode>();
  const printed: string[] = [];
  const errors: string[] = [];
  const issues: ReconciliationIssue[] = [];
  let title = '';
  const sheets = grids.filter((g) => !mapping?.sheet || g.name === mapping.sheet);
  if (mapping?.sheet && sheets.length === 0)
    throw new BudgetBotError(
      `the workbook has no sheet "${mapping.sheet}" (the mapping file names it)`,
      'bad_input',
      name,
    );
  let read = 0;
  for (const g of sheets) {
    const header = findHeader(g, mapping);
    if (!header) continue;
    read++;
    const above = g.rows
      .filter((r) => r.row < header.row)
      .flatMap((r) => r.cells.filter((c): c is SheetCell => c !== null).map((c) => c.text));
    if (title === '' && above[0]) title = above[0];
    const col = (role: LedgerRole): number => {
      for (const [c, v] of header.roles) if (v.role === role) return c;
      return -1;
    };
    const amountCols = [...header.roles.entries()].filter(([, v]) =>
      ['budget', 'changedBudget', 'actual'].includes(v.role),
    );
    // The actuals' date and the budget year: from the headers, the title above them, or the mapping.
    const titleDate = above.map(dateIn).find((d) => d !== null) ?? null;
    const actualHeader = amountCols.find(([, v]) => v.role === 'actual')?.[1];
    const asOf = (actualHeader ? dateIn(actualHeader.text) : null) ?? titleDate ?? mapping?.asOf ?? null;
    const budgetYear =
      amountCols.map(([, v]) => (v.role === 'actual' ? null : yearIn(v.text))).find((y) => y !== null) ??
      (asOf ? Number(asOf.slice(0, 4)) : null) ??
      mapping?.year ??
      null;
    if (actualHeader && asOf === null)
      throw new BudgetBotError(
        `cannot tell the date of the actuals in column "${actualHeader.text}": name it in the header ("Toteuma 30.6.2024", "Toteuma 1-6/2024") or in a title above the table, or give "asOf" in a mapping file`,
        'bad_input',
        `${name}:${g.name}!${actualHeader.ref}`,
      );
    if (budgetYear === null) {
      const first = amountCols[0]![1];
      throw new BudgetBotError(
        `cannot tell the budget year of column "${first.text}": name it in the header ("TA 2024") or give "year" in a mapping file`,
        'bad_input',
        `${name}:${g.name}!${first.ref}`,
      );
    }
    const cols = {
      area: col('serviceArea'),
      areaCode: col('serviceAreaCode'),
      ra: col('resultArea'),
      raCode: col('resultAreaCode'),
      cc: col('costCentre'),
      ccCode: col('costCentreCode'),
      account: col('account'),
      accountCode: col('accountCode'),
      used: col('usedPercent'),
    };
    const filled = new Map<number, string>();
    const text = (cells: (SheetCell | null)[], c: number, fill: boolean): string => {
      if (c < 0) return '';
      const t = cells[c]?.text ?? '';
      if (t !== '') {
        if (fill) filled.set(c, t);
        return t;
      }
      return fill ? (filled.get(c) ?? '') : '';
    };
    for (const r of g.rows) {
      if (r.row <= header.row) continue;
      const cells = r.cells;
      const hasAmount = amountCols.some(([c]) => (cells[c]?.text ?? '') !== '');
      // Hierarchy and cost-centre cells left blank (or merged) repeat the row above.
      const areaText = text(cells, cols.area, true);
      const areaCodeText = text(cells, cols.areaCode, true);
      const raText = text(cells, cols.ra, true);
      const raCodeText = text(cells, cols.raCode, true);
      const ccText = text(cells, cols.cc, true);
      const ccCodeText = text(cells, cols.ccCode, true);
      const accText = text(cells, cols.account, false);
      const accCodeText = text(cells, cols.accountCode, false);
      if (!hasAmount) continue;
      if ([areaText, raText, ccText, ccCodeText, accText, accCodeText].some((t) => TOTAL.test(t))) continue;
      if (accText === '' && accCodeText === '') continue; // a subtotal row of its cost centre
      const cc = splitCode(ccText);
      const ccCode = ccCodeText || cc.code;
      const ccName = cc.name || ccCode;
      if (!ccName) {
        errors.push(
          `${shownAs}:${g.name}!${cells[cols.cc >= 0 ? cols.cc : cols.ccCode]?.ref ?? `A${r.row}`}: the row has amounts but no cost centre`,
        );
        continue;
      }
      const acc = splitCode(accText || accCodeText);
      const account = accText ? acc.name : accCodeText;
      const area = splitCode(areaText);
      const ra = splitCode(raText);
      const path = [...(area.name ? [area.name] : []), ...(ra.name ? [ra.name] : []), ccName];
      const hierarchical = path.length > 1;
      if (hierarchical) {
        const add = (p: string[], level: DocumentNode['level'], code: string | null) => {
          const k = p.join('\u0000');
          if (!nodes.has(k)) nodes.set(k, { path: p, level, ...(code ? { code } : {}) });
        };
        if (area.name) add([area.name], 'serviceArea', areaCodeText || area.code);
        if (ra.name) add([...(area.name ? [area.name] : []), ra.name], 'resultArea', raCodeText || ra.code);
        add(path, 'costCentre', ccCode || null);
      }
      if (!printed.includes(ccName)) printed.push(ccName);
      const amounts: { basis: string; asOf: string | null; value: string; cell: SheetCell }[] = [];
      for (const [c, v] of amountCols) {
        const cell = cells[c];
        if (!cell || cell.text === '' || cell.text === '-') continue;
        const value = cell.value ?? parseFinnishNumber(cell.text);
        if (value === null) {
          errors.push(
            `${shownAs}:${g.name}!${cell.ref}: "${cell.text}" in column "${v.text}" is not an amount`,
          );
          continue;
        }
        const basis = v.role === 'budget' ? 'TA' : v.role === 'changedBudget' ? 'TA+muutos' : 'TOT';
        amounts.push({ basis, asOf: basis === 'TOT' ? asOf : null, value, cell });
      }
      for (const a of amounts) {
        facts.push({
          document: name,
          line: r.row,
          section: g.name,
          table: 'accounts',
          costCentre: ccName,
          account,
          year: a.basis === 'TOT' ? Number(a.asOf!.slice(0, 4)) : budgetYear,
          basis: a.basis,
          asOf: a.asOf,
          amount: a.value,
          unit: 'EUR',
          kind: 'figure',
          sheet: g.name,
          cell: a.cell.ref,
          ...(hierarchical ? { path } : {}),
        });
      }
      // A printed "Tot-%" must be the actual's share of the (changed) budget.
      const usedCell = cols.used >= 0 ? cells[cols.used] : null;
      if (usedCell && usedCell.text !== '') {
        const used = usedCell.value ?? parseFinnishNumber(usedCell.text.replace(/\s*%$/, ''));
        if (used === null) {
          errors.push(
            `${shownAs}:${g.name}!${usedCell.ref}: "${usedCell.text}" in column "${header.roles.get(cols.used)!.text}" is not a percentage`,
          );
        } else {
          const actual = amounts.find((a) => a.basis === 'TOT');
          const budget =
            amounts.find((a) => a.basis === 'TA+muutos') ?? amounts.find((a) => a.basis === 'TA');
          issues.push(
            ...usedShareIssue(name, g.name, r.row, path, ccName, account, actual, budget, used, usedCell),
          );
        }
      }
      if (errors.length >= 10) break;
    }
  }
  if (errors.length > 0)
    throw new BudgetBotError(
      `${errors.length} bad cell(s)${errors.length >= 10 ? ' (stopped after the first errors)' : ''}:\n  ${errors.join('\n  ')}`,
      'bad_input',
      name,
    );
  if (read === 0 || facts.length === 0)
    throw new BudgetBotError(
      'no ledger table found: a header row must name a cost centre (Kustannuspaikka, Kp, Cost centre) and an amount (TA 2024, Muutettu TA, Toteuma, Actual); give a mapping file (--mapping) for other headers',
      'bad_input',
      `${name}:${grids[0]?.name ?? ''}!A1`,
    );
  const areas = [
    ...new Set([...nodes.values()].filter((n) => n.level === 'serviceArea').map((n) => n.path[0]!)),
  ];
  let newest = '';
  for (const f of facts) if (f.asOf !== null && f.asOf > newest) newest = f.asOf;
  return {
    info: {
      name,
      title: title || sheets[0]?.name || name,
      layout: 'ledgerExport',
      serviceArea: areas.length === 1 ? areas[0]! : null,
      reportDate: newest || null,
      lines: grids.reduce((n, g) => n + g.rows.length, 0),
    },
    facts,
    nodes: [...nodes.values()],
    costCentres: printed,
    issues,
  };
}

function usedShareIssue(
  document: string,
  sheet: string,
  row: number,
  path: string[],
  costCentre: string,
  account: string,
  actual: { value: string; asOf: string | null } | undefined,
  budget: { value: string; basis: string } | undefined,
  used: string,
  cell: SheetCell,
): ReconciliationIssue[] {
  if (!actual || !budget || money(budget.value).isZero()) return [];
  // Exact: the printed share may differ from actual / budget by half of its last printed decimal.
  const decimals = (used.split('.')[1] ?? '').length;
  // A share plainly within it needs no exact arithmetic (binary floating point errs by far less
  // than the margin left); anything near the edge is decided exactly below.
  const tolerance = 10 ** -decimals / 2;
  const near = Math.abs((Number(actual.value) / Number(budget.value)) * 100 - Number(used));
  if (tolerance > 1e-9 && near < tolerance * 0.99) return [];
  const expected = money(actual.value).div(money(budget.value)).times(100);
  if (expected.minus(used).abs().lte(money(10).pow(-decimals).div(2))) return [];
  const exact = expected.toFixed(Math.max(1, decimals));
  return [
    {
      check: `Tot-% = toteuma / ${budget.basis} (${cell.ref})`,
      document,
      line: row,
      costCentre,
      account,
      year: Number((actual.asOf ?? '0000').slice(0, 4)),
      basis: 'TOT',
      expected: exact,
      printed: used,
      difference: money(used).minus(exact).toFixed(Math.max(1, decimals)),
      termLines: [row],
      sheet,
      ...(path.length > 1 ? { path } : {}),
    },
  ];
}
