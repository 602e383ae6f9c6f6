import { describe, expect, it } from 'vitest';
import { buildAnswerIndex, findRow } from '../src/answering/answer-index';
import { isSummed, leavesOf } from '../src/answering/summed-figures';
import type { BudgetData, CostCentre, Fact } from '../src/domain';

// A small city: one service area, one result area of two cost centres; a report that prints the
// result area at 30.6., a monthly ledger with every cost centre's month ends, a ledger export.
const REPORT = 'report.pdf';
const LEDGER = 'ledger.csv';
const EXPORT = 'export.xlsx';

function place(name: string, level: CostCentre['level'], path: string[]): CostCentre {
  return {
    name,
    aliases: [],
    level,
    serviceArea: level === 'serviceArea' ? null : 'Sivistys',
    documents: [],
    path,
  };
}

let line = 1;
function fact(
  document: string,
  path: string[],
  account: string,
  basis: string,
  asOf: string | null,
  amount: string,
  table: Fact['table'] = 'costCentres',
): Fact {
  return {
    document,
    line: line++,
    section: 's',
    table,
    costCentre: path[path.length - 1]!,
    account,
    year: 2024,
    basis,
    asOf,
    amount,
    unit: 'EUR',
    kind: 'figure',
    path,
  };
}

const AREA = ['Sivistys'];
const RA = ['Sivistys', 'Koulut'];
const A = ['Sivistys', 'Koulut', 'Aholan koulu'];
const B = ['Sivistys', 'Koulut', 'Harjulan koulu'];

function store(facts: Fact[]): BudgetData {
  return {
    version: 1,
    documents: [
      { name: REPORT, title: 'r', layout: 'pdf', serviceArea: null, reportDate: '2024-06-30', lines: 99 },
      {
        name: LEDGER,
        title: 'l',
        layout: 'actualsCsv',
        serviceArea: null,
        reportDate: '2024-06-30',
        lines: 99,
      },
      {
        name: EXPORT,
        title: 'x',
        layout: 'ledgerExport',
        serviceArea: null,
        reportDate: '2024-06-30',
        lines: 99,
      },
    ],
    costCentres: [
      place('Sivistys', 'serviceArea', AREA),
      place('Koulut', 'resultArea', RA),
      place('Aholan koulu', 'costCentre', A),
      place('Harjulan koulu', 'costCentre', B),
    ],
    facts,
    sections: [],
    reconciliation: [],
    conflicts: [],
  };
}

const ledger = [
  fact(LEDGER, A, 'MENOT', 'TOT', '2024-05-31', '-100'),
  fact(LEDGER, B, 'MENOT', 'TOT', '2024-05-31', '-250'),
  fact(LEDGER, A, 'TULOT', 'TOT', '2024-05-31', '10'),
  fact(LEDGER, B, 'TULOT', 'TOT', '2024-05-31', '5'),
  fact(LEDGER, A, 'MENOT', 'TOT', '2024-06-30', '-120'),
  fact(LEDGER, B, 'MENOT', 'TOT', '2024-06-30', '-300'),
  // April: only one cost centre has it.
  fact(LEDGER, A, 'MENOT', 'TOT', '2024-04-30', '-80'),
];
const report = [fact(REPORT, RA, 'MENOT', 'TOT', '2024-06-30', '-420')];
const lines = [
  fact(EXPORT, A, 'Palkat ja palkkiot', 'TA', null, '-60', 'accounts'),
  fact(EXPORT, A, 'Henkilösivukulut', 'TA', null, '-20', 'accounts'),
  fact(EXPORT, A, 'Myyntituotot', 'TA', null, '15', 'accounts'),
  fact(EXPORT, B, 'Palkat ja palkkiot', 'TA', null, '-70', 'accounts'),
  fact(EXPORT, B, 'Henkilösivukulut', 'TA', null, '-30', 'accounts'),
  // The changed budget: only Aholan koulu's ledger has it.
  fact(EXPORT, A, 'Palkat ja palkkiot', 'TA+muutos', null, '-65', 'accounts'),
];

const index = buildAnswerIndex(store([...ledger, ...report, ...lines]), {
  lineGroups: { Henkilöstökulut: ['Palkat ja palkkiot', 'Henkilösivukulut'] },
});

