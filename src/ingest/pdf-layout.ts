import type { LayoutCell, LayoutLine, Places } from './cell-lines';
import { type Column, isCodeToken, isHeaderToken, readColumns } from './column-header';
import { isNoFigure, parseFinnishNumber } from './finnish-number';
import type { PdfLine, PdfSegment, PdfText } from './read-pdf';

/** Where things are in a PDF, for messages: "x.pdf:page 3, line 12". */
export function pdfPlaces(name: string): Places {
  const at = (p: { page?: number; line: number }) => `${name}:page ${p.page ?? 1}, line ${p.line}`;
  return { line: at, cell: at };
}

/** A column of a table as laid out on the page: what it holds and where its figures stand. */
interface Zone {
  text: string;
  center: number;
  start: number;
  end: number;
}

/** An open table: the zones of its figure columns (and a note column), and the header that named them. */
interface TableModel {
  zones: Zone[];
  note: Zone | null;
  /** The header's column texts, to recognise it when it is printed again on the next page. */
  signature: string;
  labelEnd: number;
}

interface Word {
  text: string;
  x0: number;
  x1: number;
  line: number;
}

const NUMBERED_HEADING = /^\d{1,2}\.\s+\p{Lu}/u;
const PAGE_NUMBER = /^(?:(?:sivu|page|s\.)\s*)?\d{1,4}(?:\s*(?:\/|of|\(|–|-)\s*\d{1,4}\)?)?$/i;

function isCapsHeading(t: string): boolean {
  const letters = t.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= 6 &&
    letters === letters.toUpperCase() &&
    t.length <= 80 &&
    !/\d{3}/.test(t.replace(/(19|20)\d\d/g, ''))
  );
}

/** Words of a segment with their estimated extents (proportional to the characters before them). */
function wordsOf(s: PdfSegment, line: number): Word[] {
  const out: Word[] = [];
  const per = (s.x1 - s.x0) / Math.max(1, s.text.length);
  for (const m of s.text.matchAll(/\S+/g)) {
    const at = m.index ?? 0;
    out.push({ text: m[0], x0: s.x0 + at * per, x1: s.x0 + (at + m[0].length) * per, line });
  }
  return out;
}

function isNumericSegment(s: PdfSegment): boolean {
  return s.text.split(' ').every((w) => /^[-\u2212\u2013]?\d+(?:[,.]\d+)?$/.test(w) || isNoFigure(w));
}

function lineText(l: PdfLine): string {
  return l.segments.map((s) => s.text).join(' ');
}

/** The font size most text is printed in. */
function bodySize(lines: readonly PdfLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines)
    for (const s of l.segments) {
      const k = Math.round(s.size * 2) / 2;
      weight.set(k, (weight.get(k) ?? 0) + s.text.length);
    }
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** The lines that are there and are one piece of text (a page number, a running header). */
function single(lines: (PdfLine | undefined)[]): PdfLine[] {
  return lines.filter((l): l is PdfLine => l !== undefined && l.segments.length === 1);
}

/** Page numbers and running headers: lines in the page margins that are not content. */
function furniture(text: PdfText): Set<PdfLine> {
  const out = new Set<PdfLine>();
  const byPage = new Map<number, PdfLine[]>();
  for (const l of text.lines) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  const repeated = new Map<string, number>();
  for (const lines of byPage.values()) {
    for (const l of single([lines[0], lines[lines.length - 1]])) {
      const key = `${Math.round(l.top / 4)}|${lineText(l).replace(/\d+/g, '#')}`;
      repeated.set(key, (repeated.get(key) ?? 0) + 1);
    }
  }
  for (const lines of byPage.values()) {
    const first = lines[0];
    const last = lines[lines.length - 1];
    for (const l of new Set(single([first, last]))) {
      const t = lineText(l);
      const key = `${Math.round(l.top / 4)}|${t.replace(/\d+/g, '#')}`;
      if (PAGE_NUMBER.test(t) || (text.pages >= 3 && (repeated.get(key) ?? 0) >= Math.max(3, text.pages / 2)))
        out.add(l);
    }
  }
  return out;
}

/**
 * A table header starting at `lines[i]`: a label, then column codes, possibly wrapped over
 * the next lines ("TA +" / "MUUTOS" / "2021"), possibly followed by a free-text column
 * ("HUOM!"). The columns are read per stack of header text that overlaps horizontally, so
 * wrapped headers join by where they stand, not by reading order.
 */
