// User text (the echoed question, names, document prose) is data, never template. The cards put
// it in TextRun inlines, which renderers never read as markdown; here we also break the two
// syntaxes a second expander could act on: "${...}" (adaptivecards-templating) and "{{...}}"
// (Teams' DATE/TIME functions). A word joiner (U+2060) is invisible and keeps the text readable.
const WORD_JOINER = '\u2060';

/** Longest echoed user text; longer input is cut with an ellipsis so a card stays small on a phone. */
export const MAX_ECHO_CHARS = 300;

/** Makes user text inert for templating and Teams functions, and optionally cuts it to `max` characters. */
export function literal(text: string, max?: number): string {
  // A text no longer in UTF-16 units than `max` has no more characters either: no need to count them.
  const cut =
    max !== undefined && text.length > max && [...text].length > max
      ? `${[...text].slice(0, max).join('').trimEnd()}…`
      : text;
  // Most texts have nothing to break; a card renders dozens of them per answer.
  if (!cut.includes('${') && !cut.includes('{{') && !cut.includes('}}')) return cut;
  return cut
    .replace(/\$\{/g, `$${WORD_JOINER}{`)
    .replace(/\{\{/g, `{${WORD_JOINER}{`)
    .replace(/\}\}/g, `}${WORD_JOINER}}`);
}

// A source file's name ("000_d3382b3632755c54.txt") means nothing to a reader; the card names its
// sources in its own source line.
const FILE = String.raw`[\w.-]+\.(?:txt|pdf|xlsx|xls|csv)`;
const SOURCE_SENTENCE = new RegExp(String.raw`\s*(?:Lähde|Source):\s*${FILE}[^\n]*$`, 'i');
const FILE_IN_PARENS = new RegExp(String.raw`\s*\(${FILE}(?:,\s*([^)]*))?\)`, 'gi');
const BARE_FILE = new RegExp(FILE, 'gi');
const FILE_EXTENSION = /\.(?:txt|pdf|xlsx|xls|csv)/i;

/**
 * Answer text as a card shows it: without the closing "Lähde: file.txt, rivi 196." sentence (the
 * card has its own source line) and without file names elsewhere ("(file.txt, in Finnish)" keeps
 * "(in Finnish)").
 */
export function withoutFileNames(text: string): string {
  // Every pattern below needs a file extension: a text without one is only trimmed.
  if (!FILE_EXTENSION.test(text)) return text.trim();
  return text
    .replace(SOURCE_SENTENCE, '')
    .replace(FILE_IN_PARENS, (_m, rest: string | undefined) => (rest ? ` (${rest})` : ''))
    .replace(BARE_FILE, '')
    .trim();
}
