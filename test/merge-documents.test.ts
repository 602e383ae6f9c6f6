import { describe, expect, it } from 'vitest';
import type { DocumentInfo, Fact } from '../src/domain';
import { type MergeSource, mergeDocuments } from '../src/ingest/merge-documents';
import { ingestSeeds } from './fixtures/ingest/seed-store';

const store = ingestSeeds();

// Names the 2020 budget prints differently from the 2022 report, and what the store calls them.
const renames = [
  { line: 344, printed: 'Valtuusto', canonical: 'Kaupunginvaltuusto' },
  { line: 350, printed: 'Hallitus', canonical: 'Kaupunginhallitus' },
  { line: 384, printed: 'Itä-Lapin Ky', canonical: 'Itä-Lapin kuntayhtymä' },
  { line: 512, printed: 'TIETOHALLINTO', canonical: 'Tietohallinto' },
];

describe('mergeDocuments on the seeds', () => {
  it.each(renames)('should file "$printed" (001 line $line) under the newest name $canonical', ({
    line,
    printed,
    canonical,
  }) => {
    const facts = store.facts.filter((f) => f.document === '001_a49d1ed256dc6eed.txt' && f.line === line);
    expect(facts.length).toBeGreaterThan(0);
    expect(new Set(facts.map((f) => f.costCentre))).toEqual(new Set([canonical]));
    if (printed !== printed.toUpperCase()) {
      expect(store.costCentres.find((c) => c.name === canonical)?.aliases).toContain(printed);
    }
  });

  it('should give an older key-figure label its newest spelling', () => {
    const posts = store.facts.filter((f) => f.table === 'keyFigures' && f.account.startsWith('Vakin'));
    expect(new Set(posts.map((f) => f.account))).toEqual(new Set(['Vakinaiset virat ja toimet 31.12.']));
    expect(posts.map((f) => f.year).sort()).toEqual([
      2018, 2019, 2020, 2020, 2021, 2021, 2022, 2022, 2022, 2023, 2024,
    ]);
  });

  it('should list each cost centre once, with the documents it appears in', () => {
    const names = store.costCentres.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(store.costCentres[0]).toMatchObject({ name: 'Hallinto- ja tukipalvelut', level: 'serviceArea' });
    expect(store.costCentres.find((c) => c.name === 'Tietohallinto')).toMatchObject({
      level: 'costCentre',
      serviceArea: 'Hallinto- ja tukipalvelut',
      documents: ['000_d3382b3632755c54.txt', '001_a49d1ed256dc6eed.txt'],
    });
    expect(store.costCentres.find((c) => c.name === 'Työterveyshuolto')?.documents).toEqual([
      '000_d3382b3632755c54.txt',
    ]);
    expect(store.costCentres.find((c) => c.name === 'Tietohallinto')?.aliases).toEqual(
      expect.arrayContaining(['IT', 'ICT']),
    );
  });

  it('should find no conflicts between the seeds, which report different periods', () => {
    expect(store.conflicts).toEqual([]);
  });
});

function doc(name: string, reportDate: string): DocumentInfo {
  return { name, title: name, layout: 'tabbed', serviceArea: 'Sivistys', reportDate, lines: 10 };
}

function fact(document: string, costCentre: string, year: number, amount: string): Fact {
  return {
    document,
    line: 3,
    section: '8.',
    table: 'costCentres',
    costCentre,
    account: 'MENOT',
    year,
    basis: 'TP',
    asOf: null,
    amount,
    unit: 'EUR',
    kind: 'figure',
  };
}

function source(info: DocumentInfo, name: string, year: number, amount: string): MergeSource {
  return {
    info,
    facts: [fact(info.name, name, year, amount)],
    sections: [],
    costCentres: [name],
    relations: [],
    reconciliation: [],
  };
}

describe('mergeDocuments naming', () => {
  const aliases = { serviceAreas: {}, costCentres: { Kirjasto: ['Kirjastotoimi', 'library'] }, accounts: {} };

  it('should take the canonical name from the newest document, whatever the file order', () => {
    const older = source(doc('a-2023.txt', '2023-12-31'), 'Kirjasto', 2023, '-10');
    const newer = source(doc('b-2025.txt', '2025-06-30'), 'Kirjastotoimi', 2024, '-11');
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const merged = mergeDocuments(order, aliases);
      expect(merged.facts.map((f) => f.costCentre)).toEqual(['Kirjastotoimi', 'Kirjastotoimi']);
      expect(merged.costCentres.find((c) => c.name === 'Kirjastotoimi')?.aliases).toEqual([
        'Kirjasto',
        'library',
      ]);
    }
  });

  it('should keep both figures and report a conflict when two documents disagree', () => {
    const a = source(doc('a.txt', '2024-12-31'), 'Kirjasto', 2024, '-10');
    const b = source(doc('b.txt', '2025-12-31'), 'Kirjastotoimi', 2024, '-12');
    const merged = mergeDocuments([a, b], aliases);
    expect(merged.facts).toHaveLength(2);
    expect(merged.conflicts).toEqual([
      {
        costCentre: 'Kirjastotoimi',
        account: 'MENOT',
        year: 2024,
        basis: 'TP',
        asOf: null,
        values: [
          { document: 'a.txt', line: 3, amount: '-10' },
          { document: 'b.txt', line: 3, amount: '-12' },
        ],
      },
    ]);
  });

  it('should not call equal figures a conflict', () => {
    const a = source(doc('a.txt', '2024-12-31'), 'Kirjasto', 2024, '-10');
    const b = source(doc('b.txt', '2025-12-31'), 'Kirjasto', 2024, '-10');
    expect(mergeDocuments([a, b], aliases).conflicts).toEqual([]);
  });

  it('should keep two names of one alias group apart where one document prints both as places of their own', () => {
    // The aliases file says "Kirjastotoimi" is Kirjasto; a report that prints both has two places.
    const both: MergeSource = {
      info: doc('c.txt', '2025-06-30'),
      facts: [
        fact('c.txt', 'Kirjasto', 2024, '-10'),
        { ...fact('c.txt', 'Kirjastotoimi', 2024, '-4'), line: 4 },
      ],
      sections: [],
      costCentres: ['Kirjasto', 'Kirjastotoimi'],
      relations: [],
      reconciliation: [],
    };
    const merged = mergeDocuments([both], aliases);
    expect(merged.facts.map((f) => f.costCentre)).toEqual(['Kirjasto', 'Kirjastotoimi']);
    // The other names stay with the place the aliases file is written under.
    expect(merged.costCentres.find((c) => c.name === 'Kirjasto')?.aliases).toEqual(['library']);
    expect(merged.costCentres.find((c) => c.name === 'Kirjastotoimi')?.aliases).toEqual([]);
  });
});
