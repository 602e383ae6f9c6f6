import { BudgetBotError } from '../domain';
import { buildCellDocument, type LayoutCell, type LayoutLine, type Places } from './cell-lines';
import type { RawDocument } from './raw-table';
import type { SheetCell, SheetGrid } from './read-workbook';

/** Where things are in a workbook, for messages: "x.xlsx:Käyttötalous!C12". */
export function workbookPlaces(name: string): Places {
  return {
    line: (p) => `${name}:${p.sheet ?? ''}!A${p.line}`,
    cell: (p, c) => `${name}:${p.sheet ?? ''}!${c.ref ?? `A${p.line}`}`,
  };
}

const NUMBERED_HEADING = /^\d{1,2}(\.\d{1,2})*\.?\s+\p{Lu}/u;

/** Refuses a formula cell that was never calculated: its result is not in the file. */
export function refuseUncalculated(grids: readonly SheetGrid[], name: string): void {
  for (const g of grids)
    for (const r of g.rows)
      for (const c of r.cells)
        if (c?.uncalculated)
          throw new BudgetBotError(
            'the formula in this cell has no saved result: open the workbook in Excel or LibreOffice and save it, so the results are stored with the formulas',
            'bad_input',
            `${name}:${g.name}!${c.ref}`,
          );
}

function layoutCell(c: SheetCell | null): LayoutCell {
  if (!c) return { text: '', strong: false };
  return {
    text: c.text,
    strong: c.bold,
    ref: c.ref,
    ...(c.value !== undefined ? { value: c.value } : {}),
  };
}

/**
 * A report kept as a workbook (the tabbed report before it was printed): rows of cells in
 * reading order, a lone cell in column A that is numbered or set large is a section heading,
 * long text in column A is prose, the first bold line of the first sheet is the title; every
 * other row is a row of a table for the shared table builder (numeric cells exact, bold
 * cells totals). Each sheet stands on its own.
 */
export function workbookReport(grids: readonly SheetGrid[], name: string): RawDocument {
  refuseUncalculated(grids, name);
  const lines: LayoutLine[] = [];
  let titleOpen = true;
  for (const g of grids) {
    // A new sheet ends whatever table the previous one had open.
    lines.push({ kind: 'text', sheet: g.name, line: 1, text: '' });
    for (const r of g.rows) {
      const filled = r.cells.filter((c) => c !== null && c.text !== '');
      const first = r.cells[0] ?? null;
      const place = { sheet: g.name, line: r.row };
      if (filled.length === 1 && first && first.text !== '' && first.value === undefined) {
        const t = first.text;
        // The title is set larger than the headings (or is the first bold line of the workbook).
        const firstLine = lines.length === 1;
        if (titleOpen && ((first.size ?? 0) >= 13 || (firstLine && first.bold)) && t.length <= 120) {
          lines.push({ kind: 'title', ...place, text: t });
          continue;
        }
        titleOpen = false;
        if (NUMBERED_HEADING.test(t) || (first.size ?? 0) >= 12) {
          lines.push({ kind: 'heading', ...place, text: t });
          continue;
        }
        if (t.length > 80) {
          lines.push({ kind: 'text', ...place, text: t });
          continue;
        }
      }
      titleOpen = false;
      let last = r.cells.length - 1;
      while (last > 0 && (r.cells[last] === null || r.cells[last]!.text === '')) last--;
      lines.push({ kind: 'cells', ...place, cells: r.cells.slice(0, last + 1).map(layoutCell) });
    }
  }
  const raw = buildCellDocument(lines, {
    name,
    layout: 'workbook',
    lines: grids.reduce((n, g) => n + g.rows.length, 0),
    places: workbookPlaces(name),
  });
  if (raw.tables.length === 0)
    throw new BudgetBotError(
      'no recognisable table: neither a budget report (a header row of column codes such as "TP 2023", "TA 2024", "TOT 30.6.2024" over the figures) nor a ledger export (headers such as Kustannuspaikka, Tili, TA 2024, Muutettu TA, Toteuma); for other headers give a mapping file (--mapping)',
      'bad_input',
      `${name}:${grids[0]?.name ?? ''}!A1`,
    );
  return raw;
}
