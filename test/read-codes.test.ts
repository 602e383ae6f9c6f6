import { describe, expect, it } from 'vitest';
import type { BudgetData, CostCentre, Fact } from '../src/domain';
import { understand } from '../src/understanding';
import { buildUnderstandingIndex } from '../src/understanding/understanding-index';

function place(name: string, level: CostCentre['level'], path: string[], code: string): CostCentre {
  return { name, aliases: [], level, serviceArea: path[0]!, documents: ['r.pdf'], code, path };
}

function fact(path: string[], year: number): Fact {
  return {
    document: 'r.pdf',
    line: 1,
    section: 's',
    table: 'costCentres',
    costCentre: path[path.length - 1]!,
    account: 'MENOT',
    year,
    basis: 'TP',
    asOf: null,
    amount: '-1',
    unit: 'EUR',
    kind: 'figure',
    path,
  };
}

const data: BudgetData = {
  version: 1,
  documents: [
    { name: 'r.pdf', title: 'r', layout: 'pdf', serviceArea: null, reportDate: '2024-06-30', lines: 9 },
  ],
  costCentres: [
    place('Sivistyspalvelut', 'serviceArea', ['Sivistyspalvelut'], '20'),
    place('Perusopetus', 'resultArea', ['Sivistyspalvelut', 'Perusopetus'], '22'),
    place(
      'Kirkonkylän koulu',
      'costCentre',
      ['Sivistyspalvelut', 'Perusopetus', 'Kirkonkylän koulu'],
      '2202',
    ),
    // A code that could be a year.
    place('Harjulan koulu', 'costCentre', ['Sivistyspalvelut', 'Perusopetus', 'Harjulan koulu'], '2015'),
  ],
  facts: [fact(['Sivistyspalvelut', 'Perusopetus', 'Kirkonkylän koulu'], 2023)],
  sections: [],
  reconciliation: [],
  conflicts: [],
};
const index = buildUnderstandingIndex(data);

function query(text: string) {
  const u = understand(text, null, index);
  if (u.kind !== 'query') throw new Error(`${text}: ${u.kind}`);
  return u.query;
}

describe('places by their ledger codes', () => {
  it.each([
    ['kp 2202 menot 2023', 'Kirkonkylän koulu'],
    ['Kustannuspaikka 2202 toteuma 2023', 'Kirkonkylän koulu'],
    ['cost centre 2202 spending 2023', 'Kirkonkylän koulu'],
    ['kustannuspaikka nro 2202 menot 2023', 'Kirkonkylän koulu'],
    ['tulosalue 22 menot 2023', 'Perusopetus'],
    ['toimiala 20 menot 2023', 'Sivistyspalvelut'],
  ])('should read "%s" as %s, the number no year', (text, name) => {
    const q = query(text);
    expect(q.subjects.map((s) => s.name)).toEqual([name]);
    expect(q.years).toEqual([2023]);
  });

  it('should read a code that could be a year as the code when a place has it, after a code word', () => {
    expect(query('kp 2015 menot 2023').subjects.map((s) => s.name)).toEqual(['Harjulan koulu']);
  });

  it('should leave a year a year after a plural level word or where no place has the number', () => {
    expect(query('Suurimmat tulosalueet 2023').years).toEqual([2023]);
    expect(query('mikä toimiala ylitti budjettinsa 2023').years).toEqual([2023]);
  });

  it('should say a code no place has is not found, offering the nearest codes of its level', () => {
    const u = understand('kp 2299 menot 2023', null, index);
    expect(u).toMatchObject({ kind: 'not_found', what: 'costCentre', term: 'kp 2299' });
    expect(u.kind === 'not_found' && u.closest).toEqual(['Kirkonkylän koulu', 'Harjulan koulu']);
    // A level word that names another level's code is no match either.
    expect(understand('tulosalue 2202 menot', null, index).kind).toBe('not_found');
  });
});
