import type { ProseSection } from '../domain';
import type { Column } from './column-header';

/** Figures of one row, one slot per column; null where the row prints no figure. */
export type Cells = (string | null)[];

/**
 * One printed row of a figure table as a layout parser read it. A row whose figures could be
 * placed more than one way (a PDF row with missing cells) carries every reading; the
 * interpreter picks one with the row sums or reports the row.
 */
export interface RawRow {
  /** 1-based line of the figures (for a wrapped label, the line the numbers are on). */
  line: number;
  /** The label as printed, wrapped parts joined with a space. */
  label: string;
  /** Printed as a total (bold in the tabbed report). */
  strong: boolean;
  /** Possible readings of the figures; empty for a row with no figures (a heading). */
  readings: Cells[];
  /** How implausible each reading looks on its own (lower is better), when there are several. */
  scores?: number[];
  /** The label each reading implies, where a number may belong to the label ("Dynasty 10"). */
  labels?: string[];
  /** How well each reading's empty cells fit the widths of the row's gaps (lower is better). */
  gapScores?: number[];
  /** PDF: the page of the line (`line` is then within the page). */
  page?: number;
  /** Workbook: the sheet of the row (`line` is then its row number). */
  sheet?: string;
  /** Workbook: the cell of each column's figure ("C12"), null where there is none. */
  refs?: (string | null)[];
  /** The row's place for messages, when it is not "document:line" ("x.pdf:page 3, line 12"). */
  where?: string;
}

/** A figure table: its header columns and rows, in document order. */
export interface RawTable {
  /** 1-based line of the header. */
  line: number;
  /** The section heading the table stands under. */
  section: string;
  /** The header's first cell ("Tunnusluvut", "Hallinto- ja tukipalvelut", "TIETOHALLINTO"), or "". */
  label: string;
  columns: Column[];
  rows: RawRow[];
  page?: number;
  sheet?: string;
  /** The header's place for messages, when it is not "document:line". */
  where?: string;
  /** Key figures measured in a goal table's text (goal-measures.ts), not a printed figure table. */
  measures?: true;
}

/** What a layout parser returns: the document's text structure, before any interpretation. */
export interface RawDocument {
  name: string;
  layout: 'tabbed' | 'pdfText' | 'pdf' | 'workbook';
  title: string;
  lines: number;
  tables: RawTable[];
  sections: ProseSection[];
  /** Section headings in order, so a table can be put under the heading that names it. */
  headings: string[];
}
