import { z } from 'zod';

/** Units a printed figure can have. */
export const UnitSchema = z.enum(['EUR', 'EUR/asukas', '%', 'count', 'days/person']);
export type Unit = z.infer<typeof UnitSchema>;

/**
 * Which table of a document a figure came from. Each table has its own meaning for
 * `costCentre` and `account` (see DOMAIN.md).
 */
export const TableKindSchema = z.enum([
  'keyFigures', // Tunnusluvut: service-area level key figures
  'appropriations', // Määrärahat: MENOT / TULOT / NETTOMENO of two budget years
  'operatingStatement', // Käyttötalous: TOIMINTATUOTOT, TOIMINTAKULUT, line items, TOIMINTAKATE
  'costCentres', // per cost centre MENOT / TULOT / NETTOMENO, and the YHTEENSÄ block
  'investments', // investment plan items and subtotals
  'actuals', // year-to-date actuals imported from a ledger CSV
  'accounts', // a ledger report export: budget, changed budget and actual per cost centre and account
]);
export type TableKind = z.infer<typeof TableKindSchema>;

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Signed decimal as a string, exactly as printed: "-924370", "62.1", "0". */
export const DecimalStringSchema = z.string().regex(DECIMAL_STRING, 'signed decimal string');

/** ISO date yyyy-mm-dd. */
export const IsoDateSchema = z.string().regex(ISO_DATE, 'ISO date yyyy-mm-dd');

/**
 * One printed figure with its provenance. `basis` is the column code as the document names
 * it, normalised: TP, TA, KS, TA+muutos, TA/KS+muutos, TOT, TS. Change columns use
 * basis "MUUTOS" with `kind: "change"`.
 */
export const FactSchema = z.object({
  document: z.string().min(1),
  line: z.number().int().positive(),
  section: z.string(),
  table: TableKindSchema,
  costCentre: z.string().min(1),
  account: z.string().min(1),
  year: z.number().int(),
  basis: z.string().min(1),
  asOf: IsoDateSchema.nullable(),
  amount: DecimalStringSchema,
  unit: UnitSchema,
  kind: z.enum(['figure', 'change']).default('figure'),
  /** PDF sources: the 1-based page; `line` is then the line within that page. */
  page: z.number().int().positive().optional(),
  /** Workbook sources: the sheet; `line` is then the row within that sheet. */
  sheet: z.string().min(1).optional(),
  /** Workbook sources: the figure's cell ("C12"). */
  cell: z.string().min(1).optional(),
  /**
   * Where the store holds several levels: the names from the top down (service area, result
   * area, cost centre); the last one is `costCentre`. Absent for a document of one service area.
   */
  path: z.array(z.string().min(1)).min(1).optional(),
});
export type Fact = z.infer<typeof FactSchema>;

const TABLE_KINDS: ReadonlySet<unknown> = new Set(TableKindSchema.options);
const UNITS: ReadonlySet<unknown> = new Set(UnitSchema.options);
const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const positiveInt = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) > 0;

/**
 * What FactSchema says of a value, without copying it: null for a valid Fact, else the first
 * field that is not valid. `kind` must be present (the schema's default is for stores written
 * before it existed). For the hundreds of thousands of figures an ingest builds, which parsing
 * would copy one by one; test/fact-check.test.ts holds it to the schema.
 */
export function factProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the fact itself';
  const f = value as Record<string, unknown>;
  if (!nonEmpty(f.document)) return 'document';
  if (!positiveInt(f.line)) return 'line';
  if (typeof f.section !== 'string') return 'section';
  if (!TABLE_KINDS.has(f.table)) return 'table';
  if (!nonEmpty(f.costCentre)) return 'costCentre';
  if (!nonEmpty(f.account)) return 'account';
  if (!Number.isSafeInteger(f.year)) return 'year';
  if (!nonEmpty(f.basis)) return 'basis';
  if (f.asOf !== null && !(typeof f.asOf === 'string' && ISO_DATE.test(f.asOf))) return 'asOf';
  if (!(typeof f.amount === 'string' && DECIMAL_STRING.test(f.amount))) return 'amount';
  if (!UNITS.has(f.unit)) return 'unit';
  if (f.kind !== 'figure' && f.kind !== 'change') return 'kind';
  if (f.page !== undefined && !positiveInt(f.page)) return 'page';
  if (f.sheet !== undefined && !nonEmpty(f.sheet)) return 'sheet';
  if (f.cell !== undefined && !nonEmpty(f.cell)) return 'cell';
  if (f.path !== undefined && !(Array.isArray(f.path) && f.path.length > 0 && f.path.every(nonEmpty)))
    return 'path';
  return null;
}

/** How a key figure's printed change row is named after its row: "Henkilöstömenot, muutos %". */
export const CHANGE_ROW_SUFFIX = ', muutos %';

/** The label of the printed change row of a row. */
export function changeRowLabel(label: string): string {
  return `${label}${CHANGE_ROW_SUFFIX}`;
}
