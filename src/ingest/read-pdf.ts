import { BudgetBotError } from '../domain';

/** A run of text on a PDF line: one cell or phrase, with its horizontal extent in points. */
export interface PdfSegment {
  text: string;
  x0: number;
  x1: number;
  bold: boolean;
  /** Font size in points. */
  size: number;
}

/** One line of a PDF page: its segments left to right. `line` is 1-based within the page. */
export interface PdfLine {
  page: number;
  line: number;
  /** Baseline, points from the top of the page. */
  top: number;
  segments: PdfSegment[];
}

/** The text of a PDF, line by line in reading order. */
export interface PdfText {
  pages: number;
  lines: PdfLine[];
}

interface Item {
  text: string;
  x0: number;
  x1: number;
  y: number;
  bold: boolean;
  size: number;
}

// Two pieces of text this far apart (in font sizes) belong to different cells.
const CELL_GAP = 0.9;
// Pieces closer than this are parts of one word (a kerned run split by the writer).
const WORD_GAP = 0.12;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

// The legacy build of pdf.js brings core-js, which replaces some built-ins that Node 20 has
// natively (JSON.stringify, JSON.parse, Array.prototype.push, fetch's classes) with slower
// copies: writing a large store became ~50 times slower. Those are put back after loading;
// what Node 20 lacks (Promise.withResolvers, …) stays added.
const GUARDED: [object, string][] = [
  [JSON, 'stringify'],
  [JSON, 'parse'],
  [Array.prototype, 'push'],
  [globalThis, 'DOMException'],
  [globalThis, 'AbortSignal'],
  [globalThis, 'ReadableStream'],
  [globalThis, 'MessageChannel'],
  [globalThis, 'Blob'],
  [globalThis, 'File'],
  [globalThis, 'Response'],
];

// Taken when this module loads, before pdf.js (or its worker, loaded at the first document) can replace them.
const NATIVE = GUARDED.map(([o, k]) => [o, k, Object.getOwnPropertyDescriptor(o, k)] as const);

function restoreBuiltins(): void {
  for (const [o, k, d] of NATIVE)
    if (d && Object.getOwnPropertyDescriptor(o, k)?.value !== d.value) Object.defineProperty(o, k, d);
}

function loadPdfJs(): Promise<PdfJs> {
  // Loaded on first use: the bot never reads PDFs and should not pay for the module.
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').finally(restoreBuiltins);
  return pdfjs;
}

interface FontInfo {
  name?: string;
  bold?: boolean;
  black?: boolean;
}

function isBold(font: FontInfo | null): boolean {
  if (!font) return false;
  return Boolean(font.bold || font.black) || /bold|black|heavy|semibold|demi/i.test(font.name ?? '');
}

/**
 * Reads the text layer of a PDF with pdf.js: every text item with its position and font,
 * grouped into lines (by baseline) and segments (pieces closer than a cell gap). Throws
 * BudgetBotError naming the file when the PDF is encrypted, damaged, or has no text layer
 * (a scan), so the user knows what to give instead.
 */
export async function readPdfText(bytes: Uint8Array, name: string): Promise<PdfText> {
  const lib = await loadPdfJs();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    doc = await lib.getDocument({
      // pdf.js takes ownership of the buffer it is given: hand it a copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch (e) {
    restoreBuiltins();
    const kind = (e as Error).name;
    if (kind === 'PasswordException')
      throw new BudgetBotError(
        'the PDF is encrypted (protected by a password): save or export it again without a password',
        'bad_input',
        name,
      );
    throw new BudgetBotError(
      `this is not a readable PDF (${(e as Error).message || kind}): is the file damaged or cut short?`,
      'bad_input',
      name,
    );
  }
  try {
    const lines: PdfLine[] = [];
    let textPages = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const height = page.view[3]! - page.view[1]!;
      const content = await page.getTextContent();
      // Font names (and so bold) are known only once a page's operators have been read; the
      // fonts are the document's, so a page whose fonts an earlier page loaded skips that.
      const ids = new Set(content.items.flatMap((i) => ('fontName' in i ? [i.fontName] : [])));
      if ([...ids].some((id) => !page.commonObjs.has(id))) await page.getOperatorList();
      const fonts = new Map<string, FontInfo | null>();
      const fontOf = (id: string): FontInfo | null => {
        if (!fonts.has(id))
          fonts.set(id, page.commonObjs.has(id) ? (page.commonObjs.get(id) as FontInfo) : null);
        return fonts.get(id) ?? null;
      };
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str.trim() === '') continue;
        const [a, b, , d, e, f] = raw.transform as number[];
        const size = Math.hypot(a ?? 0, b ?? 0) || Math.abs(d ?? 0) || 10;
        items.push({
          text: raw.str.replace(/\s+/g, ' '),
          x0: e ?? 0,
          x1: (e ?? 0) + raw.width,
          y: height - (f ?? 0),
          bold: isBold(fontOf(raw.fontName)),
          size,
        });
      }
      page.cleanup();
      if (items.length > 0) textPages++;
      lines.push(...groupLines(items, p));
    }
    if (textPages === 0)
      throw new BudgetBotError(
        `the PDF has no text layer on any of its ${doc.numPages} page(s): it is probably a scan; export the report from the program that made it, or run it through text recognition (OCR) first`,
        'bad_input',
        `${name}:page 1`,
      );
    return { pages: doc.numPages, lines };
  } finally {
    await doc.destroy();
    restoreBuiltins();
  }
}

function groupLines(items: Item[], page: number): PdfLine[] {
  items.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const rows: Item[][] = [];
  for (const it of items) {
    const row = rows[rows.length - 1];
    const y = row?.[0]?.y ?? Number.NaN;
    if (row && Math.abs(it.y - y) <= 0.35 * Math.min(it.size, row[0]!.size)) row.push(it);
    else rows.push([it]);
  }
  return rows.map((row, i) => {
    row.sort((a, b) => a.x0 - b.x0);
    const segments: PdfSegment[] = [];
    for (const it of row) {
      const last = segments[segments.length - 1];
      const gap = last ? it.x0 - last.x1 : Number.POSITIVE_INFINITY;
      if (last && gap < CELL_GAP * Math.max(it.size, last.size)) {
        last.text = gap < WORD_GAP * it.size ? `${last.text}${it.text}` : `${last.text} ${it.text}`;
        last.text = last.text.replace(/\s+/g, ' ');
        last.x1 = Math.max(last.x1, it.x1);
        last.bold = last.bold && it.bold;
      } else {
        segments.push({ text: it.text, x0: it.x0, x1: it.x1, bold: it.bold, size: it.size });
      }
    }
    for (const s of segments) s.text = s.text.trim();
    return { page, line: i + 1, top: row[0]!.y, segments: segments.filter((s) => s.text !== '') };
  });
}
