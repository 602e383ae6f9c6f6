/** Lines of a source: all of them, or the first and last of a long list (a sum of a whole ledger's rows). */
export function lineList(lines: readonly number[], word: string): string {
  return lines.length <= MAX_LISTED_LINES
    ? lines.join(', ')
    : `${lines[0]}–${lines[lines.length - 1]} (${lines.length} ${word})`;
}

// More lines than this are said as a range and a count.
const MAX_LISTED_LINES = 12;
