import { buildCellDocument, type LayoutCell, type LayoutLine, textPlaces } from './cell-lines';
import type { RawDocument } from './raw-table';

const TAG = /<\/?b>/gi;

function cellOf(raw: string): LayoutCell {
  return { text: raw.replace(TAG, '').replace(/\s+/g, ' ').trim(), strong: /<b>/i.test(raw) };
}

/** Reads the lines of a tabbed report into layout lines: headings, the title, text, rows of cells. */
export function tabbedLayoutLines(text: string): { lines: LayoutLine[]; count: number } {
  const lines = text.split(/\r?\n/);
  const out: LayoutLine[] = [];
  let emphasis: 'none' | 'title' | 'other' = 'none';
  let titleSeen = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.includes('\t')) {
      out.push({ kind: 'cells', line, cells: raw.split('\t').map(cellOf) });
      return;
    }
    const t = raw.trim();
    if (t === '') return; // blank lines do not end a table: totals are often set apart by one
    const heading = /^#+\s*(.+)$/.exec(t);
    if (heading) {
      out.push({ kind: 'heading', line, text: heading[1]! });
      return;
    }
    // The first ***bold italic*** block, possibly wrapped over lines, is the title; later
    // ones (the approving body and date) are left out.
    if (t.startsWith('***') || emphasis !== 'none') {
      const opening = emphasis === 'none';
      if (opening) {
        emphasis = titleSeen ? 'other' : 'title';
        titleSeen = true;
      }
      if (emphasis === 'title') out.push({ kind: 'title', line, text: t.replace(/^\*+|\*+$/g, '') });
      else out.push({ kind: 'text', line, text: '' });
      if (t.endsWith('***') && !(opening && t === '***')) emphasis = 'none';
      return;
    }
    out.push({ kind: 'text', line, text: t });
  });
  return { lines: out, count: lines.length };
}

/**
 * Reads a "tabbed report": markdown-like text with `#` headings, tab-separated tables,
 * `<b>…</b>` around totals and two-line column headers ("TOT. 30.6." over "2022"). Pure:
 * text in, tables and prose out. Throws BudgetBotError with document:line on a cell that is
 * neither a figure nor empty.
 */
export function parseTabbedReport(text: string, name: string): RawDocument {
  const { lines, count } = tabbedLayoutLines(text);
  return buildCellDocument(lines, { name, layout: 'tabbed', lines: count, places: textPlaces(name) });
}
