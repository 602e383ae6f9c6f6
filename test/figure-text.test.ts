import { describe, expect, it } from 'vitest';
import { cardContextOf } from '../src/cards/card-context';
import { basisCode, columnName, formatAmount, sourceLines } from '../src/cards/figure-text';
import type { AnswerFigure } from '../src/domain';

const NBSP = '\u00a0';

const f = (over: Partial<AnswerFigure>): AnswerFigure => ({
  costCentre: 'Tietohallinto',
  account: 'MENOT',
  year: 2022,
  basis: 'TOT',
  asOf: '2022-06-30',
  amount: '-924370',
  unit: 'EUR',
  role: 'actual',
  source: { document: '000_d3382b3632755c54.txt', line: 196 },
  ...over,
});

describe('columnName', () => {
  const cases: [Partial<AnswerFigure>, 'fi' | 'en', string][] = [
    [{}, 'fi', 'Toteuma 30.6.2022'],
    [{}, 'en', 'Actual 30 Jun 2022'],
    [{ basis: 'TP', asOf: undefined, year: 2021 }, 'fi', 'Tilinpäätös 2021'],
    [{ basis: 'TP', asOf: undefined, year: 2021 }, 'en', 'Financial statements 2021'],
    [{ basis: 'TA/KS+muutos', asOf: undefined }, 'fi', 'Muutettu talousarvio 2022'],
    [{ basis: 'TA+muutos', asOf: undefined }, 'en', 'Revised budget 2022'],
    [{ basis: 'KS', asOf: undefined }, 'fi', 'Käyttösuunnitelma 2022'],
    [{ basis: 'TA', asOf: undefined }, 'fi', 'Talousarvio 2022'],
    [{ basis: 'TS', asOf: undefined, year: 2023 }, 'fi', 'Taloussuunnitelma 2023'],
    [{ basis: 'TS', asOf: undefined, year: 2023 }, 'en', 'Financial plan 2023'],
  ];
  it.each(cases)('should name the column of %j in %s in plain words as %s', (over, lang, want) => {
    expect(columnName(f(over), lang)).toBe(want);
  });

  it('should keep the codes as printed for the source line', () => {
    expect(basisCode(f({}), 'fi')).toBe('TOT 30.6.2022');
    expect(basisCode(f({ basis: 'TA/KS+muutos', asOf: undefined }), 'fi')).toBe('TA/KS+muutos 2022');
  });
});

describe('formatAmount', () => {
  const cases: [string, AnswerFigure['unit'], 'fi' | 'en', boolean, string][] = [
    ['-924370', 'EUR', 'fi', true, `924${NBSP}370${NBSP}€`],
    ['-924370', 'EUR', 'fi', false, `−924${NBSP}370${NBSP}€`],
    ['-904', 'EUR/asukas', 'en', false, '-€904 per inhabitant'],
    ['9.0', '%', 'fi', false, `9,0${NBSP}%`],
    ['37', 'count', 'en', false, '37'],
    ['9.91', 'days/person', 'fi', false, `9,91${NBSP}pv/hlö`],
    ['9.91', 'days/person', 'en', false, '9.91 days per person'],
  ];
  it.each(cases)('should write %s %s in %s (magnitude %s) as %j', (amount, unit, lang, magnitude, want) => {
    expect(formatAmount(amount, unit, lang, magnitude)).toBe(want);
  });
});

describe('sourceLines', () => {
  const titles = cardContextOf([
    {
      name: 'budjetti-2020.txt',
      title: 'PALVELUALUE:HALLINTO- JA TUKIPALVELUT',
      serviceArea: 'Hallinto- ja tukipalvelut',
    },
    { name: 'toteuma.txt', title: 'Toteutuma 30.6.2022 - Käyttösuunnitelma 2022', serviceArea: null },
  ]);

  it('should give one line per document, named by its title, with its lines and the columns as printed', () => {
    const figures = [
      f({ basis: 'TP', asOf: undefined, year: 2018, source: { document: 'budjetti-2020.txt', line: 460 } }),
      f({ basis: 'TP', asOf: undefined, year: 2021, source: { document: 'toteuma.txt', line: 194 } }),
      f({ source: { document: 'toteuma.txt', line: 194 } }),
    ];
    expect(sourceLines(figures, 'fi', titles)).toEqual([
      'Palvelualue: Hallinto- ja tukipalvelut, rivi 460 · TP 2018',
      'Toteutuma 30.6.2022 – Käyttösuunnitelma 2022, rivi 194 · TP 2021, TOT 30.6.2022',
    ]);
  });

  it('should never show a file name, even for a document the store does not know', () => {
    expect(sourceLines([f({})], 'fi')).toEqual(['Lähdeasiakirja, rivi 196 · TOT 30.6.2022']);
    expect(sourceLines([f({})], 'en')).toEqual(['Source document, line 196 · TOT 30 Jun 2022']);
  });

  it('should list a few lines and give a range for many', () => {
    const few = [131, 135, 155].map((line) => f({ source: { document: 'toteuma.txt', line } }));
    expect(sourceLines(few, 'en', titles)).toEqual([
      'Toteutuma 30.6.2022 – Käyttösuunnitelma 2022, lines 131, 135, 155 · TOT 30 Jun 2022',
    ]);
    const many = Array.from({ length: 20 }, (_, i) =>
      f({ source: { document: 'toteuma.txt', line: 119 + 4 * i } }),
    );
    expect(sourceLines(many, 'fi', titles)).toEqual([
      'Toteutuma 30.6.2022 – Käyttösuunnitelma 2022, rivit 119–195 · TOT 30.6.2022',
    ]);
  });

  it('should name the page of a PDF and the sheet of a workbook', () => {
    const pdf = f({ source: { document: 'toteuma.txt', page: 4, line: 12 } });
    const sheet = f({ source: { document: 'x.xlsx', sheet: 'Menot', line: 8 } });
    expect(sourceLines([pdf, sheet], 'fi', titles)).toEqual([
      'Toteutuma 30.6.2022 – Käyttösuunnitelma 2022, sivu 4, rivi 12 · TOT 30.6.2022',
      'Lähdeasiakirja, taulukko Menot, rivi 8 · TOT 30.6.2022',
    ]);
  });
});
