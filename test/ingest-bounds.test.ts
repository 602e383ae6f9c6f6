/**
 * Issue 10: the ingest's work grows with its input, never faster. Text built to be read in
 * countless ways, and a report pasted twice into one file, are refused with file:line by bounds
 * that grow with the document; a large real-shaped report is read whole. (How long these take
 * is measured in `npm run bench -- ingest`, never here.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { costCentreName, generateReport } from '../bench/report-generator';
import { BudgetBotError } from '../src/domain';
import { AliasesSchema } from '../src/ingest/aliases';
import { ingestSources, parseReport } from '../src/ingest/ingest-files';
import type { RawTable } from '../src/ingest/raw-table';
import { PlacementBudget, resolvePlacements } from '../src/ingest/resolve-placements';

const root = join(import.meta.dirname, '..');
const seed001 = readFileSync(join(root, 'seeds/001_a49d1ed256dc6eed.txt'), 'utf8');
const seed000 = readFileSync(join(root, 'seeds/000_d3382b3632755c54.txt'), 'utf8');

function refusal(text: string): string {
  try {
    parseReport(text, 'junk.txt');
  } catch (e) {
    expect(e).toBeInstanceOf(BudgetBotError);
    return (e as Error).message;
  }
  throw new Error('the text was read as a report');
}

describe('bounds on reading a report', () => {
  it('should refuse rows whose digit groups can be split countless ways, naming the row', () => {
    const header = seed001.split('\n');
    const headerEnd = header.findIndex((l) => l.trim() === '2018 2019 2019 2020 2020') + 1;
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const groups = Array.from({ length: 14 }, (_, k) => String(100 + ((i * 7 + k * 13) % 900))).join(' ');
      return `${costCentreName(i)}\n\nMENOT                         ${groups} \n`;
    });
    const text = [...header.slice(0, headerEnd), '', ...rows].join('\n');
    expect(refusal(text)).toMatch(
      /^junk\.txt:\d+: the figures of row "MENOT" can be read in too many ways .*is this a budget report\?$/,
    );
  });

  it.each([
    // The second copy starts on the line after the first one's last: its first key figure then
    // (in the half-year report, the sick-leave days measured in the goals table, line 23).
    {
      name: 'the half-year report',
      text: seed000,
      line: seed000.split('\n').length + 23,
      under: '2\\. Toiminnalliset tavoitteet',
    },
    {
      name: 'the budget (text of a PDF)',
      text: seed001,
      line: seed001.split('\n').length + 159,
      under: '3\\. Tunnusluvut',
    },
  ])('should refuse $name pasted twice at the line where the repetition starts', ({ text, line, under }) => {
    const message = refusal(`${text}\n${text}`);
    expect(message).toMatch(new RegExp(`^junk\\.txt:${line}: .* is printed a second time under "${under}"`));
    expect(message).toContain('is this two reports in one file, or one pasted twice?');
  });

  it('should stop the placement search when the document’s allowance is spent', () => {
    // Ten items with an empty cell each, tied by their total: 1 024 placements of 11 cells each.
    // Each item's figure is a different power of two, so only one placement makes the total hold.
    const items = Array.from({ length: 10 }, (_, i) => -1000 * 2 ** i);
    const inFirst = [0, 2, 3, 7, 9];
    const sumOf = (cols: number[]) => String(cols.reduce((a, i) => a + items[i]!, 0));
    const table: RawTable = {
      line: 1,
      section: 'Investoinnit',
      label: 'TIETOHALLINTO',
      columns: [
        { basis: 'TA', year: 2020, asOf: null, unit: null, kind: 'figure' },
        { basis: 'TS', year: 2021, asOf: null, unit: null, kind: 'figure' },
      ],
      rows: [
        ...items.map((v, i) => ({
          line: i + 2,
          label: `Hanke ${String.fromCharCode(65 + i)}`,
          strong: false,
          readings: [
            [String(v), null],
            [null, String(v)],
          ],
        })),
        {
          line: 12,
          label: 'Yhteensä',
          strong: false,
          readings: [[sumOf(inFirst), sumOf(items.map((_, i) => i).filter((i) => !inFirst.includes(i)))]],
        },
      ],
    };
    const relations = [{ name: 'Yhteensä = Σ kohteet', target: 10, terms: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }];
    expect(() => resolvePlacements(table, relations, 'junk.txt', new PlacementBudget(10_000))).toThrowError(
      /^junk\.txt:2: too many ways to place the figures of "Hanke A" \(1024 placements of 10 rows tied by sums\)$/,
    );
    // With the allowance a document of this size gets, the sums decide.
    const { chosen } = resolvePlacements(table, relations, 'junk.txt', PlacementBudget.forRows(11));
    expect(chosen.slice(0, 10).map((c, i) => (c === 0) === inFirst.includes(i))).toEqual(
      items.map(() => true),
    );
  });
});

describe('a large report', () => {
  it('should be read whole: every generated figure, every cost centre, every sum holding', () => {
    const aliases = AliasesSchema.parse(JSON.parse(readFileSync(join(root, 'data/aliases.json'), 'utf8')));
    const report = generateReport(300_000);
    const result = ingestSources(
      [{ path: 'big.txt', bytes: new TextEncoder().encode(report.text) }],
      aliases,
    );
    const seedOnly = ingestSources([{ path: 'seed.txt', bytes: new TextEncoder().encode(seed001) }], aliases);
    const seedTable = seedOnly.data.facts.filter((f) => f.table === 'costCentres').length;
    expect(result.data.facts).toHaveLength(seedOnly.data.facts.length - seedTable + report.tableFigures);
    // The generated cost centres, and the seed's investment plan's (TIETOHALLINTO).
    const names = new Set(Array.from({ length: report.costCentres }, (_, i) => costCentreName(i)));
    for (const f of result.data.facts) if (f.table === 'investments') names.add(f.costCentre);
    expect(
      new Set(result.data.costCentres.filter((c) => c.level === 'costCentre').map((c) => c.name)),
    ).toEqual(names);
    // Every generated block and the total hold; only the seed's own findings elsewhere remain
    // (its appropriations now differ from the grown total, as they would).
    const outsideTable = (r: { check: string }) => !/^(NETTOMENO =|YHTEENSÄ =)/.test(r.check);
    expect(result.reconciliation.filter((r) => !outsideTable(r))).toEqual([]);
    const found = (issues: typeof result.reconciliation) =>
      issues
        .filter((r) => outsideTable(r) && !r.check.startsWith('Määrärahat'))
        .map((r) => [r.check, r.line, r.costCentre, r.account, r.year, r.printed, r.expected]);
    expect(found(result.reconciliation)).toEqual(found(seedOnly.reconciliation));
  });
});
