import { describe, expect, it } from 'vitest';
import { columnName, formatAmount, sourceLines } from '../src/cards/figure-text';
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
    [{ basis: 'TA/KS+muutos', asOf: undefined }, 'fi', 'TA/KS+muutos 2022'],
    [{ basis: 'TS', asOf: undefined, year: 2023 }, 'en', 'TS 2023'],
  ];
  it.each(cases)('should name the column of %j in %s as %s', (over, lang, want) => {
    expect(columnName(f(over), lang)).toBe(want);
  });
});

describe('formatAmount', () => {
  const cases: [string, AnswerFigure['unit'], 'fi' | 'en', boolean, string][] = [
    ['-924370', 'EUR', 'fi', true, `924${NBSP}370${NBSP}€`],
    ['-924370', 'EUR', 'fi', false, `−924${NBSP}370${NBSP}€`],
    ['-904', 'EUR/asukas', 'en', false, '-€904 per inhabitant'],
    ['9.0', '%', 'fi', false, `9,0${NBSP}%`],
    ['37', 'count', 'en', false, '37'],
  ];
  it.each(cases)('should write %s %s in %s (magnitude %s) as %j', (amount, unit, lang, magnitude, want) => {
    expect(formatAmount(amount, unit, lang, magnitude)).toBe(want);
  });
});

describe('sourceLines', () => {
  it('should give one line per document, with its columns and lines, derived from the figures', () => {
    const figures = [
      f({ basis: 'TP', asOf: undefined, year: 2018, source: { document: 'budjetti-2020.txt', line: 460 } }),
      f({ basis: 'TP', asOf: undefined, year: 2021, source: { document: 'toteuma.txt', line: 194 } }),
      f({ source: { document: 'toteuma.txt', line: 194 } }),
    ];
    expect(sourceLines(figures, 'fi')).toEqual([
      'Lähde: Tilinpäätös 2018, rivi 460',
      'Lähde: Tilinpäätös 2021, Toteuma 30.6.2022, rivi 194',
    ]);
  });

  it('should list a few lines and give a range for many', () => {
    const few = [131, 135, 155].map((line) => f({ source: { document: 'd.txt', line } }));
    expect(sourceLines(few, 'en')).toEqual(['Source: Actual 30 Jun 2022, lines 131, 135, 155']);
    const many = Array.from({ length: 20 }, (_, i) =>
      f({ source: { document: 'd.txt', line: 119 + 4 * i } }),
    );
    expect(sourceLines(many, 'fi')).toEqual(['Lähde: Toteuma 30.6.2022, rivit 119–195']);
  });
});
