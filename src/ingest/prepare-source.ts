import { basename } from 'node:path';
import { BudgetBotError } from '../domain';
import { isLedgerExport, type LedgerExport, type LedgerMapping, readLedgerExport } from './ledger-export';
import type { RawDocument } from './raw-table';
import { readPdfReport } from './read-pdf-report';
import { readWorkbook } from './read-workbook';
import { workbookReport } from './workbook-report';

/** A binary source read into what the ingest works on: a report's layout, or a ledger export's facts. */
export type PreparedSource = { kind: 'report'; raw: RawDocument } | { kind: 'ledger'; ledger: LedgerExport };

/** Options that change how binary sources are read. */
export interface PrepareOptions {
  /** A header mapping for ledger exports (`--mapping FILE`), already validated. */
  mapping?: LedgerMapping | null;
}

/** The kinds of file the ingest reads: text reports, PDFs, workbooks, actuals CSVs. */
export function sourceKind(path: string): 'pdf' | 'xlsx' | 'csv' | 'text' {
  if (/\.pdf$/i.test(path)) return 'pdf';
  if (/\.xlsx$/i.test(path)) return 'xlsx';
  if (/\.csv$/i.test(path)) return 'csv';
  return 'text';
}

function renamed(e: unknown, name: string, path: string): unknown {
  if (e instanceof BudgetBotError && e.where?.startsWith(name) && name !== path) {
    const rest = e.where.slice(name.length);
    return new BudgetBotError(e.message.slice(e.where.length + 2), e.code, `${path}${rest}`);
  }
  return e;
}

/**
 * Reads a PDF or workbook given to the ingest into its layout (asynchronously: the readers
 * are), so the rest of the ingest stays pure and synchronous. Text files are left as they are.
 * Errors name the path as the user gave it.
 */
export async function prepareSource(
  file: { path: string; bytes: Uint8Array; prepared?: PreparedSource },
  options: PrepareOptions = {},
): Promise<void> {
  const name = basename(file.path);
  try {
    const kind = sourceKind(file.path);
    if (kind === 'pdf') file.prepared = { kind: 'report', raw: await readPdfReport(file.bytes, name) };
    if (kind === 'xlsx') {
      // A workbook is a ledger export when a header row names cost centres and amounts (or a
      // mapping says how to read it); otherwise it is a report kept as a workbook.
      const grids = await readWorkbook(file.bytes, name);
      const mapping = options.mapping ?? null;
      file.prepared =
        mapping || isLedgerExport(grids, null)
          ? { kind: 'ledger', ledger: readLedgerExport(grids, name, mapping, file.path) }
          : { kind: 'report', raw: workbookReport(grids, name) };
    }
  } catch (e) {
    throw renamed(e, name, file.path);
  }
}
