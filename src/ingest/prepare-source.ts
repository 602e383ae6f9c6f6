import { basename } from 'node:path';
import { BudgetBotError } from '../domain';
import type { RawDocument } from './raw-table';
import { readPdfReport } from './read-pdf-report';

/** A binary source read into what the ingest works on. */
export type PreparedSource = { kind: 'report'; raw: RawDocument };

/** Options that change how binary sources are read. */
export interface PrepareOptions {
  /** A header mapping for ledger exports (`--mapping FILE`), already validated. */
  mapping?: unknown;
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
  _options: PrepareOptions = {},
): Promise<void> {
  const name = basename(file.path);
  try {
    const kind = sourceKind(file.path);
    if (kind === 'pdf') file.prepared = { kind: 'report', raw: await readPdfReport(file.bytes, name) };
  } catch (e) {
    throw renamed(e, name, file.path);
  }
}
