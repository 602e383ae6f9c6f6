import { describe, expect, it } from 'vitest';
import type { Fact } from '../src/domain';
import { reconcile } from '../src/ingest/reconcile';
import { ingestSeeds } from './fixtures/ingest/seed-store';

const store = ingestSeeds();

// The genuine inconsistencies of the seeds: each named with document, line and difference.
const findings = [
  // 000: the 2022 budget totals leave out Kehittämisprojektit (−45 000 / +45 000).
  {
    document: '000_d3382b3632755c54.txt',
    line: 239,
    check: 'YHTEENSÄ = Σ kustannuspaikat',
    account: 'MENOT',
    basis: 'TA/KS+muutos',
    year: 2022,
    difference: '45000',
  },
  {
    document: '000_d3382b3632755c54.txt',
    line: 240,
    check: 'YHTEENSÄ = Σ kustannuspaikat',
    account: 'TULOT',
    basis: 'TA/KS+muutos',
    year: 2022,
    difference: '-45000',
  },
  // 000: the half-year totals include 4 531 € of a unit with no row of its own.
  {
    document: '000_d3382b3632755c54.txt',
    line: 239,
    check: 'YHTEENSÄ = Σ kustannuspaikat',
    account: 'MENOT',
    basis: 'TOT',
    year: 2022,
    difference: '-4531',
  },
  {
    document: '000_d3382b3632755c54.txt',
    line: 241,
    check: 'YHTEENSÄ = Σ kustannuspaikat',
    account: 'NETTOMENO',
    basis: 'TOT',
    year: 2022,
    difference: '-4531',
  },
  // 001: Tietohallinto's 2019 net figure is not its expenses + revenues.
  {
    document: '001_a49d1ed256dc6eed.txt',
    line: 468,
    check: 'NETTOMENO = MENOT + TULOT',
    account: 'NETTOMENO',
    basis: 'TP',
    year: 2019,
    difference: '-17300',
  },
  // 001: TP 2018 totals include the business services' accounts (see the table's note).
  {
    document: '001_a49d1ed256dc6eed.txt',
    line: 488,
    check: 'YHTEENSÄ = Σ kustannuspaikat',
    account: 'MENOT',
    basis: 'TP',
    year: 2018,
    difference: '-783475',
  },
  {
    document: '001_a49d1ed256dc6eed.txt',
    line: 492,
    check: 'YHTEENSÄ = Σ kustannuspaikat',
    account: 'NETTOMENO',
    basis: 'TP',
    year: 2018,
    difference: '-702056',
  },
  {
    document: '001_a49d1ed256dc6eed.txt',
    line: 490,
    check: 'YHTEENSÄ = Σ kustannuspaikat',
    account: 'TULOT',
    basis: 'TP',
    year: 2019,
    difference: '24563',
  },
  // 001: the appropriations' revenue change has the wrong sign.
  {
    document: '001_a49d1ed256dc6eed.txt',
    line: 261,
    check: 'MUUTOS € = uudempi − vanhempi',
    account: 'TULOT',
    basis: 'MUUTOS',
    year: 2020,
    difference: '-340000',
  },
];

describe('reconcile on the seeds', () => {
  it.each(findings)('should report $check for $account $basis $year at $document:$line', (f) => {
    const hit = store.reconciliation.filter(
      (r) =>
        r.document === f.document &&
        r.line === f.line &&
        r.check === f.check &&
        r.account === f.account &&
        r.basis === f.basis &&
        r.year === f.year,
    );
    expect(hit.map((r) => r.difference)).toEqual([f.difference]);
  });

  it('should report each finding with expected, printed and the lines of the terms', () => {
    const it468 = store.reconciliation.find((r) => r.line === 468)!;
    expect(it468).toEqual({
      check: 'NETTOMENO = MENOT + TULOT',
      document: '001_a49d1ed256dc6eed.txt',
      line: 468,
      costCentre: 'Tietohallinto',
      account: 'NETTOMENO',
      year: 2019,
      basis: 'TP',
      expected: '-1398674',
      printed: '-1415974',
      difference: '-17300',
      termLines: [464, 466],
    });
  });

  it('should find exactly the sums that do not hold and nothing else', () => {
    // 12 findings in all: the ones above plus their siblings in other columns.
    expect(store.reconciliation).toHaveLength(12);
    expect(store.reconciliation.every((r) => r.difference !== '0')).toBe(true);
  });

  it('should keep the printed figures as printed', () => {
    const printed = store.facts.find(
      (f) => f.line === 468 && f.year === 2019 && f.basis === 'TP' && f.account === 'NETTOMENO',
    );
    expect(printed?.amount).toBe('-1415974');
  });

  it('should see the operating statement, appropriations and first investment subtotal add up', () => {
    const noisy = store.reconciliation.filter(
      (r) =>
        r.check.includes('Σ rivit') || r.check.startsWith('TOIMINTAKATE') || r.check.startsWith('Määrärahat'),
    );
    expect(noisy).toEqual([]);
    expect(store.reconciliation.filter((r) => r.account === 'Hyvinvointipalvelut yhteensä')).toEqual([]);
  });
});

function fact(
  costCentre: string,
  account: string,
  amount: string,
  line: number,
  table: Fact['table'] = 'costCentres',
): Fact {
  return {
    document: 'd.txt',
    line,
    section: '8.',
    table,
    costCentre,
    account,
    year: 2025,
    basis: 'TA',
    asOf: null,
    amount,
    unit: 'EUR',
    kind: 'figure',
  };
}

describe('reconcile tolerance for rounding', () => {
  const cases = [
    { name: 'exact sums', netto: '-900', total: '-1500', expected: 0 },
    { name: 'half a euro per term off', netto: '-900.5', total: '-1501', expected: 0 },
    { name: 'more than half a euro per term off', netto: '-902', total: '-1502', expected: 1 },
    { name: 'a total two euros off over two terms', netto: '-900', total: '-1502', expected: 1 },
  ];
  it.each(cases)('should report $expected finding(s) when $name', ({ netto, total, expected }) => {
    const facts = [
      fact('Kirjasto', 'MENOT', '-1000', 1),
      fact('Kirjasto', 'TULOT', '100', 2),
      fact('Kirjasto', 'NETTOMENO', netto, 3),
      fact('Museo', 'NETTOMENO', '-600', 6),
      fact('Sivistys', 'NETTOMENO', total, 9),
    ];
    const issues = reconcile({ document: 'd.txt', serviceArea: 'Sivistys', facts, relations: [] });
    expect(issues).toHaveLength(expected);
  });

  it('should check a subtotal the layout implies, period by period', () => {
    const facts = [
      fact('IT', 'A', '-10', 1, 'investments'),
      fact('IT', 'B', '-20', 2, 'investments'),
      fact('IT', 'Yhteensä', '-35', 3, 'investments'),
    ];
    const issues = reconcile({
      document: 'd.txt',
      serviceArea: null,
      facts,
      relations: [
        {
          check: 'Yhteensä = Σ kohteet',
          document: 'd.txt',
          table: 'investments',
          costCentre: 'IT',
          target: 'Yhteensä',
          terms: ['A', 'B'],
        },
      ],
    });
    expect(issues.map((i) => [i.expected, i.printed, i.difference, i.termLines])).toEqual([
      ['-30', '-35', '-5', [1, 2]],
    ]);
  });
});
