import { BudgetBotError } from '../domain';
import { type Column, isCodeToken, isHeaderToken, readColumns } from './column-header';
import { isNoFigure, parseFinnishNumber } from './finnish-number';
import { ProseBuilder } from './prose-builder';
import type { Cells, RawDocument, RawRow, RawTable } from './raw-table';

const TAG = /<\/?b>/gi;

function stripTags(cell: string): string {
  return cell.replace(TAG, '').replace(/\s+/g, ' ').trim();
}

function headerCellTokens(cell: string): string[] {
  return stripTags(cell)
    .split(' ')
    .filter((t) => t !== '');
}

function isHeaderCell(cell: string): boolean {
  const tokens = headerCellTokens(cell);
  return tokens.length > 0 && tokens.every(isHeaderToken);
}

interface TabLine {
  line: number;
  cells: string[];
}

/**
 * Reads a "tabbed report": markdown-like text with `#` headings, tab-separated tables,
 * `<b>…</b>` around totals and two-line column headers ("TOT. 30.6." over "2022"). Pure:
 * text in, tables and prose out. Throws BudgetBotError with document:line on a cell that is
 * neither a figure nor empty.
 */
export function parseTabbedReport(text: string, name: string): RawDocument {
  const lines = text.split(/\r?\n/);
  const prose = new ProseBuilder(name);
  const tables: RawTable[] = [];
  let title = '';
  let emphasis: 'none' | 'title' | 'other' = 'none';
  let block: TabLine[] = [];

  const flushBlock = (): void => {
    if (block.length > 0) readBlock(block, name, prose, tables);
    block = [];
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.includes('\t')) {
      block.push({ line, cells: raw.split('\t') });
      return;
    }
    const t = raw.trim();
    if (t === '') return; // blank lines do not end a table: totals are often set apart by one
    flushBlock();
    const heading = /^#+\s*(.+)$/.exec(t);
    if (heading) {
      prose.heading(heading[1]!, line);
      return;
    }
    // The first ***bold italic*** block, possibly wrapped over lines, is the title; later
    // ones (the approving body and date) are left out.
    if (t.startsWith('***') || emphasis !== 'none') {
      const opening = emphasis === 'none';
      if (opening) emphasis = title === '' ? 'title' : 'other';
      if (emphasis === 'title') title = `${title} ${t.replace(/^\*+|\*+$/g, '')}`.replace(/\s+/g, ' ').trim();
      if (t.endsWith('***') && !(opening && t === '***')) emphasis = 'none';
      return;
    }
    prose.paragraph(t);
  });
  flushBlock();
  return {
    name,
    layout: 'tabbed',
    title,
    lines: lines.length,
    tables,
    sections: prose.finish(),
    headings: prose.headings,
  };
}

function readBlock(block: TabLine[], name: string, prose: ProseBuilder, tables: RawTable[]): void {
  let table: RawTable | null = null;
  let noteColumns = new Set<number>();
  let figureCells: number[] = [];
  let textRows: TabLine[] = [];
  for (let i = 0; i < block.length; i++) {
    const row = block[i]!;
    const rest = row.cells.slice(1);
    const isHeader =
      rest.some((c) => headerCellTokens(c).some(isCodeToken)) &&
      rest.every((c) => isHeaderCell(c) || stripTags(c) === '' || !/\d/.test(c));
    if (isHeader) {
      const header = readHeader(block, i, name);
      if (header) {
        if (textRows.length > 0) writeTextTable(textRows, prose);
        textRows = [];
        table = {
          line: row.line,
          section: prose.currentHeading,
          label: stripTags(row.cells[0] ?? ''),
          columns: header.columns,
          rows: [],
        };
        noteColumns = header.noteColumns;
        figureCells = header.figureCells;
        tables.push(table);
        i = header.nextIndex - 1;
        continue;
      }
    }
    if (table === null) {
      textRows.push(row);
      continue;
    }
    table.rows.push(readRow(row, figureCells, noteColumns, table.columns, name));
  }
  if (textRows.length > 0) writeTextTable(textRows, prose);
}

