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
 * The most digit groups one figure is read from: 999 999 999 999 999 €. No budget prints more,
 * and without a bound a run of forty three-digit groups could be read in millions of ways.
 */
export const MAX_GROUPS = 5;

/**
 * All ways to read a run of space-separated number tokens as exactly `count` figures
 * ("628 929 510 240" as two figures: "628929", "510240" or "628", "929510240"...).
 * A minus sign, a decimal comma or a group of other than three digits starts a new figure;
 * only three-digit groups are ambiguous. Returns at most `limit` readings. With `alike`, only
 * the readings whose figures are as alike in size as the best one's, give or take `alike`
 * digits (the spread: most digits − fewest, zeros left out), in the order they are found:
 * the others are left as soon as their figures so far differ more, so a row of twenty
 * three-digit groups costs what its few plausible readings cost.
 */
export function readNumberRun(
  tokens: readonly string[],
  count: number,
  limit = 2000,
  alike?: number,
): string[][] {
  const out: string[][] = [];
  const spreads: number[] = [];
  const n = tokens.length;
  // canJoin[i]: token i may continue the figure begun before it.
  const canJoin = tokens.map(
    (t, i) =>
      i > 0 &&
      /^\d{3}$/.test(t) &&
      !(tokens[i - 1] ?? '').includes(',') &&
      !/^[-\u2212\u2013]?0$/.test(tokens[i - 1] ?? ''),
  );
  // "045" never starts a figure: a leading zero only appears inside a group.
  const mustJoin = tokens.map((t, i) => canJoin[i]! && t.startsWith('0'));
  // How many figures the tokens from i on make at least (each that cannot join starts one) and
  // at most (each that may start one does): the walk leaves every branch that cannot end with
  // exactly `count` figures at once, so its work follows the readings it finds, not 2^groups.
  const least = new Array<number>(n + 1).fill(0);
  const most = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    least[i] = least[i + 1]! + (canJoin[i] ? 0 : 1);
    most[i] = most[i + 1]! + (mustJoin[i] ? 0 : 1);
  }
  const groups: string[][] = [];
  let best = Number.POSITIVE_INFINITY;
  // Digits of the figures completed so far: fewest and most (a zero figure does not count).
  const walk = (i: number, fewest: number, mostDigits: number): void => {
    if (out.length >= limit) return;
    if (groups.length + least[i]! > count || groups.length + most[i]! < count) return;
    if (alike !== undefined && mostDigits - fewest > best + alike) return;
    if (i === n) {
      // Tokens are number tokens already; joining the groups is the whole parse.
      const reading = groups.map(figureText);
      if (alike !== undefined) {
        const [lo, hi] = withDigits(reading[reading.length - 1]!, fewest, mostDigits);
        const spread = hi < lo ? 0 : hi - lo;
        if (spread > best + alike) return;
        best = Math.min(best, spread);
        spreads.push(spread);
      }
      out.push(reading);
      return;
    }
    const t = tokens[i]!;
    if (canJoin[i] && groups.length > 0 && groups[groups.length - 1]!.length < MAX_GROUPS) {
      const last = groups[groups.length - 1]!;
      last.push(t);
      walk(i + 1, fewest, mostDigits);
      last.pop();
    }
    if (groups.length < count && !mustJoin[i]) {
      // The figure before this one is complete: its digits now count.
      const [lo, hi] =
        alike !== undefined && groups.length > 0
          ? withDigits(figureText(groups[groups.length - 1]!), fewest, mostDigits)
          : [fewest, mostDigits];
      groups.push([t]);
      walk(i + 1, lo, hi);
      groups.pop();
    }
  };
  walk(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  const complete = (reading: string[]): boolean => reading.every((r) => r !== '');
  if (alike === undefined) return out.filter(complete);
  return out.filter((reading, k) => spreads[k]! <= best + alike && complete(reading));
}

/** The integer digits of a figure as the store keeps it: "-924370.5" → 6, "0" and "0.5" → 0. */
export function figureDigits(v: string): number {
  const from = v.charCodeAt(0) === 45 ? 1 : 0;
  const dot = v.indexOf('.');
  const length = (dot < 0 ? v.length : dot) - from;
  return length === 1 && v.charCodeAt(from) === 48 ? 0 : length;
}

// The fewest and most digits once `figure` is counted; a zero figure says nothing of the size.
function withDigits(figure: string, fewest: number, most: number): [number, number] {
  if (Number(figure) === 0) return [fewest, most];
  const d = figureDigits(figure);
  return [Math.min(fewest, d), Math.max(most, d)];
}

// The groups of one figure as the store keeps it: joined, with an ASCII minus and a decimal
// point. Character tests rather than regular expressions: this runs for every reading of every row.
function figureText(groups: readonly string[]): string {
  let t = groups[0]!;
  for (let i = 1; i < groups.length; i++) t += groups[i]!;
  const first = t.charCodeAt(0);
  if (first === 0x2212 || first === 0x2013) t = `-${t.slice(1)}`;
  return t.includes(',') ? t.replace(',', '.') : t;
}

/** How many figures a run of number tokens can hold at least and at most. */
export function numberRunBounds(tokens: readonly string[]): { min: number; max: number } {
  // Each chain of joinable groups makes one figure per MAX_GROUPS groups at least.
  let min = 0;
  let chain = 0;
  tokens.forEach((t, i) => {
    const joinable =
      i > 0 &&
      /^\d{3}$/.test(t) &&
      !(tokens[i - 1] ?? '').includes(',') &&
      !/^[-\u2212\u2013]?0$/.test(tokens[i - 1] ?? '');
    chain = joinable && chain < MAX_GROUPS ? chain + 1 : 1;
    if (chain === 1) min += 1;
  });
  return { min, max: tokens.length };
}
