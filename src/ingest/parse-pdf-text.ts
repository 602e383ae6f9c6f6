import { BudgetBotError } from '../domain';
import { type Column, isCodeToken, isHeaderToken, readColumns } from './column-header';
import { numberRunBounds } from './finnish-number';
import { budgetAccountOf, isInvestmentHeading } from './layout-words';
import {
  type FigureRun,
  findFigureRun,
  type LeadGap,
  ReadingBudget,
  rowReadings,
  TooManyReadings,
  tokenize,
} from './pdf-row-readings';
import { ProseBuilder } from './prose-builder';
import type { RawDocument, RawRow, RawTable } from './raw-table';

/**
 * A row of a table not yet finished. The figures are read when the table is (their empty cells
 * depend on the rows around them); until then a row keeps its line, not its tokens, so a table
 * of tens of thousands of rows holds a few objects per row rather than one per token.
 */
interface PendingRow {
  line: number;
  label: string;
  /** The text of the line with the row's figures; null for a line of a label alone. */
  text: string | null;
  /** Characters cut off the first label token (a note column's text glued to it). */
  glue: number;
  /** The label is on the same line as the figures (so the space before them is padding or a gap). */
  labelOnLine: boolean;
  /** Where the figures start, when the row has a label on its line and fills every column. */
  fullStart: number | null;
  /** The figures as text, when they are all plain digits (a heading ending in a number, "Kemijärvi 150"). */
  plainNumbers: string | null;
}

interface OpenTable {
  table: RawTable;
  hasNote: boolean;
  rows: PendingRow[];
  /** Figure-less lines waiting to learn whether they are headings or a wrapped label. */
  waiting: { line: number; text: string }[];
}

const NUMBERED_HEADING = /^\d{1,2}\.\s+\p{Lu}/u;
// A token isCodeToken accepts starts with one of these (after any "+") and ends at a space or "+".
const MAY_HOLD_CODE = /(?:^|[\s+])(?:tp|ta|ks|ts|tot\.?|muutos|ta\/ks)(?=[\s+]|$)/i;

function isNumberedHeading(t: string): boolean {
  return NUMBERED_HEADING.test(t) && t.length <= 80 && !/[,;]$/.test(t);
}

function isCapsHeading(t: string): boolean {
  const letters = t.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= 6 &&
    letters === letters.toUpperCase() &&
    t.length <= 80 &&
    !/\d{3}/.test(t.replace(/(19|20)\d\d/g, ''))
  );
}

/**
 * Reads text extracted from a budget PDF: columns separated by runs of spaces, headers and row
 * labels wrapped over lines, empty cells left out, an investment table with a free-text note
 * column. Pure: text in, tables and prose out; a row whose figures cannot be placed in its
 * columns is left for the interpreter to decide with the row sums.
 */
export function parsePdfText(text: string, name: string): RawDocument {
  const lines = text.split(/\r?\n/);
  const budget = ReadingBudget.forLines(lines.length);
  const prose = new ProseBuilder(name);
  const tables: RawTable[] = [];
  let open: OpenTable | null = null;
  let title = '';
  let titleDone = false;
  let paragraphOpen = false;

  const closeTable = (): void => {
    if (!open) return;
    finishTable(open, name, budget);
    tables.push(open.table);
    // Lines a table interrupted ("…tukee tytäryhtiöitä" / table / "niiden tarpeiden mukaisesti.")
    // go back to the prose they belong to.
    for (const w of open.waiting) prose.continueParagraph(w.text, w.line);
    open = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\t/g, ' ');
    const t = raw.trim();
    const line = i + 1;
    if (t === '') {
      if (title !== '') titleDone = true;
      paragraphOpen = false;
      continue;
    }
    if (!titleDone) {
      title = `${title} ${t}`.trim();
      continue;
    }
    const header = readHeaderAt(lines, i);
    if (header) {
      closeTable();
      open = {
        table: {
          line,
          section: prose.currentHeading,
          label: header.label,
          columns: header.columns,
          rows: [],
        },
        hasNote: header.hasNote,
        rows: [],
        waiting: [],
      };
      i = header.lastLine;
      continue;
    }
    if (isNumberedHeading(t)) {
      closeTable();
      prose.heading(t, line);
      paragraphOpen = false;
      continue;
    }
    if (open) {
      const tokens = tokenize(raw);
      const run = findFigureRun(raw, tokens, open.hasNote);
      if (run && run.labelTokens.length <= 10) {
        addRow(open, line, raw, run);
        continue;
      }
      if (!run && t.length <= 60) {
        open.waiting.push({ line, text: t });
        continue;
      }
      closeTable();
    }
    if (isCapsHeading(t)) {
      prose.heading(t, line, 'top');
      paragraphOpen = false;
      continue;
    }
    if (/^-\s/.test(t) || !paragraphOpen) prose.paragraph(t, line);
    else prose.continueParagraph(t, line);
    paragraphOpen = true;
  }
  closeTable();
  return {
    name,
    layout: 'pdfText',
    title,
    lines: lines.length,
    tables,
    sections: prose.finish(),
    headings: prose.headings,
  };
}

