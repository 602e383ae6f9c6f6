import { BudgetBotError } from '../domain';
import { type Column, isCodeToken, isHeaderToken, readColumns } from './column-header';
import { isNoFigure, parseFinnishNumber } from './finnish-number';
import { measuresTables } from './goal-measures';
import { ProseBuilder } from './prose-builder';
import type { Cells, RawDocument, RawRow, RawTable } from './raw-table';

/** One cell of a row of a report as a reader found it: a tab-separated field, a PDF column, a workbook cell. */
export interface LayoutCell {
  /** The text as shown, tags and extra spaces removed. */
  text: string;
  /** Printed bold (a total). */
  strong: boolean;
  /** The exact signed decimal of a numeric cell (a workbook number), when the reader knows it. */
  value?: string;
  /** Where the cell is, for messages and provenance ("C12" in a workbook). */
  ref?: string;
}

/** Where a line of a source is: its 1-based line (row) and, for PDFs and workbooks, its page or sheet. */
export interface LinePlace {
  line: number;
  page?: number;
  sheet?: string;
}

/**
 * One line of a report in reading order, as a layout reader hands it over: a heading, a
 * title line, running text, a row of cells (the first is the label), or the end of a block
 * (text that is not part of any table).
 */
export type LayoutLine =
  | ({ kind: 'heading'; text: string; level?: 'auto' | 'top' } & LinePlace)
  | ({ kind: 'title'; text: string } & LinePlace)
  | ({ kind: 'text'; text: string } & LinePlace)
  | ({ kind: 'cells'; cells: LayoutCell[] } & LinePlace);

/** How a reader names a place in its source for messages: "x.txt:12", "x.pdf:page 3, line 12", "x.xlsx:TA!C12". */
export interface Places {
  line(place: LinePlace): string;
  cell(place: LinePlace, cell: LayoutCell): string;
}

/** The places of a text file: FILE:LINE. */
export function textPlaces(name: string): Places {
  return { line: (p) => `${name}:${p.line}`, cell: (p) => `${name}:${p.line}` };
}

type CellsLine = Extract<LayoutLine, { kind: 'cells' }>;

function tokens(cell: LayoutCell): string[] {
  return cell.text.split(' ').filter((t) => t !== '');
}

function isHeaderCell(cell: LayoutCell): boolean {
  const t = tokens(cell);
  return t.length > 0 && t.every(isHeaderToken);
}

/**
 * Builds the document structure from a report's lines: tables (a header row of column codes,
 * then rows of figures), prose under headings, the title. Pure; throws BudgetBotError at the
 * place of a cell that is neither a figure nor empty. Every layout reader (tab-separated text,
 * PDF, workbook) ends here, so the interpretation that follows is the same for all of them.
 */
export function buildCellDocument(
  input: readonly LayoutLine[],
  meta: { name: string; layout: RawDocument['layout']; lines: number; places: Places },
): RawDocument {
  const prose = new ProseBuilder(meta.name);
  const tables: RawTable[] = [];
  let title = '';
  let block: CellsLine[] = [];
  const flush = (): void => {
    if (block.length > 0) readBlock(block, meta.places, prose, tables);
    block = [];
  };
  for (const l of input) {
    if (l.kind === 'cells') {
      block.push(l);
      continue;
    }
    flush();
    if (l.kind === 'heading') prose.heading(l.text, l.line, l.level ?? 'auto');
    else if (l.kind === 'title') title = `${title} ${l.text}`.replace(/\s+/g, ' ').trim();
    else prose.paragraph(l.text, l.line);
  }
  flush();
  return {
    name: meta.name,
    layout: meta.layout,
    title,
    lines: meta.lines,
    tables,
    sections: prose.finish(),
    headings: prose.headings,
  };
}

