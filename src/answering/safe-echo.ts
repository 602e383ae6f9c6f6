/**
 * A user's words made safe to echo in an answer and its card: letters, digits, spaces and plain
 * punctuation only (no template syntax such as ${…} or {{…}}, no markup), at most `max` characters.
 */
export function safeEcho(text: string, max = 40): string {
  const kept = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} .,:;!?'()\-–/%€]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return kept.length > max ? `${kept.slice(0, max - 1).trimEnd()}…` : kept;
}
