import { buildCellDocument } from './cell-lines';
import { pdfLayoutLines, pdfPlaces } from './pdf-layout';
import type { RawDocument } from './raw-table';
import { readPdfText } from './read-pdf';

/**
 * Reads a budget report from a PDF itself (not from extracted text): the text layer with
 * positions → lines and columns → the same document structure the text readers give, so the
 * same interpretation follows. Facts keep the page, and `line` is the line within the page.
 */
export async function readPdfReport(bytes: Uint8Array, name: string): Promise<RawDocument> {
  const text = await readPdfText(bytes, name);
  return buildCellDocument(pdfLayoutLines(text), {
    name,
    layout: 'pdf',
    lines: text.lines.length,
    places: pdfPlaces(name),
  });
}
