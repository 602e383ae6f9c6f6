import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNoFigure, parseFinnishNumber, readNumberRun } from '../src/ingest/finnish-number';

// How Finnish reports print an integer: space-grouped thousands, a hyphen for minus.
function printFi(n: bigint): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${neg ? '-' : ''}${digits}`;
}

const cases: { printed: string; expected: string | null }[] = [
  { printed: '-2 116 095', expected: '-2116095' },
  { printed: '858 259', expected: '858259' },
  { printed: '0', expected: '0' },
  { printed: '-0,37', expected: '-0.37' },
  { printed: '9,0', expected: '9.0' },
  { printed: '3,9', expected: '3.9' },
  { printed: '\u2212924 370', expected: '-924370' },
  { printed: '1\u00a0488\u00a0900', expected: '1488900' },
  { printed: '2018', expected: '2018' },
  { printed: 'xx', expected: null },
  { printed: '12 34', expected: null },
  { printed: 'MENOT', expected: null },
  { printed: '1 2345', expected: null },
];

describe('parseFinnishNumber', () => {
  it.each(cases)('should read "$printed" as $expected', ({ printed, expected }) => {
    expect(parseFinnishNumber(printed)).toBe(expected);
  });

  it('should give back any integer printed with Finnish thousands groups', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (n) => {
        expect(parseFinnishNumber(printFi(n))).toBe(n.toString());
      }),
    );
  });

  it('should keep the printed decimals of a decimal-comma figure exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9999, max: 9999 }), fc.stringMatching(/^\d{1,3}$/), (int, frac) => {
        const printed = `${int < 0 ? '-' : ''}${printFi(BigInt(Math.abs(int)))},${frac}`;
        expect(parseFinnishNumber(printed)).toBe(`${int < 0 ? '-' : ''}${Math.abs(int)}.${frac}`);
      }),
    );
  });

  it('should refuse text that is not a figure', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => /[a-zA-Z]/.test(s)),
        (s) => {
          expect(parseFinnishNumber(s)).toBeNull();
        },
      ),
    );
  });
});

describe('isNoFigure', () => {
  it.each(['', '  ', 'xx', 'XX', '-'])('should treat "%s" as no figure', (cell) => {
    expect(isNoFigure(cell)).toBe(true);
  });
  it.each(['0', '-1', '12 000'])('should treat "%s" as a figure', (cell) => {
    expect(isNoFigure(cell)).toBe(false);
  });
});

describe('readNumberRun', () => {
  it('should find the one reading of a run with signs and short groups', () => {
    expect(readNumberRun('-6 623 -27 000 -25 750 -660 -660'.split(' '), 5)).toEqual([
      ['-6623', '-27000', '-25750', '-660', '-660'],
    ]);
    expect(readNumberRun('16 045 27 000 28 460 0 0'.split(' '), 5)).toEqual([
      ['16045', '27000', '28460', '0', '0'],
    ]);
  });

  it('should list every reading of a run of three-digit groups', () => {
    const readings = readNumberRun('510 240 680 240'.split(' '), 2);
    expect(readings).toContainEqual(['510240', '680240']);
    expect(readings).toContainEqual(['510', '240680240']);
    expect(readings).toHaveLength(3);
  });

  it('should never start a figure with a zero-led group such as "045"', () => {
    expect(readNumberRun(['16', '045'], 2)).toEqual([]);
  });

  it('should always include the true reading of figures printed side by side', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), { minLength: 1, maxLength: 5 }),
        (values) => {
          const tokens = values.map(printFi).join(' ').split(' ');
          expect(readNumberRun(tokens, values.length)).toContainEqual(values.map((v) => v.toString()));
        },
      ),
    );
  });
});

// Every way to split a run of groups into figures, by brute force over the places between
// groups: what readNumberRun must find, by whatever shortcut.
function allReadings(tokens: readonly string[], count: number): string[][] {
  const joinable = (i: number): boolean =>
    /^\d{3}$/.test(tokens[i]!) &&
    !tokens[i - 1]!.includes(',') &&
    !/^[-\u2212\u2013]?0$/.test(tokens[i - 1]!);
  const text = (groups: string[]): string =>
    groups
      .join('')
      .replace(/^[\u2212\u2013]/, '-')
      .replace(',', '.');
  const out: string[][] = [];
  for (let mask = 0; mask < 2 ** (tokens.length - 1); mask++) {
    const figures: string[][] = [[tokens[0]!]];
    let ok = true;
    for (let i = 1; i < tokens.length && ok; i++) {
      if (mask & (2 ** (i - 1))) {
        // A new figure never starts with a zero-led group that could continue the one before.
        if (joinable(i) && tokens[i]!.startsWith('0')) ok = false;
        figures.push([tokens[i]!]);
      } else if (joinable(i)) figures[figures.length - 1]!.push(tokens[i]!);
      else ok = false;
    }
    if (ok && figures.length === count && figures.every((f) => f.length <= 5 && text(f) !== ''))
      out.push(figures.map(text));
  }
  return out;
}

describe('readNumberRun against every split', () => {
  it('should find exactly the readings a brute force over the splits finds (property)', () => {
    const group = fc.constantFrom(
      '0',
      '000',
      '045',
      '100',
      '999',
      '7',
      '12',
      '-0',
      '-5',
      '-701',
      '\u221212',
      '3,9',
      '0,00',
      '12,50',
    );
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 6 }),
        (tokens, count) => {
          const sorted = (rs: string[][]) => rs.map((r) => r.join(' ')).sort();
          expect(sorted(readNumberRun(tokens, count, 1_000_000))).toEqual(sorted(allReadings(tokens, count)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('readNumberRun with a bound on how alike the figures are', () => {
  // The spread the row readings are ranked by: most integer digits − fewest, zeros left out.
  const spread = (reading: string[]): number => {
    const d = reading.filter((v) => Number(v) !== 0).map((v) => v.replace(/^-/, '').split('.')[0]!.length);
    return d.length === 0 ? 0 : Math.max(...d) - Math.min(...d);
  };

  it('should give exactly the readings within the bound of the most alike one, in the same order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 3 }),
        (values, alike) => {
          const tokens = values.map(printFi).join(' ').split(' ');
          const all = readNumberRun(tokens, values.length, 100_000);
          const best = Math.min(...all.map(spread));
          expect(readNumberRun(tokens, values.length, 100_000, alike)).toEqual(
            all.filter((r) => spread(r) <= best + alike),
          );
        },
      ),
    );
  });

  it('should count digits as the figures print them, whatever the groups (zeros, decimals, minus signs)', () => {
    // Groups as text extracted from a PDF prints them; the walk counts digits without joining text.
    const group = fc.constantFrom(
      '0',
      '000',
      '045',
      '100',
      '999',
      '7',
      '12',
      '-0',
      '-5',
      '\u221212',
      '\u20133',
      '3,9',
      '0,00',
      '-0,5',
      '12,50',
    );
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 1, maxLength: 9 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        (tokens, count, alike) => {
          const all = readNumberRun(tokens, count, 100_000);
          if (all.length === 0) return;
          const best = Math.min(...all.map(spread));
          expect(readNumberRun(tokens, count, 100_000, alike)).toEqual(
            all.filter((r) => spread(r) <= best + alike),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('should read no figure from more than five digit groups', () => {
    const groups = Array.from({ length: 12 }, () => '100');
    // Twelve groups make at least three figures (5 + 5 + 2), never one or two.
    expect(readNumberRun(groups, 2)).toEqual([]);
    expect(readNumberRun(groups, 3).every((r) => r.every((v) => v.length <= 15))).toBe(true);
  });
});
