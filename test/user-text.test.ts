import { describe, expect, it } from 'vitest';
import { literal, withoutFileNames } from '../src/cards/user-text';

const WJ = '\u2060';

describe('literal', () => {
  // Each case: what a user typed, and what the card carries (word joiners are invisible).
  const cases: [string, string][] = [
    ['paljonko Tietohallinto on käyttänyt?', 'paljonko Tietohallinto on käyttänyt?'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the point is text that looks like a template
    ['${title}', `$${WJ}{title}`],
    ['{{DATE(2022-06-30T00:00:00Z, SHORT)}}', `{${WJ}{DATE(2022-06-30T00:00:00Z, SHORT)}${WJ}}`],
    ['**bold** <b>x</b> [a](b)', '**bold** <b>x</b> [a](b)'],
    ['$ 100 {a}', '$ 100 {a}'],
  ];
  it.each(cases)('should keep %j readable and inert', (input, want) => {
    expect(literal(input)).toBe(want);
    expect(literal(input).replace(/\u2060/g, '')).toBe(input);
  });

  it('should cut long text at a character boundary with an ellipsis', () => {
    expect(literal('äöå'.repeat(10), 5)).toBe('äöåäö…');
    expect(literal('lyhyt', 5)).toBe('lyhyt');
  });

  it('should not split an emoji when cutting', () => {
    expect(literal('ab😀cd', 3)).toBe('ab😀…');
  });
});

describe('withoutFileNames', () => {
  // Each case: answer text from the core, and what a card shows of it.
  const cases: [string, string][] = [
    [
      'Muutos 2020–2021: 99 228 € enemmän (+6,7 %). Lähde: 000_d3382b3632755c54.txt, rivi 196.',
      'Muutos 2020–2021: 99 228 € enemmän (+6,7 %).',
    ],
    [
      '2. Toiminnalliset tavoitteet (000_d3382b3632755c54.txt, in Finnish): Tavoitteet.',
      '2. Toiminnalliset tavoitteet (in Finnish): Tavoitteet.',
    ],
    ['Käyttö 62,1 %. Source: talousarvio-2023.pdf, page 4, line 12.', 'Käyttö 62,1 %.'],
    ['Lähde: a.txt, rivi 1; b.csv, rivi 2.', ''],
    ['Ei lähdettä, 62,1 % käytetty.', 'Ei lähdettä, 62,1 % käytetty.'],
  ];
  it.each(cases)('should show %j as %j', (input, want) => {
    expect(withoutFileNames(input)).toBe(want);
    expect(withoutFileNames(input)).not.toMatch(/\.(txt|pdf|xlsx|csv)\b/);
  });
});
