import { BudgetBotError } from '../domain';

/** One CSV record with the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Which separator a CSV uses: ';' when the header has more of them outside quotes than ','. */
export function detectSeparator(headerLine: string): ',' | ';' {
  const outside = headerLine.replace(/"[^"]*"/g, '');
  return (outside.match(/;/g)?.length ?? 0) > (outside.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields may hold separators, doubled quotes
 * and line breaks). Throws BudgetBotError with file:line on an unclosed quote.
 */
export function readCsvRecords(text: string, name: string): { separator: ',' | ';'; records: CsvRecord[] } {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = detectSeparator(firstLine);
  const records: CsvRecord[] = [];
  if (!body.includes('"')) {
    // No quotes: every line is one record, and a plain split is the whole parse.
    body.split('\n').forEach((raw, i) => {
      const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (text.trim() !== '') records.push({ line: i + 1, fields: text.split(sep) });
    });
    return { separator: sep, records };
  }
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === sep) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += ch;
      if (ch !== ' ' && ch !== '\t') fieldStarted = true;
    }
  }
  if (quoted) throw new BudgetBotError('a quoted field is not closed', 'bad_input', `${name}:${recordLine}`);
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
  return { separator: sep, records };
}