function at(
  place: string,
  account: string,
  basis: string,
  asOf: string | null,
  table: 'costCentres' | 'accounts' = 'costCentres',
) {
  return (
    findRow(index, place, account, table)?.facts.find((f) => f.basis === basis && f.asOf === asOf) ?? null
  );
}

describe('summed figures', () => {
  it('should give a result area and its service area at a month end of the ledger as the sum of its cost centres', () => {
    const ra = at('Koulut', 'MENOT', 'TOT', '2024-05-31')!;
    expect(ra.amount).toBe('-350');
    expect(isSummed(ra) && ra.sum.parts.map((p) => p.amount)).toEqual(['-100', '-250']);
    const area = at('Sivistys', 'MENOT', 'TOT', '2024-05-31')!;
    expect(area.amount).toBe('-350');
    // A sum of sums rests on the printed figures at the bottom.
    expect(isSummed(area) && leavesOf(area).map((f) => f.document)).toEqual([LEDGER, LEDGER]);
  });

  it('should never sum where a part lacks the period, nor stand beside a printed figure of it', () => {
    expect(at('Koulut', 'MENOT', 'TOT', '2024-04-30')).toBeNull();
    const printed = findRow(index, 'Koulut', 'MENOT', 'costCentres')!.facts.filter(
      (f) => f.asOf === '2024-06-30',
    );
    expect(printed).toHaveLength(1);
    expect(isSummed(printed[0]!)).toBe(false);
    // The service area has no printed 30.6.: it sums its result area's printed figure.
    const area = at('Sivistys', 'MENOT', 'TOT', '2024-06-30')!;
    expect(isSummed(area) && area.sum.parts).toEqual(printed);
  });

  it('should give a net cost as expenses plus revenues of the same period', () => {
    expect(at('Aholan koulu', 'NETTOMENO', 'TOT', '2024-05-31')?.amount).toBe('-90');
    expect(at('Koulut', 'NETTOMENO', 'TOT', '2024-05-31')?.amount).toBe('-335');
  });

  it("should give a cost centre's expenses, revenues and net from its ledger-export lines, by their sign", () => {
    expect(at('Aholan koulu', 'MENOT', 'TA', null)?.amount).toBe('-80');
    expect(at('Aholan koulu', 'TULOT', 'TA', null)?.amount).toBe('15');
    expect(at('Aholan koulu', 'NETTOMENO', 'TA', null)?.amount).toBe('-65');
    // Harjulan koulu has no revenue line: no revenue figure is made up for it.
    expect(at('Harjulan koulu', 'TULOT', 'TA', null)).toBeNull();
    expect(at('Koulut', 'MENOT', 'TA', null)?.amount).toBe('-180');
  });

  it('should give an account of the chart made of others the ledger has, and the level above it', () => {
    expect(at('Aholan koulu', 'Henkilöstökulut', 'TA', null, 'accounts')?.amount).toBe('-80');
    expect(at('Koulut', 'Henkilöstökulut', 'TA', null, 'accounts')?.amount).toBe('-180');
    expect(at('Koulut', 'Palkat ja palkkiot', 'TA', null, 'accounts')?.amount).toBe('-130');
    // Only Aholan koulu has Myyntituotot; Harjulan koulu's ledger has the year's budget without
    // that line (no sales there): the result area's is Aholan koulu's line alone.
    const sales = at('Koulut', 'Myyntituotot', 'TA', null, 'accounts')!;
    expect(sales.amount).toBe('15');
    expect(isSummed(sales) && sales.sum.parts.map((p) => p.costCentre)).toEqual(['Aholan koulu']);
    // A period a part's ledger does not cover at all is a gap, not a zero: no sum.
    expect(at('Aholan koulu', 'Palkat ja palkkiot', 'TA+muutos', null, 'accounts')?.amount).toBe('-65');
    expect(at('Koulut', 'Palkat ja palkkiot', 'TA+muutos', null, 'accounts')).toBeNull();
    // An account made of others is summed only where every part has it (its parts may be partial).
    expect(at('Sivistys', 'Henkilöstökulut', 'TA', null, 'accounts')?.amount).toBe('-180');
  });

  it('should leave the stored facts as they were (sums live in the index only)', () => {
    expect(index.data.facts).toHaveLength(ledger.length + report.length + lines.length);
  });
});