function readHeader(
  block: TabLine[],
  start: number,
  name: string,
): { columns: Column[]; figureCells: number[]; noteColumns: Set<number>; nextIndex: number } | null {
  // A header is one row, or two when the years sit under the codes.
  for (const depth of [1, 2]) {
    const rows = block.slice(start, start + depth);
    if (rows.length < depth) return null;
    const width = Math.max(...rows.map((r) => r.cells.length));
    const columns: Column[] = [];
    const figureCells: number[] = [];
    const noteColumns = new Set<number>();
    let complete = true;
    for (let j = 1; j < width; j++) {
      const parts = rows.map((r) => r.cells[j] ?? '');
      const tokens = parts.flatMap(headerCellTokens);
      if (tokens.length === 0) continue;
      if (!tokens.every(isHeaderToken)) {
        noteColumns.add(j); // a free-text column ("HUOM!") holds notes, not figures
        continue;
      }
      const reading = readColumns(tokens);
      if (!reading.ok) {
        complete = false;
        break;
      }
      if (reading.columns.length !== 1) {
        throw new BudgetBotError(
          `header cell "${parts.join(' ').trim()}" names ${reading.columns.length} columns`,
          'bad_input',
          `${name}:${rows[0]!.line}`,
        );
      }
      columns.push(reading.columns[0]!);
      figureCells.push(j);
    }
    if (complete && columns.length > 0) {
      return { columns: fillChangeYears(columns), figureCells, noteColumns, nextIndex: start + depth };
    }
  }
  return null;
}

// A change column reads its year from the newest period column beside it.
function fillChangeYears(columns: Column[]): Column[] {
  const years = columns.filter((c) => c.kind === 'figure').map((c) => c.year);
  const newest = years.length > 0 ? Math.max(...years) : 0;
  return columns.map((c) => (c.kind === 'change' && c.year === 0 ? { ...c, year: newest } : c));
}

function readRow(
  row: TabLine,
  figureCells: number[],
  noteColumns: Set<number>,
  columns: Column[],
  name: string,
): RawRow {
  const label = stripTags(row.cells[0] ?? '');
  const strong = /<b>/i.test(row.cells.join('\t'));
  const cells: Cells = figureCells.map((j, k) => {
    const raw = stripTags(row.cells[j] ?? '');
    if (isNoFigure(raw)) return null;
    const value = parseFinnishNumber(raw);
    if (value === null) {
      const col = columns[k]!;
      throw new BudgetBotError(
        `"${raw}" in column ${col.basis} ${col.year} of row "${label}" is not a figure`,
        'bad_input',
        `${name}:${row.line}`,
      );
    }
    return value;
  });
  row.cells.forEach((c, j) => {
    if (j > 0 && !figureCells.includes(j) && !noteColumns.has(j) && stripTags(c) !== '') {
      throw new BudgetBotError(
        `row "${label}" has a figure "${stripTags(c)}" outside the table's columns`,
        'bad_input',
        `${name}:${row.line}`,
      );
    }
  });
  const hasFigures = cells.some((c) => c !== null);
  return { line: row.line, label, strong, readings: hasFigures ? [cells] : [] };
}

// A tab table without period columns (the goals table) is prose: one line per row, each cell
// named by its column heading, so a "what are the goals" answer reads well.
function writeTextTable(rows: TabLine[], prose: ProseBuilder): void {
  const [head, ...body] = rows;
  if (!head) return;
  const names = head.cells.map(stripTags);
  if (body.length === 0) {
    prose.paragraph(names.filter((n) => n !== '').join(' | '));
    return;
  }
  const text = body
    .map((r) =>
      r.cells
        .map((c, j) => {
          const v = stripTags(c);
          if (v === '') return '';
          return names[j] ? `${names[j]}: ${v}` : v;
        })
        .filter((s) => s !== '')
        .join(' | '),
    )
    .join('\n');
  prose.paragraph(text);
}
