// User text (the echoed question, names, document prose) is data, never template. The cards put
// it in TextRun inlines, which renderers never read as markdown; here we also break the two
// syntaxes a second expander could act on: "${...}" (adaptivecards-templating) and "{{...}}"
// (Teams' DATE/TIME functions). A word joiner (U+2060) is invisible and keeps the text readable.
const WORD_JOINER = '\u2060';

/** Longest echoed user text; longer input is cut with an ellipsis so a card stays small on a phone. */
export const MAX_ECHO_CHARS = 300;

/** Makes user text inert for templating and Teams functions, and optionally cuts it to `max` characters. */
export function literal(text: string, max?: number): string {
  const cut =
    max !== undefined && [...text].length > max ? `${[...text].slice(0, max).join('').trimEnd()}…` : text;
  return cut
    .replace(/\$\{/g, `$${WORD_JOINER}{`)
    .replace(/\{\{/g, `{${WORD_JOINER}{`)
    .replace(/\}\}/g, `}${WORD_JOINER}}`);
}