function readHeaderAt(
  lines: readonly PdfLine[],
  i: number,
): { model: TableModel; last: number; cells: LayoutCell[] } | null {
  const first = lines[i]!;
  const segs = first.segments;
  const labelSegs: PdfSegment[] = [];
  let k = 0;
  while (k < segs.length && !segs[k]!.text.split(' ').some(isCodeToken)) labelSegs.push(segs[k++]!);
  if (k >= segs.length || labelSegs.length > 1) return null;
  const label = labelSegs.map((s) => s.text).join(' ');
  if (/[.:;,]$/.test(label)) return null;
  const rest = segs.slice(k);
  const headerSegs: { seg: PdfSegment; line: number }[] = [];
  const noteSegs: PdfSegment[] = [];
  for (const s of rest) {
    const words = s.text.split(' ');
    if (words.every(isHeaderToken)) headerSegs.push({ seg: s, line: i });
    else noteSegs.push(s);
  }
  if (headerSegs.length === 0) return null;
  // Free text after the codes is a note column heading ("HUOM!"): short and capitalised.
  if (noteSegs.length > 1) return null;
  const note = noteSegs[0];
  if (
    note &&
    (note.text.split(' ').length > 3 || !/^\p{Lu}/u.test(note.text) || note.x0 < headerSegs[0]!.seg.x1)
  )
    return null;
  const codeStart = headerSegs[0]!.seg.x0;
  let last = i;
  const labelParts = [label];
  for (let j = i + 1; j < lines.length && j <= i + 5; j++) {
    const l = lines[j]!;
    if (l.page !== first.page || l.top - lines[j - 1]!.top > 2.2 * (l.segments[0]?.size ?? 10)) break;
    // Header words on the line, and at most one piece of label text left of them all.
    const others = l.segments.filter((s) => s.text.split(' ').every(isHeaderToken));
    const inLabel = l.segments.filter((s) => !others.includes(s));
    if (others.length === 0 || inLabel.length > 1) break;
    if (inLabel.some((s) => s.x1 > Math.min(codeStart, ...others.map((o) => o.x0)) - 2)) break;
    for (const s of others) headerSegs.push({ seg: s, line: j });
    for (const s of inLabel) labelParts.push(s.text);
    last = j;
  }
  const columns = headerColumns(headerSegs);
  if (!columns) return null;
  if (columns.length < 2 && label === '') return null;
  const zones = zonesOf(columns, note ?? null);
  const model: TableModel = {
    zones: zones.figures,
    note: zones.note,
    signature: columns.map((c) => c.text).join('|'),
    labelEnd: zones.figures[0]!.start,
  };
  const cells: LayoutCell[] = [
    { text: labelParts.join(' ').replace(/\s+/g, ' ').trim(), strong: labelSegs.some((s) => s.bold) },
    ...columns.map((c) => ({ text: c.text, strong: false })),
    ...(note ? [{ text: note.text, strong: note.bold }] : []),
  ];
  return { model, last, cells };
}

interface HeaderColumn {
  text: string;
  x0: number;
  x1: number;
  column: Column;
}

function headerColumns(segs: { seg: PdfSegment; line: number }[]): HeaderColumn[] | null {
  // Stacks of header text that overlap horizontally are one column ("TA +" over "MUUTOS" over "2021").
  const parent = segs.map((_, n) => n);
  const find = (n: number): number => {
    while (parent[n] !== n) n = parent[n] = parent[parent[n]!]!;
    return n;
  };
  for (let a = 0; a < segs.length; a++)
    for (let b = a + 1; b < segs.length; b++) {
      const sa = segs[a]!;
      const sb = segs[b]!;
      if (sa.line === sb.line) continue;
      if (Math.min(sa.seg.x1, sb.seg.x1) - Math.max(sa.seg.x0, sb.seg.x0) > -1) parent[find(a)] = find(b);
    }
  const groups = new Map<number, { seg: PdfSegment; line: number }[]>();
  segs.forEach((s, n) => {
    groups.set(find(n), [...(groups.get(find(n)) ?? []), s]);
  });
  const out: HeaderColumn[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.line - b.line || a.seg.x0 - b.seg.x0);
    const words = group.flatMap((g) => wordsOf(g.seg, g.line));
    const reading = readColumns(words.map((w) => w.text));
    if (!reading.ok) return null;
    if (reading.columns.length === 1) {
      out.push({
        text: words.map((w) => w.text).join(' '),
        x0: Math.min(...group.map((g) => g.seg.x0)),
        x1: Math.max(...group.map((g) => g.seg.x1)),
        column: reading.columns[0]!,
      });
      continue;
    }
    // Several columns printed as one piece of text ("TP 2018 TP 2019"): each code starts a
    // column on the top line; the words below go to the nearest one.
    const top = words.filter((w) => w.line === group[0]!.line);
    const starts = top.filter((w) => isCodeToken(w.text));
    const parts: Word[][] = starts.map(() => []);
    for (const w of top) {
      let idx = 0;
      starts.forEach((s, n) => {
        if (s.x0 <= w.x0 + 0.01) idx = n;
      });
      parts[idx]!.push(w);
    }
    for (const w of words.filter((x) => x.line !== group[0]!.line)) {
      const c = (w.x0 + w.x1) / 2;
      let best = 0;
      parts.forEach((p, n) => {
        const pc = (p[0]!.x0 + p[p.length - 1]!.x1) / 2;
        const bc = (parts[best]![0]!.x0 + parts[best]![parts[best]!.length - 1]!.x1) / 2;
        if (Math.abs(pc - c) < Math.abs(bc - c)) best = n;
      });
      parts[best]!.push(w);
    }
    for (const p of parts) {
      const r = readColumns(p.map((w) => w.text));
      if (!r.ok || r.columns.length !== 1) return null;
      out.push({
        text: p.map((w) => w.text).join(' '),
        x0: Math.min(...p.map((w) => w.x0)),
        x1: Math.max(...p.map((w) => w.x1)),
        column: r.columns[0]!,
      });
    }
  }
  return out.sort((a, b) => a.x0 - b.x0);
}

