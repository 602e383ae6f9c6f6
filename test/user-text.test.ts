import { describe, expect, it } from 'vitest';
import { literal } from '../src/cards/user-text';

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
