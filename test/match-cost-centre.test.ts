import { beforeAll, describe, expect, it } from 'vitest';
import { buildUnderstandingIndex, type UnderstandingIndex } from '../src/understanding';
import { findNameCandidates, labelPreference, pickNames } from '../src/understanding/match-cost-centre';
import { tokenize } from '../src/understanding/normalize-text';
import { understandingStore } from './fixtures/understanding-store';

let index: UnderstandingIndex;
beforeAll(() => {
  index = buildUnderstandingIndex(understandingStore(), { aliases: {} });
});

/** The names picked from a phrase, every word offered (no lexicon in the way). */
function pick(text: string) {
  const tokens = tokenize(text);
  return pickNames(
    findNameCandidates(tokens, () => true, index.names),
    labelPreference(new Set(), index.tablePreference),
  );
}

// Each form must lead to its name: inflection, consonant gradation, no diacritics, typos,
// multi-word names, other names and English.
const resolves: [string, string][] = [
  ['Tietohallinto', 'Tietohallinto'],
  ['Tietohallinnon', 'Tietohallinto'],
  ['tietohallinnolle', 'Tietohallinto'],
  ['tietohallinnossa', 'Tietohallinto'],
  ['TIETOHALLINNOLTA', 'Tietohallinto'],
  ['tietohalinto', 'Tietohallinto'],
  ['tietohallnnon', 'Tietohallinto'],
  ['tietohalinnon', 'Tietohallinto'],
  ['tietohallinot', 'Tietohallinto'],
  ['vaaleihin', 'Vaalit'],
  ['vaalien', 'Vaalit'],
  ['joukkoliikenteeseen', 'Joukkoliikenne'],
  ['joukkoliikenteen', 'Joukkoliikenne'],
  ['joukkoliikene', 'Joukkoliikenne'],
  ['Lapin liitolle', 'Lapin liitto'],
  ['lapin liiton', 'Lapin liitto'],
  ['Kuntaliitolle', 'Kuntaliitto'],
  ['Työllisyydenhoidolla', 'Työllisyydenhoito (työllistämispalvelut)'],
  ['tyollisyydenhoidon', 'Työllisyydenhoito (työllistämispalvelut)'],
  ['työllistämispalvelut', 'Työllisyydenhoito (työllistämispalvelut)'],
  ['Henkilöstöpalveluiden', 'Henkilöstöpalvelut'],
  ['henkilostopalvelujen', 'Henkilöstöpalvelut'],
  ['Talouspalveluiden', 'Talouspalvelut'],
  ['Kunnallisverotuksen', 'Kunnallisverotus'],
  ['Kehittämisprojektien', 'Kehittämisprojektit'],
  ['Työterveyshuollon', 'Työterveyshuolto'],
  ['tyoterveyshuolto', 'Työterveyshuolto'],
  ['Sortteerin', 'Sortteeri'],
  ['Valtuuston', 'Kaupunginvaltuusto'],
  ['kaupunginvaltuustolle', 'Kaupunginvaltuusto'],
  ['Hallituksen', 'Kaupunginhallitus'],
  ['Itä-Lapin kuntayhtymän', 'Itä-Lapin kuntayhtymä'],
  ['ita-lapin kuntayhtymalle', 'Itä-Lapin kuntayhtymä'],
  ['Itä-Lapin Ky', 'Itä-Lapin kuntayhtymä'],
  ['kuntayhtymän', 'Itä-Lapin kuntayhtymä'], // the head word alone, and no other name has it
  ['Muun toiminnan', 'Muu toiminta'],
  ['muulle toiminnalle', 'Muu toiminta'],
  ['Opiskelijoiden kesätyöt', 'Opiskelijoiden kesätyö'],
  ['Kemijärvi 150', 'Kemijärvi 150'],
  ['ystävyyskaupunkitoiminnan', 'Ystävyyskaupunkitoiminta'],
  ['Maaseutuneuvonnan', 'Maaseutuneuvonta'],
  ['IT', 'Tietohallinto'],
  ['ICT', 'Tietohallinto'],
  ['public transport', 'Joukkoliikenne'],
  ['elections', 'Vaalit'],
  ['occupational health', 'Työterveyshuolto'],
  ['Hallinto- ja tukipalvelut', 'Hallinto- ja tukipalvelut'],
  ['hallinto- ja tukipalveluiden', 'Hallinto- ja tukipalvelut'],
  ['Henkilöstökulut', 'Henkilöstökulut'],
  ['henkilostokulujen', 'Henkilöstökulut'],
  ['palvelujen ostot', 'Palvelujen ostot'],
  ['vuokrat', 'Vuokrat'],
  ['vuokratulot', 'Vuokratulot'],
  ['avustukset', 'Avustukset'],
  ['toimintakate', 'TOIMINTAKATE/JÄÄMÄ'],
  ['toimintakatteen', 'TOIMINTAKATE/JÄÄMÄ'],
  ['toimintakate €/asukas', 'Toimintakate €/asukas'],
  ['vakinaiset virat', 'Vakinaiset virat ja toimet 31.12.'],
  ['Sosiaalihuollon Kanta', 'Sosiaalihuollon Kanta'],
  ['personnel costs', 'Henkilöstökulut'],
  ['rents', 'Vuokrat'],
  ['operating margin per inhabitant', 'Toimintakate €/asukas'],
];

describe('matching names', () => {
  it.each(resolves)('should read "%s" as %s', (text, name) => {
    const result = pick(text);
    expect(result.ambiguous).toBeNull();
    expect(result.chosen.map((m) => m.target.name)).toEqual([name]);
  });

  it('should find two names in one question, each on its own words', () => {
    const result = pick('Tietohallinnon ja Joukkoliikenteen');
    expect(result.chosen.map((m) => m.target.name).sort()).toEqual(['Joukkoliikenne', 'Tietohallinto']);
  });

  // Two comparable matches on the same words: ask, never pick one silently.
  it.each([
    ['liitto', ['Kuntaliitto', 'Lapin liitto']],
    ['liitoille', ['Kuntaliitto', 'Lapin liitto']],
    ['liiton', ['Kuntaliitto', 'Lapin liitto']],
    ['toiminta', ['Muu toiminta', 'Yhteistoiminta', 'Ystävyyskaupunkitoiminta', 'Suhdetoiminta']],
  ])('should find "%s" ambiguous between %j', (text, names) => {
    const result = pick(text);
    expect(result.ambiguous?.candidates.map((m) => m.target.name).sort()).toEqual([...names].sort());
  });

  // Names that are not in the data must not be matched to something else.
  it.each([
    'sosiaalitoimi',
    'kirjasto',
    'koulut',
    'kouluille',
    'terveyskeskus',
    'nuorisotoimi',
    'palolaitos',
    'xyzzy',
    'pelastus',
  ])('should match nothing for "%s"', (text) => {
    const result = pick(text);
    expect(result.chosen).toEqual([]);
    expect(result.ambiguous).toBeNull();
  });

  it('should not take a bare modifier ("Lapin") for a multi-word name', () => {
    expect(pick('Lapin').chosen).toEqual([]);
  });
});