function zonesOf(columns: HeaderColumn[], note: PdfSegment | null): { figures: Zone[]; note: Zone | null } {
  const centers = columns.map((c) => (c.x0 + c.x1) / 2);
  const spacing =
    centers.length > 1 ? (centers[centers.length - 1]! - centers[0]!) / (centers.length - 1) : 60;
  const figures = columns.map((c, n) => ({
    text: c.text,
    center: centers[n]!,
    start: n === 0 ? centers[0]! - spacing / 2 : (centers[n - 1]! + centers[n]!) / 2,
    end: n === columns.length - 1 ? Number.POSITIVE_INFINITY : (centers[n]! + centers[n + 1]!) / 2,
  }));
  let noteZone: Zone | null = null;
  if (note) {
    const lastFig = figures[figures.length - 1]!;
    // The note column starts halfway between the last figures and its heading.
    const start = Math.max(lastFig.center + 1, (columns[columns.length - 1]!.x1 + note.x0) / 2);
    lastFig.end = start;
    noteZone = { text: note.text, center: (note.x0 + note.x1) / 2, start, end: Number.POSITIVE_INFINITY };
  }
  return { figures, note: noteZone };
}

/** A line read against a table's zones: its label, the text in each figure column, a note. */
interface TableRow {
  label: PdfSegment[];
  columns: Word[][];
  note: string[];
  strong: boolean[];
}

function readTableRow(line: PdfLine, model: TableModel): TableRow {
  const label: PdfSegment[] = [];
  const columns: Word[][] = model.zones.map(() => []);
  const strong: boolean[] = model.zones.map(() => false);
  const note: string[] = [];
  for (const s of line.segments) {
    const center = (s.x0 + s.x1) / 2;
    const numeric = isNumericSegment(s);
    const noteStart = model.note?.start ?? Number.POSITIVE_INFINITY;
    if (s.x0 >= noteStart - 1 && !(numeric && center < noteStart)) {
      note.push(s.text);
      continue;
    }
    if (center < model.labelEnd || (!numeric && s.x0 < model.labelEnd)) {
      label.push(s);
      continue;
    }
    // Figures go by where each word stands: a writer may print two cells as one piece of text.
    const words = numeric ? wordsOf(s, line.line) : [{ text: s.text, x0: s.x0, x1: s.x1, line: line.line }];
    const whole = numeric && parseFinnishNumber(s.text) !== null;
    for (const w of whole ? [{ text: s.text, x0: s.x0, x1: s.x1, line: line.line }] : words) {
      const c = (w.x0 + w.x1) / 2;
      let z = model.zones.findIndex((zone) => c >= zone.start && c < zone.end);
      if (z < 0) z = 0;
      columns[z]!.push(w);
      if (s.bold) strong[z] = true;
    }
  }
  return { label, columns, note, strong };
}

/**
 * Turns the lines of a PDF into layout lines: table headers read by column position (wrapped
 * headers joined), each row's figures put in the column they stand under, bold rows kept as
 * totals, tables continued over page breaks (a header printed again on the next page is
 * skipped), headings by numbering, size or weight, prose joined into paragraphs, page numbers
 * and running headers left out.
 */
