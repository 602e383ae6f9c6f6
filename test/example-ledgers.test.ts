/**
 * examples/ledger/: the monthly ledger exports README "Bring your own ledger" uses. They are
 * what bench/generate-example-ledgers.ts writes, agree with the reports they continue, and
 * ingest with the seeds without a conflict or a new reconciliation finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleLedgers } from '../bench/generate-example-ledgers';
import type { BudgetData } from '../src/domain';
import { AliasesSchema } from '../src/ingest/aliases';
import { type IngestResult, ingestSources } from '../src/ingest/ingest-files';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'examples/ledger');
const seeds = ['000_d3382b3632755c54.txt', '001_a49d1ed256dc6eed.txt'].map((n) => join(root, 'seeds', n));
const ledgers = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort();
const aliases = AliasesSchema.parse(JSON.parse(readFileSync(join(root, 'data/aliases.json'), 'utf8')));
const files = (paths: string[]) => paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }));

let withLedgers: IngestResult;
let reportsOnly: BudgetData;

beforeAll(() => {
  withLedgers = ingestSources(files([...seeds, ...ledgers.map((f) => join(dir, f))]), aliases);
  reportsOnly = ingestSources(files(seeds), aliases).data;
});

/** A report figure of the cost-centre table: the row's figure for a basis and year. */
function reported(costCentre: string, account: string, basis: string, year: number): string | undefined {
  return reportsOnly.facts.find(
    (f) =>
      f.table === 'costCentres' &&
      f.costCentre === costCentre &&
      f.account === account &&
      f.basis === basis &&
      f.year === year,
  )?.amount;
}

describe('examples/ledger', () => {
  it('should be exactly what bench/generate-example-ledgers.ts writes', () => {
    const generated = exampleLedgers();
    expect(ledgers).toEqual([...generated.keys()]);
    for (const [name, text] of generated)
      expect(readFileSync(join(dir, name), 'utf8'), `${name} is stale: run the generator`).toBe(text);
  });

  it('should hold month ends of 2021 and of 2022 after the half-year report', () => {
    expect(ledgers).toEqual([
      ...Array.from({ length: 12 }, (_, m) => `actuals-2021-${String(m + 1).padStart(2, '0')}.csv`),
      ...[7, 8, 9, 10, 11, 12].map((m) => `actuals-2022-${String(m).padStart(2, '0')}.csv`),
    ]);
  });

  it('should end 2021 exactly at TP 2021 and start 2022 from TOT 30.6.2022, for every cost centre', () => {
    const actuals = withLedgers.data.facts.filter((f) => f.table === 'actuals');
    const area = reportsOnly.costCentres.find((c) => c.level === 'serviceArea')!.name;
    // Every cost centre's non-zero TP 2021 (MENOT, TULOT) is its ledger's 31.12.2021, and no more.
    const tp = reportsOnly.facts
      .filter(
        (f) =>
          f.table === 'costCentres' &&
          f.basis === 'TP' &&
          f.year === 2021 &&
          f.costCentre !== area &&
          (f.account === 'MENOT' || f.account === 'TULOT') &&
          Number(f.amount) !== 0,
      )
      .map((f) => [f.costCentre, f.account, f.amount]);
    const december = actuals
      .filter((f) => f.asOf === '2021-12-31' && f.costCentre !== area && f.account !== 'NETTOMENO')
      .map((f) => [f.costCentre, f.account, f.amount]);
    expect(tp.length).toBeGreaterThan(30);
    expect(december).toEqual(tp);
    // July continues June: the same direction, at least as much spent.
    for (const f of actuals.filter(
      (x) => x.asOf === '2022-07-31' && x.account === 'MENOT' && x.costCentre !== area,
    )) {
      const june = Number(reported(f.costCentre, 'MENOT', 'TOT', 2022) ?? 0);
      expect(Number(f.amount), f.costCentre).toBeLessThanOrEqual(june);
    }
  });

  it('should add up within each file: NETTOMENO = MENOT + TULOT, the total = Σ cost centres', () => {
    const area = reportsOnly.costCentres.find((c) => c.level === 'serviceArea')!.name;
    const actuals = withLedgers.data.facts.filter((f) => f.table === 'actuals');
    for (const asOf of new Set(actuals.map((f) => f.asOf))) {
      const at = actuals.filter((f) => f.asOf === asOf);
      const amount = (cc: string, account: string) =>
        Number(at.find((f) => f.costCentre === cc && f.account === account)?.amount ?? 0);
      const centres = [...new Set(at.map((f) => f.costCentre))].filter((c) => c !== area);
      for (const cc of centres)
        expect(amount(cc, 'NETTOMENO')).toBe(amount(cc, 'MENOT') + amount(cc, 'TULOT'));
      for (const account of ['MENOT', 'TULOT', 'NETTOMENO'])
        expect(amount(area, account), `${asOf} ${account}`).toBe(
          centres.reduce((sum, cc) => sum + amount(cc, account), 0),
        );
    }
  });

  it('should ingest with the reports without a conflict or a finding the reports alone do not have', () => {
    expect(withLedgers.data.conflicts).toEqual([]);
    expect(withLedgers.reconciliation).toEqual(ingestSources(files(seeds), aliases).reconciliation);
    // The older names of the 2021 files resolve to today's cost centres.
    expect(readFileSync(join(dir, 'actuals-2021-06.csv'), 'utf8')).toContain('Valtuusto;MENOT;2021-06-30;');
    expect(
      withLedgers.data.facts.some((f) => f.costCentre === 'Kaupunginvaltuusto' && f.asOf === '2021-06-30'),
    ).toBe(true);
  });
});