function readBlock(block: CellsLine[], places: Places, prose: ProseBuilder, tables: RawTable[]): void {
  let table: RawTable | null = null;
  let noteColumns = new Set<number>();
  let figureCells: number[] = [];
  let textRows: CellsLine[] = [];
  for (let i = 0; i < block.length; i++) {
    const row = block[i]!;
    const rest = row.cells.slice(1);
    const isHeader =
      rest.some((c) => tokens(c).some(isCodeToken)) &&
      rest.every((c) => isHeaderCell(c) || c.text === '' || !/\d/.test(c.text));
    if (isHeader) {
      const header = readHeader(block, i, places);
      if (header) {
        if (textRows.length > 0) writeTextTable(textRows, prose, tables);
        textRows = [];
        table = {
          line: row.line,
          section: prose.currentHeading,
          label: row.cells[0]?.text ?? '',
          columns: header.columns,
          rows: [],
          ...placeOf(row),
          where: places.line(row),
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
    table.rows.push(readRow(row, figureCells, noteColumns, table.columns, places));
  }
  if (textRows.length > 0) writeTextTable(textRows, prose, tables);
}

function placeOf(p: LinePlace): { page?: number; sheet?: string } {
  return {
    ...(p.page !== undefined ? { page: p.page } : {}),
    ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
  };
}

function readHeader(
  block: CellsLine[],
  start: number,
  places: Places,
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
      const parts = rows.map((r) => r.cells[j]);
      const toks = parts.flatMap((c) => (c ? tokens(c) : []));
      if (toks.length === 0) continue;
      if (!toks.every(isHeaderToken)) {
        noteColumns.add(j); // a free-text column ("HUOM!") holds notes, not figures
        continue;
      }
      const reading = readColumns(toks);
      if (!reading.ok) {
        complete = false;
        break;
      }
      if (reading.columns.length !== 1) {
        const first = parts.find((c) => c !== undefined && c.text !== '');
        throw new BudgetBotError(
          `header cell "${parts
            .map((c) => c?.text ?? '')
            .join(' ')
            .trim()}" names ${reading.columns.length} columns`,
          'bad_input',
          first ? places.cell(rows[0]!, first) : places.line(rows[0]!),
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
  row: CellsLine,
  figureCells: number[],
  noteColumns: Set<number>,
  columns: Column[],
  places: Places,
): RawRow {
  const label = row.cells[0]?.text ?? '';
  const strong = row.cells.some((c) => c.strong);
  const refs: (string | null)[] = [];
  const cells: Cells = figureCells.map((j, k) => {
    const cell = row.cells[j];
    refs.push(cell?.ref ?? null);
    if (!cell) return null;
    if (cell.value !== undefined) return cell.value;
    if (isNoFigure(cell.text)) return null;
    const value = parseFinnishNumber(cell.text);
    if (value === null) {
      const col = columns[k]!;
      throw new BudgetBotError(
        `"${cell.text}" in column ${col.basis} ${col.year} of row "${label}" is not a figure`,
        'bad_input',
        places.cell(row, cell),
      );
    }
    return value;
  });
  row.cells.forEach((c, j) => {
    if (j > 0 && !figureCells.includes(j) && !noteColumns.has(j) && c.text !== '') {
      throw new BudgetBotError(
        `row "${label}" has a figure "${c.text}" outside the table's columns`,
        'bad_input',
        places.cell(row, c),
      );
    }
  });
  const hasFigures = cells.some((c) => c !== null);
  return {
    line: row.line,
    label,
    strong,
    readings: hasFigures ? [cells] : [],
    ...placeOf(row),
    where: places.line(row),
    ...(refs.some((r) => r !== null) ? { refs } : {}),
  };
}

// A table without period columns (the goals table) is prose: one line per row, each cell
// named by its column heading, so a "what are the goals" answer reads well.
function writeTextTable(rows: CellsLine[], prose: ProseBuilder, tables: RawTable[]): void {
  const [head, ...body] = rows;
  if (!head) return;
  const names = head.cells.map((c) => c.text);
  if (body.length === 0) {
    prose.paragraph(names.filter((n) => n !== '').join(' | '), head.line);
    return;
  }
  const text = body
    .map((r) =>
      r.cells
        .map((c, j) => {
          const v = c.text;
          if (v === '') return '';
          return names[j] ? `${names[j]}: ${v}` : v;
        })
        .filter((s) => s !== '')
        .join(' | '),
    )
    .join('\n');
  // Each row cites its own line ("Sairauspoissaolot 9,91 pv/hlö" is line 23's, not the heading's).
  prose.paragraph(
    text,
    body.map((r) => r.line),
  );
  // Figures measured in its cells ("Sairauspoissaolot 9,91 pv/hlö 30.6.2022") are key figures too.
  tables.push(
    ...measuresTables(
      body.map((r) => ({
        line: r.line,
        texts: r.cells.map((c) => c.text),
        refs: r.cells.map((c) => c.ref),
        place: placeOf(r),
      })),
      prose.currentHeading,
    ),
  );
}