export function pdfLayoutLines(text: PdfText): LayoutLine[] {
  const skip = furniture(text);
  const lines = text.lines.filter((l) => !skip.has(l) && l.segments.length > 0);
  const body = bodySize(lines);
  const out: LayoutLine[] = [];
  let table: TableModel | null = null;
  let waiting: PdfLine[] = [];
  let paragraph: { page: number; line: number; text: string; top: number; size: number } | null = null;
  let titleDone = false;
  let tablePage = 0;

  const flushParagraph = (): void => {
    if (paragraph)
      out.push({ kind: 'text', page: paragraph.page, line: paragraph.line, text: paragraph.text });
    paragraph = null;
  };
  const place = (l: PdfLine) => ({ page: l.page, line: l.line });
  const endTable = (): void => {
    table = null;
    for (const w of waiting) out.push({ kind: 'text', ...place(w), text: lineText(w) });
    waiting = [];
  };
  const labelRow = (l: PdfLine): LayoutLine => ({
    kind: 'cells',
    ...place(l),
    cells: [{ text: lineText(l), strong: l.segments.every((s) => s.bold) }],
  });

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = lineText(l);
    const size = l.segments[0]!.size;
    if (!titleDone) {
      // The first block of the first page is the title, unless it is a numbered heading.
      if (NUMBERED_HEADING.test(t)) titleDone = true;
      else {
        out.push({ kind: 'title', ...place(l), text: t });
        const next = lines[i + 1];
        if (!next || next.page !== l.page || next.top - l.top > 1.8 * size) titleDone = true;
        continue;
      }
    }
    const header = readHeaderAt(lines, i);
    if (table !== null) {
      const open: TableModel = table;
      if (header && header.model.signature === open.signature && l.page !== tablePage) {
        // The header printed again on a new page: the table (and a label waiting for its
        // figures, "Kaupunginhallitus" at the foot of the page) goes on.
        i = header.last;
        tablePage = l.page;
        continue;
      }
      if (!header) {
        const row = readTableRow(l, open);
        const hasFigures = row.columns.some((c) => c.length > 0);
        tablePage = l.page;
        if (hasFigures) {
          let label = row.label.map((s) => s.text).join(' ');
          let labelStrong = row.label.length > 0 && row.label.every((s) => s.bold);
          let at = place(l);
          if (label === '' && waiting.length > 0) {
            // Figures on a line of their own finish the wrapped label above them.
            label = waiting.map(lineText).join(' ');
            labelStrong = waiting.every((w) => w.segments.every((s) => s.bold));
            at = place(l);
          } else for (const w of waiting) out.push(labelRow(w));
          waiting = [];
          out.push({
            kind: 'cells',
            ...at,
            cells: [
              { text: label, strong: labelStrong },
              ...row.columns.map((ws, z) => ({
                text: ws.map((w) => w.text).join(' '),
                strong: row.strong[z]!,
              })),
              ...(open.note ? [{ text: row.note.join(' '), strong: false }] : []),
            ],
          });
          continue;
        }
        if (t.length <= 60 && !NUMBERED_HEADING.test(t) && size <= body * 1.15) {
          waiting.push(l);
          continue;
        }
      }
      endTable();
    }
    if (header) {
      flushParagraph();
      table = header.model;
      tablePage = l.page;
      out.push({ kind: 'cells', ...place(l), cells: header.cells });
      i = header.last;
      continue;
    }
    const bold = l.segments.every((s) => s.bold);
    const isHeading =
      t.length <= 100 &&
      (NUMBERED_HEADING.test(t) || size >= body * 1.15 || isCapsHeading(t) || (bold && !/[.:,;]$/.test(t)));
    if (isHeading) {
      flushParagraph();
      const top = !NUMBERED_HEADING.test(t) && size < body * 1.15 && isCapsHeading(t);
      out.push({ kind: 'heading', ...place(l), text: t, level: top ? 'top' : 'auto' });
      continue;
    }
    const prev = paragraph as { page: number; top: number; size: number; text: string } | null;
    const joins =
      prev !== null && prev.page === l.page && l.top - prev.top <= 1.6 * size && !/^[-•–]\s/.test(t);
    if (joins && prev) {
      prev.text = `${prev.text} ${t}`;
      prev.top = l.top;
    } else {
      flushParagraph();
      paragraph = { ...place(l), text: t, top: l.top, size };
    }
  }
  if (table) endTable();
  flushParagraph();
  return out;
}
