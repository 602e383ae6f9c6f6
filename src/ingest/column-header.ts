import type { Unit } from '../domain';

/** One figure column of a table: which period (or change) its figures belong to. */
export interface Column {
  /** Normalised basis: TP, TA, KS, TS, TOT, TA+muutos, TA/KS+muutos, or MUUTOS for change columns. */
  basis: string;
  year: number;
  /** ISO date of a TOT column ("TOT. 30.6." over "2022" → 2022-06-30), else null. */
  asOf: string | null;
  /** Unit a change column prints in (€ or %); null for period columns (the row decides). */
  unit: Unit | null;
  kind: 'figure' | 'change';
}

type Item =
  | { t: 'code'; code: string }
  | { t: 'year'; year: number }
  | { t: 'date'; day: number; month: number; year: number | null }
  | { t: 'unit'; unit: Unit };

const CODE = /^(TP|TA|KS|TS|TOT\.?|MUUTOS|TA\s*\+\s*MUUTOS|TA\/KS\s*\+\s*MUUTOS|KS\s*\+\s*MUUTOS|TA\/KS)$/i;

/** Whether a whitespace-free token belongs to a column header: a basis code, "+", a year, a date, € or %. */
export function isHeaderToken(token: string): boolean {
  return token === '+' || classify(token) !== null || isCodeToken(token);
}

/** Whether a token is a basis code (possibly with "+" glued on). */
export function isCodeToken(token: string): boolean {
  const stripped = token.replace(/^\+|\+$/g, '');
  return CODE.test(stripped) || CODE.test(token);
}

function classify(token: string): Item | null {
  if (CODE.test(token)) return { t: 'code', code: token };
  if (/^(19|20)\d\d$/.test(token)) return { t: 'year', year: Number(token) };
  const date = /^(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)?$/.exec(token);
  if (date) {
    const day = Number(date[1]);
    const month = Number(date[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
      return { t: 'date', day, month, year: date[3] ? Number(date[3]) : null };
    }
  }
  if (token === '€') return { t: 'unit', unit: 'EUR' };
  if (token === '%') return { t: 'unit', unit: '%' };
  return null;
}

/** Normalises a printed basis code: "TA + MUUTOS" → "TA+muutos", "TOT." → "TOT". */
export function normaliseBasis(code: string): string {
  const c = code.toUpperCase().replace(/\s+/g, '').replace(/\.$/, '');
  if (c.endsWith('+MUUTOS')) return `${c.slice(0, -'+MUUTOS'.length)}+muutos`;
  return c;
}

// "TA", "+", "MUUTOS" printed over two lines, or "TA+" / "+MUUTOS", become one code.
function glue(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const tok of tokens) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (prev.endsWith('+') || tok.startsWith('+'))) {
      out[out.length - 1] = prev + tok;
    } else {
      out.push(tok);
    }
  }
  return out;
}

interface Draft {
  basis: string;
  kind: 'figure' | 'change';
  year: number | null;
  date: { day: number; month: number } | null;
  unit: Unit | null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Result of reading header tokens: the columns, or why they are incomplete. */
export type HeaderReading = { ok: true; columns: Column[] } | { ok: false; reason: string; partial: boolean };

/**
 * Reads the columns from header tokens in reading order, whether each code sits over its year
 * ("TP 2018 TP 2019") or all codes come first and the years on the next line ("TP TA KS" /
 * "2018 2019 2019"). Each year, date or unit goes to the first column still lacking one.
 */
export function readColumns(tokens: readonly string[]): HeaderReading {
  const drafts: Draft[] = [];
  const glued = glue(tokens.filter((t) => t.trim() !== ''));
  for (const [index, tok] of glued.entries()) {
    // "TA +" at the end of a line waits for "MUUTOS" on the next one.
    if (tok.endsWith('+') && index === glued.length - 1)
      return { ok: false, reason: `column ${tok} is cut`, partial: true };
    const item = classify(tok);
    if (!item) return { ok: false, reason: `"${tok}" is not a column code, year or unit`, partial: false };
    if (item.t === 'code') {
      const basis = normaliseBasis(item.code);
      drafts.push({
        basis,
        kind: basis === 'MUUTOS' ? 'change' : 'figure',
        year: null,
        date: null,
        unit: null,
      });
      continue;
    }
    const last = drafts[drafts.length - 1];
    if (item.t === 'date' && last && last.basis === 'TOT' && last.date === null) {
      last.date = { day: item.day, month: item.month };
      if (item.year !== null) last.year = item.year;
      continue;
    }
    const open = drafts.find((d) =>
      d.kind === 'change' ? d.unit === null && d.year === null : d.year === null,
    );
    if (!open) return { ok: false, reason: `"${tok}" has no column above it`, partial: false };
    if (item.t === 'year') open.year = item.year;
    else if (item.t === 'unit' && open.kind === 'change') open.unit = item.unit;
    else if (item.t === 'date' && item.year !== null) {
      open.year = item.year;
      open.date = { day: item.day, month: item.month };
    } else return { ok: false, reason: `"${tok}" does not fit column ${open.basis}`, partial: false };
  }
  if (drafts.length === 0) return { ok: false, reason: 'no column codes', partial: true };
  const missing = drafts.filter((d) =>
    d.kind === 'change' ? d.unit === null && d.year === null : d.year === null,
  );
  if (missing.length > 0)
    return { ok: false, reason: `column ${missing[0]!.basis} has no year`, partial: true };
  const years = drafts.filter((d) => d.kind === 'figure').map((d) => d.year as number);
  const newest = years.length > 0 ? Math.max(...years) : 0;
  const columns = drafts.map((d): Column => {
    const year = d.year ?? newest;
    if (d.kind === 'change')
      return { basis: 'MUUTOS', year: newest || year, asOf: null, unit: d.unit ?? 'EUR', kind: 'change' };
    const asOf = d.basis === 'TOT' && d.date ? `${year}-${pad(d.date.month)}-${pad(d.date.day)}` : null;
    return { basis: d.basis, year, asOf, unit: null, kind: 'figure' };
  });
  return { ok: true, columns };
}
