import { describe, expect, it } from 'vitest';
import { genitive, partitivePlural } from '../src/text/finnish-inflection';

describe('genitive', () => {
  // Every cost centre of the seeds, and names of the same family from other cities' reports.
  it.each([
    ['Tietohallinto', 'Tietohallinnon'],
    ['Joukkoliikenne', 'Joukkoliikenteen'],
    ['Vaalit', 'Vaalien'],
    ['Tilintarkastus', 'Tilintarkastuksen'],
    ['Kaupunginvaltuusto', 'Kaupunginvaltuuston'],
    ['Kaupunginhallitus', 'Kaupunginhallituksen'],
    ['Johtaminen', 'Johtamisen'],
    ['Suhdetoiminta', 'Suhdetoiminnan'],
    ['Kuntaliitto', 'Kuntaliiton'],
    ['Lapin liitto', 'Lapin liiton'],
    ['Itä-Lapin kuntayhtymä', 'Itä-Lapin kuntayhtymän'],
    ['Hallintopalvelut', 'Hallintopalvelujen'],
    ['Talouspalvelut', 'Talouspalvelujen'],
    ['Kunnallisverotus', 'Kunnallisverotuksen'],
    ['Henkilöstön lomaosake', 'Henkilöstön lomaosakkeen'],
    ['Työsuojelu', 'Työsuojelun'],
    ['Muu toiminta', 'Muun toiminnan'],
    ['Sortteeri', 'Sortteerin'],
    ['Maaseutuneuvonta', 'Maaseutuneuvonnan'],
    ['Kemijärvi 150', 'Kemijärvi 150:n'],
    ['Yksinyrittäjän avustus', 'Yksinyrittäjän avustuksen'],
    ['Kehittämisprojektit', 'Kehittämisprojektien'],
    ['Työterveyshuolto', 'Työterveyshuollon'],
    ['Työllisyydenhoito (työllistämispalvelut)', 'Työllisyydenhoidon'],
    ['Opiskelijoiden kesätyö', 'Opiskelijoiden kesätyön'],
    ['Työmarkkinatuen kuntaosuus', 'Työmarkkinatuen kuntaosuuden'],
    ['Hallinto- ja tukipalvelut', 'Hallinto- ja tukipalvelujen'],
    ['Tekninen lautakunta', 'Teknisen lautakunnan'],
    ['IT', 'IT:n'],
    ['Sivistystoimi', 'Sivistystoimen'],
    ['Kemijärvi', 'Kemijärven'],
  ])('should write the genitive of %j as %j', (name, want) => {
    expect(genitive(name)).toBe(want);
  });
});

describe('partitivePlural', () => {
  it.each([
    ['menot', 'menoja'],
    ['tulot', 'tuloja'],
    ['nettomenot', 'nettomenoja'],
    ['henkilöstökulut', 'henkilöstökuluja'],
    ['kululajit', 'kululajeja'],
  ])('should write the partitive plural of %j as %j', (word, want) => {
    expect(partitivePlural(word)).toBe(want);
  });

  it('should give null for a word no rule fits, so the question is written without it', () => {
    expect(partitivePlural('toimintakate')).toBeNull();
  });
});
