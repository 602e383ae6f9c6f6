import type { Unit } from '../domain';
import type { Column } from './column-header';
import { parseFinnishNumber } from './finnish-number';
import type { RawRow, RawTable } from './raw-table';

/**
 * Key figures printed inside a goal table's text ("Toteutuma 30.6.2022: … Sairauspoissaolot
 * 9,91 pv/hlö 30.6.2022, tapaamiset säännöllisiä"): a measure, a number, its unit and the date
 * it was measured. The goal table is prose, but such a figure is a fact like any key figure: it
 * is read here into a key-figure table of its own (one per date), with its own line.
 */

/** Printed units of measured values and what they are; a measure of another unit is left as text. */
const UNITS: readonly { printed: RegExp; unit: Unit; label: string }[] = [
  { printed: /^(pv|päivää?|vrk)\s*\/\s*(hlö|henkilö|htv)$/iu, unit: 'days/person', label: 'pv/hlö' },
  { printed: /^%$/u, unit: '%', label: '%' },
  { printed: /^(kpl|hlö|henkilöä)$/iu, unit: 'count', label: '' },
  { printed: /^€\s*\/\s*asukas$/iu, unit: 'EUR/asukas', label: '€/asukas' },
  { printed: /^€$/u, unit: 'EUR', label: '€' },
];

// "<Measure> <number> <unit> <d.m.yyyy>": the measure one to four words from a capital, the
// number as printed in Finnish ("9,91", "1 250"), the unit a word or two ("pv/hlö", "%").
const MEASURED =
  /(?<label>\p{Lu}[\p{L}-]*(?: [\p{Ll}-]+){0,3})\s+(?<number>[−-]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)\s*(?<unit>%|€(?:\s*\/\s*asukas)?|[\p{L}]{2,9}(?:\s*\/\s*[\p{L}]{2,9})?)\s+(?<day>\d{1,2})\.(?<month>\d{1,2})\.(?<year>\d{4})/gu;

/** One measured value found in a cell. */
export interface MeasuredValue {
  label: string;
  amount: string;
  unit: Unit;
  /** The label with the unit as a key-figure row prints it ("Sairauspoissaolot pv/hlö"). */
  rowLabel: string;
  asOf: string;
  year: number;
  /** Where in the text its number begins. */
  numberAt: number;
}

const pad = (n: string) => n.padStart(2, '0');

/** The measured values a cell's text prints. */
export function measuredValues(text: string): MeasuredValue[] {
  const out: MeasuredValue[] = [];
  for (const m of text.matchAll(MEASURED)) {
    const g = m.groups as Record<string, string>;
    const unit = UNITS.find((u) => u.printed.test(g.unit!.trim()));
    const amount = parseFinnishNumber(g.number!.replace('−', '-'));
    const month = Number(g.month);
    const day = Number(g.day);
    if (!unit || amount === null || month < 1 || month > 12 || day < 1 || day > 31) continue;
    const label = g.label!.trim();
    out.push({
      label,
      amount,
      unit: unit.unit,
      rowLabel: unit.label ? `${label} ${unit.label}` : label,
      asOf: `${g.year}-${pad(g.month!)}-${pad(g.day!)}`,
      year: Number(g.year),
      numberAt: (m.index ?? 0) + m[0].indexOf(g.number!, label.length),
    });
  }
  return out;
}

/**
 * The key-figure tables of a goal table's measured values: one per date measured (a TOT column
 * at that date), each row the measure at the line its number is printed on. A column is read
 * down the table's lines as one text, since a PDF wraps a cell over lines ("… Sairauspoissaolot
 * 9,91" / "pv/hlö 30.6.2022"). Empty when the rows print none.
 */
export function measuresTables(
  rows: readonly {
    line: number;
    texts: readonly string[];
    /** Each text's cell ("E23" in a workbook), when the reader knows it. */
    refs?: readonly (string | undefined)[];
    place?: Partial<RawRow>;
  }[],
  section: string,
): RawTable[] {
  const byDate = new Map<string, RawTable>();
  const columns = Math.max(0, ...rows.map((r) => r.texts.length));
  for (let j = 0; j < columns; j++) {
    // The column's text down the lines, and where each line's part of it begins.
    const starts: number[] = [];
    let text = '';
    for (const row of rows) {
      starts.push(text.length);
      text += `${(row.texts[j] ?? '').trim()} `;
    }
    for (const v of measuredValues(text)) {
      let at = 0;
      while (at + 1 < starts.length && (starts[at + 1] as number) <= v.numberAt) at++;
      const row = rows[at];
      if (!row) continue;
      let table = byDate.get(v.asOf);
      if (!table) {
        const column: Column = { basis: 'TOT', year: v.year, asOf: v.asOf, unit: null, kind: 'figure' };
        table = { line: row.line, section, label: '', columns: [column], rows: [], measures: true };
        byDate.set(v.asOf, table);
      }
      const ref = row.refs?.[j];
      table.rows.push({
        line: row.line,
        label: v.rowLabel,
        strong: false,
        readings: [[v.amount]],
        ...row.place,
        ...(ref ? { refs: [ref] } : {}),
      });
    }
  }
  for (const table of byDate.values()) table.rows.sort((a, b) => a.line - b.line);
  return [...byDate.values()];
}
