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
