// Finnish documents print "-2 116 095" (space-grouped thousands), "-0,37" (decimal comma) and
// sometimes a typographic minus. The store keeps the figure exactly as printed, only with the
// separators removed and a decimal point, so "-0,37" becomes "-0.37" and "9,0" stays "9.0".

const MINUS = /^[-\u2212\u2013]/;
const PLAIN = /^-?\d+(?:[,.]\d+)?$/;
const NUMBER =
  /^[-\u2212\u2013]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:[,.]\d+)?$|^[-\u2212\u2013]?\d+(?:[,.]\d+)?$/;

/** Cells that stand for "no figure": empty, "xx", a lone dash. */
export function isNoFigure(cell: string): boolean {
  // Nearly every cell is a figure: longer than "xx" and not padded with white space, it cannot
  // be one of these (checked without trimming or lower-casing a copy of it).
  const n = cell.length;
  const first = cell.charCodeAt(0);
  if (isDigit(first)) return false;
  if (n > 2 && isVisibleAscii(first) && isVisibleAscii(cell.charCodeAt(n - 1))) return false;
  const t = cell.trim().toLowerCase();
  return t === '' || t === 'xx' || t === '-' || t === '\u2013';
}

// A character that is certainly not white space for String.prototype.trim.
function isVisibleAscii(c: number): boolean {
  return c > 32 && c < 127;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// "-", "−" (minus sign) or "–" (en dash) at the start of a printed figure.
function isMinus(c: number): boolean {
  return c === 45 || c === 0x2212 || c === 0x2013;
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
  // /^[-\u2212\u2013]?\d+(?:,\d+)?$/ as a scan: this runs for every token of every line.
  const n = token.length;
  let i = n > 0 && isMinus(token.charCodeAt(0)) ? 1 : 0;
  const start = i;
  while (i < n && isDigit(token.charCodeAt(i))) i++;
  if (i === start) return false;
  if (i === n) return true;
  if (token.charCodeAt(i) !== 44) return false;
  const decimals = ++i;
  while (i < n && isDigit(token.charCodeAt(i))) i++;
  return i === n && i > decimals;
}

// A three-digit group: the only kind of token that may continue a figure ("2 116 095").
function isGroup(t: string): boolean {
  return t.length === 3 && isDigit(t.charCodeAt(0)) && isDigit(t.charCodeAt(1)) && isDigit(t.charCodeAt(2));
}

// A lone zero ("0", "-0"): no group continues it.
function isLoneZero(t: string): boolean {
  return t === '0' || (t.length === 2 && t.charCodeAt(1) === 48 && isMinus(t.charCodeAt(0)));
}

// Whether a token's figure is zero (Number says 0 of its text: "0", "-0", "000", "0,00").
function isZeroToken(t: string): boolean {
  let zeros = 0;
  let commas = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 48) zeros++;
    else if (isDigit(c)) return false;
    else if (c === 44) commas++;
    else if (!(i === 0 && isMinus(c))) return Number(figureText([t])) === 0;
  }
  return commas > 1 ? Number(figureText([t])) === 0 : zeros > 0 || t === '';
}

/** Whether token i may continue the figure begun before it. */
function canJoinAt(tokens: readonly string[], i: number): boolean {
  if (i === 0 || !isGroup(tokens[i]!)) return false;
  const prev = tokens[i - 1]!;
  return !prev.includes(',') && !isLoneZero(prev);
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
  const forced = onlyReading(tokens, count);
  if (forced !== undefined) return forced === null || limit < 1 ? [] : [forced];
  const reader = new RunReader(tokens, count, limit, alike);
  reader.walk(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  return reader.readings();
}

/**
 * When exactly `count` tokens cannot continue a figure (signed figures, short first groups:
 * "-1 553 285 -701 477"), each of them starts one and every other token joins the one before:
 * there is one reading at most (null when a figure would have more than MAX_GROUPS groups or
 * an empty text). Undefined when the run is ambiguous and has to be walked.
 */
function onlyReading(tokens: readonly string[], count: number): string[] | null | undefined {
  const n = tokens.length;
  let starts = 0;
  for (let i = 0; i < n; i++) if (!canJoinAt(tokens, i)) starts++;
  if (starts !== count || n === 0) return undefined;
  const reading: string[] = [];
  let from = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && canJoinAt(tokens, i)) continue;
    if (i - from > MAX_GROUPS) return null;
    const figure = figureText(tokens.slice(from, i));
    if (figure === '') return null;
    reading.push(figure);
    from = i;
  }
  return reading;
}

/**
 * The walk of readNumberRun over one run of tokens. A class rather than closures: a report
 * reads tens of thousands of rows, and each call would otherwise make its functions anew.
 */
class RunReader {
  private readonly n: number;
  // canJoin[i]: token i may continue the figure begun before it. "045" never starts a figure:
  // a leading zero only appears inside a group (mustJoin).
  private readonly canJoin: boolean[];
  private readonly mustJoin: boolean[];
  // What a figure's size needs, per token, so the walk counts digits without building text:
  // the integer digits of a figure's first token (sign left out), whether that is a lone "0"
  // digit, and where the next token that is not all zeros stands (a figure of zeros says
  // nothing of the size).
  private readonly intDigits: number[];
  private readonly zeroDigit: boolean[];
  private readonly nextNonZero: number[];
  // How many figures the tokens from i on make at least (each that cannot join starts one) and
  // at most (each that may start one does): the walk leaves every branch that cannot end with
  // exactly `count` figures at once, so its work follows the readings it finds, not 2^groups.
  private readonly least: number[];
  private readonly most: number[];
  private readonly out: string[][] = [];
  private readonly spreads: number[] = [];
  // Where each figure of the reading so far starts; it runs to the next one's start.
  private readonly starts: number[] = [];
  private best = Number.POSITIVE_INFINITY;