function addRow(open: OpenTable, line: number, text: string, run: FigureRun): void {
  let labelText = run.labelTokens.map((t) => t.text).join(' ');
  const labelOnLine = labelText !== '';
  if (!labelOnLine && open.waiting.length > 0) {
    // Figures on a line of their own finish the wrapped label above them.
    labelText = open.waiting.map((w) => w.text).join(' ');
    open.waiting = [];
  }
  for (const w of open.waiting)
    open.rows.push({
      line: w.line,
      label: w.text,
      text: null,
      glue: 0,
      labelOnLine: true,
      fullStart: null,
      plainNumbers: null,
    });
  open.waiting = [];
  let glue = 0;
  if (open.hasNote) {
    // The note column's wrapped text can end up glued to the next label: "jne.Pegasos OMNI360".
    const glued = /^\p{Ll}+\.(?=\p{Lu})/u.exec(labelText);
    if (glued && run.labelTokens[0]) {
      labelText = labelText.slice(glued[0].length);
      glue = glued[0].length;
    }
  }
  const texts = run.numbers.map((t) => t.text);
  const full =
    labelOnLine && numberRunBounds(texts).min === open.table.columns.length ? run.numbers[0]!.start : null;
  open.rows.push({
    line,
    label: labelText.replace(/\s+/g, ' ').trim(),
    text,
    glue,
    labelOnLine,
    fullStart: full,
    plainNumbers: texts.every((t) => /^\d+$/.test(t)) ? texts.join(' ') : null,
  });
}

/** The figure run of a pending row, read again from its line (with the glued note text cut off). */
function runOf(r: PendingRow, hasNote: boolean): FigureRun {
  const run = findFigureRun(r.text!, tokenize(r.text!), hasNote)!;
  const first = run.labelTokens[0];
  if (r.glue > 0 && first)
    run.labelTokens[0] = { text: first.text.slice(r.glue), start: first.start + r.glue };
  return run;
}

