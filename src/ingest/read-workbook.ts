import Decimal from 'decimal.js';
import { BudgetBotError } from '../domain';

/** A cell of a workbook as shown: its text, the exact number behind it, bold, and its address. */
export interface SheetCell {
  ref: string;
  text: string;
  /** Exact signed decimal of a number (or a formula's cached number), as shown: a percentage cell's 0.621 is 62.1. */
  value?: string;
  /** A formula cell without a cached result (never calculated by a spreadsheet program). */
  uncalculated?: boolean;
  bold: boolean;
  size: number | null;
}

/** A visible row of a sheet: its 1-based row number and cells by column (index 0 = column A). */
export interface SheetRow {
  row: number;
  cells: (SheetCell | null)[];
}

/** A sheet as shown: visible rows only, merged cells given once (in their top-left cell). */
export interface SheetGrid {
  name: string;
  rows: SheetRow[];
}

function columnName(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** The decimals a number format shows ("#,##0.0" → 1, "0%" → 0), or null for "General". */
export function formatDecimals(numFmt: string): number | null {
  const section = (numFmt.split(';')[0] ?? '').replace(/"[^"]*"|\\./g, '');
  if (!/[0#]/.test(section)) return null;
  const m = /\.([0#]+)/.exec(section);
  return m ? m[1]!.length : 0;
}

/**
 * The exact decimal a spreadsheet number stands for, as the sheet shows it: binary noise
 * ("3.9000000000000004") removed, a percentage cell's 0.621 as 62.1, and as many decimals as
 * its number format prints ("9" shown as "9,0" is 9.0).
 */
export function exactNumber(n: number, percent: boolean, decimals: number | null = null): string {
  // Whole numbers (most ledger and report cells) need no decimal arithmetic.
  if (!percent && Number.isSafeInteger(n)) return decimals ? `${n}.${'0'.repeat(decimals)}` : String(n);
  let d = new Decimal(n.toPrecision(15));
  if (percent) d = d.times(100);
  return decimals === null ? d.toFixed() : d.toFixed(decimals);
}

type CellValue = unknown;

function isFormula(v: CellValue): v is { formula?: string; sharedFormula?: string; result?: unknown } {
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

function richText(v: CellValue): string | null {
  if (typeof v === 'object' && v !== null && 'richText' in v) {
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  }
  if (typeof v === 'object' && v !== null && 'text' in v && 'hyperlink' in v)
    return String((v as { text: unknown }).text);
  return null;
}

/**
 * Reads an .xlsx workbook with exceljs into grids of what a reader of the sheets sees: hidden
 * sheets, rows and columns left out, a merged range's value once in its first cell, formulas
 * as their cached results, numbers exact. Throws BudgetBotError naming the file when it is not
 * a workbook.
 */
export async function readWorkbook(bytes: Uint8Array, name: string): Promise<SheetGrid[]> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer,
    );
  } catch (e) {
    throw new BudgetBotError(
      `this is not a readable Excel workbook (.xlsx): ${(e as Error).message}; save it as .xlsx (not .xls or .csv under another name)`,
      'bad_input',
      name,
    );
  }
  const grids: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') return;
    const rows: SheetRow[] = [];
    const hiddenCols = new Set<number>();
    for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) hiddenCols.add(c);
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (row.hidden) return;
      const cells: (SheetCell | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (hiddenCols.has(col)) return;
        // A merged range shows its value once, in the top-left cell.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const v = cell.value as CellValue;
        const numFmt = cell.numFmt ?? '';
        const percent = /%/.test(numFmt.replace(/"[^"]*"/g, ''));
        const font = cell.font ?? {};
        const out: SheetCell = {
          ref: `${columnName(col)}${rowNumber}`,
          text: '',
          bold: Boolean(font.bold),
          size: typeof font.size === 'number' ? font.size : null,
        };
        const shown = isFormula(v) ? v.result : v;
        if (isFormula(v) && (shown === undefined || shown === null)) out.uncalculated = true;
        if (typeof shown === 'number') {
          out.value = exactNumber(shown, percent, formatDecimals(numFmt));
          out.text = out.value;
        } else if (shown instanceof Date) {
          out.text = shown.toISOString().slice(0, 10);
        } else if (typeof shown === 'object' && shown !== null && 'error' in shown) {
          out.text = String((shown as { error: unknown }).error);
        } else if (shown !== null && shown !== undefined) {
          out.text = (richText(shown) ?? String(shown)).replace(/\s+/g, ' ').trim();
        }
        while (cells.length < col - 1) cells.push(null);
        cells[col - 1] = out;
      });
      if (cells.some((c) => c !== null && (c.text !== '' || c.uncalculated)))
        rows.push({ row: rowNumber, cells });
    });
    grids.push({ name: ws.name, rows });
  });
  if (grids.every((g) => g.rows.length === 0))
    throw new BudgetBotError('the workbook has no visible cells with content', 'bad_input', name);
  return grids;
}
