// Finnish documents print "-2 116 095" (space-grouped thousands), "-0,37" (decimal comma) and
// sometimes a typographic minus. The store keeps the figure exactly as printed, only with the
// separators removed and a decimal point, so "-0,37" becomes "-0.37" and "9,0" stays "9.0".

const MINUS = /^[-\u2212\u2013]/;
const PLAIN = /^-?\d+(?:[,.]\d+)?$/;
const NUMBER =
  /^[-\u2212\u2013]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:[,.]\d+)?$|^[-\u2212\u2013]?\d+(?:[,.]\d+)?$/;

/** Cells that stand for "no figure": empty, "xx", a lone dash. */
export function isNoFigure(cell: string): boolean {
  const t = cell.trim().toLowerCase();
  return t === '' || t === 'xx' || t === '-' || t === '\u2013';
}

/**
 * Parses one printed Finnish number ("-2 116 095", "3,9", "−0,37") into a signed decimal string
 * ("-2116095", "3.9", "-0.37"). Returns null when the text is not a number.
 */
export function parseFinnishNumber(text: string): string | null {
  const t = text.trim();
  // Ledger exports print plain figures ("-924370,50"): the common case needs one test.
  if (PLAIN.test(t)) return t.replace(',', '.');
  if (!NUMBER.test(t)) return null;
  const negative = MINUS.test(t);
  const body = t
    .replace(MINUS, '')
    .replace(/[ \u00a0\u202f]/g, '')
    .replace(',', '.');
  return negative ? `-${body}` : body;
}

/** Whether a whitespace-free token can be (part of) a printed figure: "-27", "000", "3,9". */
export function isNumberToken(token: string): boolean {
  return /^[-\u2212\u2013]?\d+(?:,\d+)?$/.test(token);
}

/**
 * All ways to read a run of space-separated number tokens as exactly `count` figures
 * ("628 929 510 240" as two figures: "628929", "510240" or "628", "929510240"...).
 * A minus sign, a decimal comma or a group of other than three digits starts a new figure;
 * only three-digit groups are ambiguous. Returns at most `limit` readings.
 */
export function readNumberRun(tokens: readonly string[], count: number, limit = 2000): string[][] {
  const out: string[][] = [];
  // canJoin[i]: token i may continue the figure begun before it.
  const canJoin = tokens.map(
    (t, i) =>
      i > 0 &&
      /^\d{3}$/.test(t) &&
      !(tokens[i - 1] ?? '').includes(',') &&
      !/^[-\u2212\u2013]?0$/.test(tokens[i - 1] ?? ''),
  );
  const walk = (i: number, acc: string[][]): void => {
    if (out.length >= limit) return;
    if (i === tokens.length) {
      // Tokens are number tokens already; joining the groups is the whole parse.
      if (acc.length === count)
        out.push(
          acc.map((g) =>
            g
              .join('')
              .replace(/^[\u2212\u2013]/, '-')
              .replace(',', '.'),
          ),
        );
      return;
    }
    if (acc.length > count) return;
    const t = tokens[i]!;
    if (canJoin[i] && acc.length > 0) {
      const last = acc[acc.length - 1]!;
      walk(i + 1, [...acc.slice(0, -1), [...last, t]]);
    }
    // "045" never starts a figure: a leading zero only appears inside a group.
    const mustJoin = canJoin[i] && t.startsWith('0');
    if (acc.length < count && !mustJoin) walk(i + 1, [...acc, [t]]);
  };
  walk(0, []);
  return out.filter((reading) => reading.every((r) => r !== ''));
}

/** How many figures a run of number tokens can hold at least and at most. */
export function numberRunBounds(tokens: readonly string[]): { min: number; max: number } {
  let min = 0;
  tokens.forEach((t, i) => {
    const joinable =
      i > 0 &&
      /^\d{3}$/.test(t) &&
      !(tokens[i - 1] ?? '').includes(',') &&
      !/^[-\u2212\u2013]?0$/.test(tokens[i - 1] ?? '');
    if (!joinable) min += 1;
  });
  return { min, max: tokens.length };
}
