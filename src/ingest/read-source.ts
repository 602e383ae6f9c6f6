import { BudgetBotError } from '../domain';

/**
 * Decodes a source file as UTF-8 text, refusing binary content (NUL bytes, invalid UTF-8)
 * with the line it starts on, so a PDF or a spreadsheet given by mistake gets a clear message.
 */
export function decodeText(bytes: Uint8Array, where: string): string {
  if (bytes.length === 0) throw new BudgetBotError('the file is empty', 'bad_input', `${where}:1`);
  const nul = bytes.indexOf(0);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = '';
  }
  if (nul >= 0 || text === '') {
    const bad = nul >= 0 ? nul : firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, Math.max(0, bad)).reduce((n, b) => (b === 10 ? n + 1 : n), 1);
    throw new BudgetBotError(
      'this is not a text file (binary or non-UTF-8 content); give the report as UTF-8 text or the actuals as CSV',
      'bad_input',
      `${where}:${line}`,
    );
  }
  return text.replace(/^\uFEFF/, '');
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix ends where the bad bytes start.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** Which layout a text document has: tab-separated tables, or text extracted from a PDF. */
export function detectLayout(text: string): 'tabbed' | 'pdfText' {
  // Three lines with a tab make a tabbed report: counted line by line without splitting the text.
  let tabLines = 0;
  for (let tab = text.indexOf('\t'); tab >= 0 && tabLines < 3; ) {
    tabLines++;
    const end = text.indexOf('\n', tab);
    if (end < 0) break;
    tab = text.indexOf('\t', end);
  }
  return tabLines >= 3 ? 'tabbed' : 'pdfText';
}