  constructor(
    private readonly tokens: readonly string[],
    private readonly count: number,
    private readonly limit: number,
    private readonly alike: number | undefined,
  ) {
    const n = tokens.length;
    this.n = n;
    this.canJoin = new Array<boolean>(n);
    this.mustJoin = new Array<boolean>(n);
    this.intDigits = new Array<number>(n);
    this.zeroDigit = new Array<boolean>(n);
    this.nextNonZero = new Array<number>(n + 1);
    this.least = new Array<number>(n + 1);
    this.most = new Array<number>(n + 1);
    for (let i = 0; i < n; i++) {
      const t = tokens[i]!;
      const join = canJoinAt(tokens, i);
      this.canJoin[i] = join;
      this.mustJoin[i] = join && t.charCodeAt(0) === 48;
      const from = t.length > 0 && isMinus(t.charCodeAt(0)) ? 1 : 0;
      const comma = t.indexOf(',');
      this.intDigits[i] = (comma < 0 ? t.length : comma) - from;
      this.zeroDigit[i] = t.charCodeAt(from) === 48;
    }
    this.nextNonZero[n] = n;
    this.least[n] = 0;
    this.most[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      this.nextNonZero[i] = isZeroToken(tokens[i]!) ? this.nextNonZero[i + 1]! : i;
      this.least[i] = this.least[i + 1]! + (this.canJoin[i] ? 0 : 1);
      this.most[i] = this.most[i + 1]! + (this.mustJoin[i] ? 0 : 1);
    }
  }

  // The digits of the figure of tokens s..e (inclusive), as figureDigits counts them; -1 when
  // it is zero (such a figure says nothing of the size).
  private digitsOf(s: number, e: number): number {
    if (this.nextNonZero[s]! > e) return -1;
    const length = this.intDigits[s]! + 3 * (e - s);
    return length === 1 && this.zeroDigit[s] ? 0 : length;
  }

  /** From token i on, with the digits of the figures completed so far: fewest and most (zero figures left out). */
  walk(i: number, fewest: number, mostDigits: number): void {
    const n = this.n;
    const count = this.count;
    const alike = this.alike;
    const starts = this.starts;
    if (this.out.length >= this.limit) return;
    const figures = starts.length;
    if (figures + this.least[i]! > count || figures + this.most[i]! < count) return;
    if (alike !== undefined && mostDigits - fewest > this.best + alike) return;
    if (i === n) {
      if (alike !== undefined) {
        const d = this.digitsOf(starts[figures - 1]!, n - 1);
        const lo = d < 0 ? fewest : Math.min(fewest, d);
        const hi = d < 0 ? mostDigits : Math.max(mostDigits, d);
        const spread = hi < lo ? 0 : hi - lo;
        if (spread > this.best + alike) return;
        this.best = Math.min(this.best, spread);
        this.spreads.push(spread);
      }
      // Tokens are number tokens already; joining the groups is the whole parse.
      const reading = new Array<string>(figures);
      for (let k = 0; k < figures; k++)
        reading[k] = figureText(this.tokens.slice(starts[k], starts[k + 1] ?? n));
      this.out.push(reading);
      return;
    }
    if (this.canJoin[i] && figures > 0 && i - starts[figures - 1]! < MAX_GROUPS)
      this.walk(i + 1, fewest, mostDigits);
    if (figures < count && !this.mustJoin[i]) {
      // The figure before this one is complete: its digits now count.
      const d = alike !== undefined && figures > 0 ? this.digitsOf(starts[figures - 1]!, i - 1) : -1;
      starts.push(i);
      this.walk(i + 1, d < 0 ? fewest : Math.min(fewest, d), d < 0 ? mostDigits : Math.max(mostDigits, d));
      starts.pop();
    }
  }

  /** The readings found, complete, and (with `alike`) within it of the most alike. */
  readings(): string[][] {
    const alike = this.alike;
    const best = this.best;
    const spreads = this.spreads;
    const out: string[][] = [];
    this.out.forEach((reading, k) => {
      if (alike !== undefined && spreads[k]! > best + alike) return;
      if (reading.every(isFigureText)) out.push(reading);
    });
    return out;
  }
}

function isFigureText(r: string): boolean {
  return r !== '';
}

/** The integer digits of a figure as the store keeps it: "-924370.5" → 6, "0" and "0.5" → 0. */
export function figureDigits(v: string): number {
  const from = v.charCodeAt(0) === 45 ? 1 : 0;
  const dot = v.indexOf('.');
  const length = (dot < 0 ? v.length : dot) - from;
  return length === 1 && v.charCodeAt(from) === 48 ? 0 : length;
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
  for (let i = 0; i < tokens.length; i++) {
    chain = canJoinAt(tokens, i) && chain < MAX_GROUPS ? chain + 1 : 1;
    if (chain === 1) min += 1;
  }
  return { min, max: tokens.length };
}
