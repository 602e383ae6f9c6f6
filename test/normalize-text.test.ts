import { describe, expect, it } from 'vitest';
import { editDistance } from '../src/text/edit-distance';
import { inflectionRoot, stemFinnish } from '../src/understanding/finnish-stem';
import { foldText, foldWords, tokenize } from '../src/understanding/normalize-text';

describe('foldText', () => {
  it.each([
    ['Käyttänyt', 'kayttanyt'],
    ['Itä-Lapin kuntayhtymä', 'ita-lapin kuntayhtyma'],
    ['TYÖTERVEYSHUOLTO', 'tyoterveyshuolto'],
    ['Åland', 'aland'],
  ])('should fold %s to %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});

describe('tokenize', () => {
  it('should split on spaces, punctuation, hyphens and slashes, keeping offsets', () => {
    const text = 'Paljonko Itä-Lapin kuntayhtymä on käyttänyt?';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.fold)).toEqual(['paljonko', 'ita', 'lapin', 'kuntayhtyma', 'on', 'kayttanyt']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.raw);
  });

  it('should keep € and % as words of their own, since "80 %" and "€/asukas" carry meaning', () => {
    expect(foldWords('Toimintakate €/asukas 80 %')).toEqual(['toimintakate', '€', 'asukas', '80', '%']);
  });

  it('should give no tokens for emoji and punctuation only', () => {
    expect(tokenize('🤔💶 ?!… ---')).toEqual([]);
  });

  it('should stop at the token limit', () => {
    expect(tokenize('a '.repeat(500), 60)).toHaveLength(60);
  });
});

describe('stemFinnish', () => {
  // The stemmer brings many inflected forms together, but not all (see inflectionRoot).
  it.each([
    ['Henkilöstöpalveluiden', 'henkilöstöpalvelut'],
    ['talouspalveluiden', 'Talouspalvelut'],
    ['Kehittämisprojektien', 'kehittämisprojektit'],
    ['liitolle', 'liitto'],
    ['liitoille', 'liitto'],
    ['Sortteerin', 'sortteeri'],
    ['kayttanyt', 'käyttänyt'],
  ])('should stem %s like %s', (inflected, base) => {
    expect(stemFinnish(inflected)).toBe(stemFinnish(base));
  });

  it.each([
    ['tietohallinnon', 'tietohallinto'],
    ['joukkoliikenteeseen', 'joukkoliikenne'],
    ['työllisyydenhoidolla', 'työllisyydenhoito'],
  ])('should not stem %s like %s (consonant gradation), which is why roots exist', (inflected, base) => {
    expect(stemFinnish(inflected)).not.toBe(stemFinnish(base));
    expect(foldText(inflected).startsWith(inflectionRoot(foldText(base)))).toBe(true);
  });
});

describe('inflectionRoot', () => {
  it.each([
    ['tietohallinto', 'tietohallin'],
    ['joukkoliikenne', 'joukkoliiken'],
    ['vaalit', 'vaal'],
    ['hallitus', 'hallit'],
    ['sahkoinen', 'sahkoi'],
    ['muu', 'muu'],
  ])('should give %s the root %s', (word, root) => {
    expect(inflectionRoot(word)).toBe(root);
  });
});

describe('editDistance', () => {
  it.each([
    ['tietohalinto', 'tietohallinto', 2, 1],
    ['tietohallinto', 'tietohallinto', 2, 0],
    ['tietohallinot', 'tietohallinto', 2, 1], // swapped neighbours count once
    ['kirjasto', 'tilintarkastus', 2, 3], // gives up past the limit: max + 1
  ])('should measure %s → %s (max %i) as %i', (a, b, max, d) => {
    expect(editDistance(a, b, max)).toBe(d);
  });
});
