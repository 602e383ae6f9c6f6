import { describe, expect, it } from 'vitest';
import { formatDate, formatEuro, formatShare } from '../src/domain/format';

describe('format', () => {
  it('should write Finnish euros with no-break spaces and the sign dropped', () => {
    expect(formatEuro('-1488900', 'fi')).toBe('1\u00a0488\u00a0900\u00a0€');
    expect(formatEuro('-141117', 'fi', { signed: true })).toBe('−141\u00a0117\u00a0€');
  });
  it('should write English euros with commas', () => {
    expect(formatEuro('924370', 'en')).toBe('€924,370');
  });
  it('should write shares with one decimal and the language decimal mark', () => {
    expect(formatShare('0.62084', 'fi')).toBe('62,1\u00a0%');
    expect(formatShare('0.62084', 'en')).toBe('62.1%');
  });
  it('should write dates the way each language does', () => {
    expect(formatDate('2022-06-30', 'fi')).toBe('30.6.2022');
    expect(formatDate('2022-06-30', 'en')).toBe('30 Jun 2022');
  });
});
