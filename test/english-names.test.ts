import { describe, expect, it } from 'vitest';
import { compileNameParts, englishNames } from '../src/understanding/english-names';
import { loadLexicon } from '../src/understanding/lexicon';

const parts = compileNameParts(loadLexicon().nameWords.parts);

describe('englishNames', () => {
  it.each([
    ['Ympäristöpalvelut', 'environmental services'],
    ['Pelastus- ja turvallisuuspalvelut', 'rescue and safety services'],
    ['Kulttuuri- ja vapaa-aikapalvelut', 'cultural and leisure services'],
    ['Tekninen toimi', 'technical services'],
    ['Kaavoitus ja maankäyttö', 'planning and land use'],
    ['Jätehuollon valvonta', 'waste management supervision'],
  ])('should name %s in English as "%s" first', (name, english) => {
    expect(englishNames(name, parts)[0]).toBe(english);
  });

  it('should offer the other usual words of a part too, a few names at most', () => {
    const names = englishNames('Ympäristöpalvelut', parts);
    expect(names).toContain('environment services');
    expect(englishNames('Pelastus- ja turvallisuuspalvelut', parts)).toContain(
      'rescue and security services',
    );
    expect(englishNames('Pelastus- ja turvallisuuspalvelut', parts).length).toBeLessThanOrEqual(4);
  });

  it('should give no English name to a name with a part it does not know (never half a translation)', () => {
    expect(englishNames('Harjulan koulu', parts)).toEqual([]);
    expect(englishNames('Ympäristöxyzpalvelut', parts)).toEqual([]);
    expect(englishNames('', parts)).toEqual([]);
  });
});
