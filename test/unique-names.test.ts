import { describe, expect, it } from 'vitest';
import type { CostCentre } from '../src/domain';
import { displayNames } from '../src/store/unique-names';
import { levelOf } from '../src/understanding/read-level';

const place = (path: string[], level: CostCentre['level'] = 'costCentre'): CostCentre => ({
  name: path[path.length - 1]!,
  aliases: [],
  level,
  serviceArea: path[0]!,
  documents: ['x.pdf'],
  path,
});

describe('display names of places that share a name', () => {
  it('should add as few parents as tell each apart, and leave unique names alone', () => {
    const names = displayNames([
      place(['Sivistyspalvelut', 'Perusopetus', 'Hallinto']),
      place(['Sivistyspalvelut', 'Varhaiskasvatus', 'Hallinto']),
      place(['Sivistyspalvelut', 'Hallinto'], 'resultArea'),
      place(['Sivistyspalvelut', 'Hallinto', 'Toimistopalvelut']),
      place(['Tekninen toimi', 'Hallinto', 'Toimistopalvelut']),
      place(['Sivistyspalvelut', 'Perusopetus', 'Kirkonkylän koulu']),
    ]);
    expect(Object.fromEntries([...names].map(([k, v]) => [k.split('\u0000').join(' / '), v]))).toEqual({
      'Sivistyspalvelut / Perusopetus / Hallinto': 'Hallinto (Perusopetus)',
      'Sivistyspalvelut / Varhaiskasvatus / Hallinto': 'Hallinto (Varhaiskasvatus)',
      'Sivistyspalvelut / Hallinto': 'Hallinto (Sivistyspalvelut)',
      'Sivistyspalvelut / Hallinto / Toimistopalvelut': 'Toimistopalvelut (Hallinto, Sivistyspalvelut)',
      'Tekninen toimi / Hallinto / Toimistopalvelut': 'Toimistopalvelut (Hallinto, Tekninen toimi)',
    });
  });
});

describe('the level a list names', () => {
  it.each([
    ['mikä toimiala ylitti budjettinsa', 'serviceArea'],
    ['mitkä palvelualueet käyttivät eniten', 'serviceArea'],
    ['toimialoittain suurimmat menot', 'serviceArea'],
    ['which service areas are over budget', 'serviceArea'],
    ['suurimmat tulosalueet', 'resultArea'],
    ['mitkä vastuualueet alittivat budjettinsa', 'resultArea'],
    ['which result areas spent most', 'resultArea'],
    ['suurimmat menot', null],
    ['mitkä kustannuspaikat ylittivät budjetin', null],
    ['tulosten perusteella', null],
  ])('should read "%s" as %s', (text, level) => {
    expect(levelOf(text)).toBe(level);
  });
});

describe('aliases of one place of the hierarchy', () => {
  it('should let a city name a place by its path, for that place alone', async () => {
    const { buildUnderstandingIndex, understand } = await import('../src/understanding');
    const { withUniqueNames } = await import('../src/store/unique-names');
    const places = [
      place(['Sivistyspalvelut'], 'serviceArea'),
      place(['Sivistyspalvelut', 'Perusopetus'], 'resultArea'),
      place(['Sivistyspalvelut', 'Perusopetus', 'Hallinto']),
      place(['Sivistyspalvelut', 'Varhaiskasvatus'], 'resultArea'),
      place(['Sivistyspalvelut', 'Varhaiskasvatus', 'Hallinto']),
    ];
    const facts = places.map((p, i) => ({
      document: 'x.pdf',
      line: i + 1,
      page: 1,
      section: '1. Käyttötalous',
      table: 'costCentres' as const,
      costCentre: p.name,
      account: 'MENOT',
      year: 2024,
      basis: 'TA',
      asOf: null,
      amount: String(-1000 * (i + 1)),
      unit: 'EUR' as const,
      kind: 'figure' as const,
      path: p.path!,
    }));
    const data = withUniqueNames({
      version: 1,
      documents: [
        {
          name: 'x.pdf',
          title: 'x',
          layout: 'pdf',
          serviceArea: 'Sivistyspalvelut',
          reportDate: '2024-12-31',
          lines: 5,
        },
      ],
      costCentres: places,
      facts,
      sections: [],
      reconciliation: [],
      conflicts: [],
    });
    const index = buildUnderstandingIndex(data, {
      aliases: { 'Sivistyspalvelut / Perusopetus / Hallinto': ['koulutoimisto'] },
    });
    const read = understand('koulutoimiston menot', null, index);
    expect(read.kind === 'query' && read.query.subjects).toEqual([
      { kind: 'costCentre', name: 'Hallinto (Perusopetus)' },
    ]);
    const both = understand('hallinnon menot', null, index);
    expect(both.kind).toBe('clarify');
    expect(both.kind === 'clarify' && both.options.map((o) => o.label).sort()).toEqual([
      'Hallinto (Perusopetus)',
      'Hallinto (Varhaiskasvatus)',
    ]);
  });
});
