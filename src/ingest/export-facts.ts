import type { BudgetData, Fact } from '../domain';

/** The CSV header of `npm run export` (DESIGN.md). */
export const EXPORT_HEADER = 'document,line,section,table,cost_centre,account,year,basis,as_of,amount,unit';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One fact as a CSV line in the export's column order. */
export function factCsvLine(f: Fact): string {
  return [
    f.document,
    String(f.line),
    f.section,
    f.table,
    f.costCentre,
    f.account,
    String(f.year),
    f.basis,
    f.asOf ?? '',
    f.amount,
    f.unit,
  ]
    .map(csvField)
    .join(',');
}

/** Every fact of the store as CSV (header first, one line per fact, final newline). */
export function exportCsv(data: BudgetData): string {
  return `${[EXPORT_HEADER, ...data.facts.map(factCsvLine)].join('\n')}\n`;
}

/** Every fact of the store as a JSON array. */
export function exportJson(data: BudgetData): string {
  return `${JSON.stringify(data.facts, null, 2)}\n`;
}