function finishTable(open: OpenTable, name: string, budget: ReadingBudget): void {
  const n = open.table.columns.length;
  const investment = isInvestmentHeading(open.table.section);
  // A cost-centre heading may end in a number ("Kemijärvi 150"): a line right above a MENOT /
  // TULOT / NETTOMENO row is a heading, its numbers part of the name.
  open.rows.forEach((r, i) => {
    const next = open.rows[i + 1];
    if (
      r.text === null ||
      !r.labelOnLine ||
      !next ||
      budgetAccountOf(next.label) === null ||
      budgetAccountOf(r.label) !== null
    )
      return;
    if (r.plainNumbers === null) return;
    r.label = `${r.label} ${r.plainNumbers}`;
    r.text = null;
  });
  // Where do figures start in rows that certainly fill every column? A row starting far to
  // the right of that has empty cells at the start.
  const starts = new Map<number, number>();
  for (const r of open.rows) {
    if (r.text === null || r.fullStart === null) continue;
    starts.set(r.fullStart, (starts.get(r.fullStart) ?? 0) + 1);
  }
  const mode = [...starts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  open.table.rows = open.rows.map((r): RawRow => {
    if (r.text === null) return { line: r.line, label: r.label, strong: false, readings: [] };
    const run = runOf(r, open.hasNote);
    const labelEnd = run.labelTokens.length > 0 ? run.labelTokens[run.labelTokens.length - 1]! : null;
    const first = run.numbers[0]!;
    const labelGap = labelEnd ? first.start - (labelEnd.start + labelEnd.text.length) : 0;
    // A line that ends right after its last figure carries no padding, so its spacing says
    // nothing about empty cells; a padded line (one space at the end) does.
    const noteFollows = run.noteFollows;
    const padded = run.trailing >= 1 && !noteFollows;
    const trail: LeadGap = run.trailing >= 2 && !noteFollows ? 'some' : padded ? 'none' : 'unknown';
    let lead: LeadGap = padded ? 'none' : 'unknown';
    if (r.labelOnLine && labelEnd && labelGap >= 2)
      lead = mode === undefined ? 'unknown' : first.start > mode + 8 ? 'some' : 'none';
    const absorbable = investment && budgetAccountOf(r.label) === null;
    let found: ReturnType<typeof rowReadings>;
    try {
      found = rowReadings(run, n, { lead, trail, interiorKnown: padded }, absorbable, undefined, budget);
    } catch (e) {
      if (!(e instanceof TooManyReadings)) throw e;
      throw new BudgetBotError(
        `the figures of row "${r.label}" can be read in too many ways (the text's digit groups do not show where one figure ends): is this a budget report?`,
        'bad_input',
        `${name}:${r.line}`,
      );
    }
    if (found.readings.length === 0) {
      const count = run.numbers.length;
      throw new BudgetBotError(
        `row "${r.label}" prints ${count} number groups that do not fit the table's ${n} columns (${describe(open.table.columns)})`,
        'bad_input',
        `${name}:${r.line}`,
      );
    }
    const labels = found.labels.map((l) =>
      r.labelOnLine ? l : [r.label, l].filter((s) => s !== '').join(' '),
    );
    return {
      line: r.line,
      label: labels[0] ?? r.label,
      strong: false,
      readings: found.readings,
      scores: found.scores,
      gapScores: found.gapScores,
      ...(labels.some((l) => l !== labels[0]) ? { labels } : {}),
    };
  });
}

function describe(columns: Column[]): string {
  return columns
    .map((c) => (c.kind === 'change' ? `MUUTOS ${c.unit === '%' ? '%' : '€'}` : `${c.basis} ${c.year}`))
    .join(', ');
}

/**
 * A column header starting at line `i`: a label, then basis codes, possibly wrapped over the
 * next lines ("TP" / "TA +" / "MUUTOS" / "TP TA KS" / "2018 2019 2019 2020 2020"), possibly
 * followed by a free-text column heading ("HUOM!").
 */
function readHeaderAt(
  lines: readonly string[],
  i: number,
): { label: string; columns: Column[]; hasNote: boolean; lastLine: number } | null {
  // Most lines hold no basis code at all: one test of the line spares splitting it.
  if (!MAY_HOLD_CODE.test(lines[i] ?? '')) return null;
  const tokens = (lines[i] ?? '').trim().split(/\s+/);
  const k = tokens.findIndex(isCodeToken);
  if (k < 0) return null;
  let end = k;
  while (end < tokens.length && isHeaderToken(tokens[end]!)) end++;
  const note = tokens.slice(end);
  const label = tokens.slice(0, k).join(' ');
  if (/[.:;,]$/.test(label)) return null;
  let headerTokens = tokens.slice(k, end);
  let reading = readColumns(headerTokens);
  if (note.length > 0) {
    const noteOk =
      reading.ok && note.length <= 3 && note[0] === note[0]!.toUpperCase() && /\p{Lu}/u.test(note[0]!);
    return noteOk && reading.ok ? { label, columns: reading.columns, hasNote: true, lastLine: i } : null;
  }
  let last = i;
  for (let j = i + 1; !reading.ok && j < lines.length && j <= i + 8; j++) {
    const t = (lines[j] ?? '').trim();
    if (t === '') continue;
    const more = t.split(/\s+/);
    if (!more.every(isHeaderToken)) return null;
    headerTokens = [...headerTokens, ...more];
    reading = readColumns(headerTokens);
    last = j;
    if (!reading.ok && !reading.partial) return null;
  }
  if (!reading.ok) return null;
  if (reading.columns.length < 2 && label === '') return null;
  return { label, columns: reading.columns, hasNote: false, lastLine: last };
}
