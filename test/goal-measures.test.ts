import { describe, expect, it } from 'vitest';
import { measuredValues, measuresTables } from '../src/ingest/goal-measures';

describe('measuredValues: key figures printed in a goal table’s cells', () => {
  it.each([
    [
      'Tunnukset kaikkien esimiesten käytössä  Sairauspoissaolot 9,91 pv/hlö 30.6.2022, tapaamiset säännöllisiä',
      [{ label: 'Sairauspoissaolot', amount: '9.91', unit: 'days/person', asOf: '2022-06-30', year: 2022 }],
    ],
    [
      'Asiakaskäynnit 1 250 kpl 31.12.2021',
      [{ label: 'Asiakaskäynnit', amount: '1250', unit: 'count', asOf: '2021-12-31', year: 2021 }],
    ],
    [
      'Käyttöaste 85,5 % 30.6.2022',
      [{ label: 'Käyttöaste', amount: '85.5', unit: '%', asOf: '2022-06-30', year: 2022 }],
    ],
  ])('should read %j as a measured value', (text, want) => {
    expect(measuredValues(text)).toMatchObject(want);
  });

  it.each([
    'Toteutus syksyn 2022 aikana.',
    'Kilpailutuksen toteutuminen loppuvuodesta 2022',
    'Sopimus allekirjoitettu 30.6.2022',
    'Sairauspoissaolot (pv/hlö), yhteistyötapaamiset',
    'Kaupungin 150-juhlavuoden materiaaleja',
  ])('should read no figure from %j (no number with a unit and a date)', (text) => {
    expect(measuredValues(text)).toEqual([]);
  });

  it('should make one key-figure table per date, each row at its own line', () => {
    const tables = measuresTables(
      [
        { line: 23, texts: ['Sairauspoissaolot 9,91 pv/hlö 30.6.2022'] },
        { line: 25, texts: ['Käyttöaste 85 % 30.6.2022', 'Asiakaskäynnit 12 kpl 31.12.2021'] },
      ],
      '2. Toiminnalliset tavoitteet',
    );
    expect(tables.map((t) => t.columns[0]?.asOf)).toEqual(['2022-06-30', '2021-12-31']);
    expect(tables[0]?.rows.map((r) => [r.line, r.label, r.readings])).toEqual([
      [23, 'Sairauspoissaolot pv/hlö', [['9.91']]],
      [25, 'Käyttöaste %', [['85']]],
    ]);
    expect(tables.every((t) => t.measures === true && t.section === '2. Toiminnalliset tavoitteet')).toBe(
      true,
    );
  });
});
