import { beforeAll, describe, expect, it } from 'vitest';
import { emptyQuery, type Query } from '../src/domain';
import { buildUnderstandingIndex, type UnderstandingIndex } from '../src/understanding';
import {
  readArea,
  readLexicon,
  readMeasure,
  readMessage,
  readNames,
  readNumbers,
  readRow,
  readWords,
  unreadWords,
} from '../src/understanding/read-message';
import {
  ambiguousName,
  composeQuery,
  nothingAsked,
  UNDERSTANDING_CHECKS,
  unknownBesideName,
  unknownOwner,
  unknownWhereNameExpected,
  unreadMeasure,
  weakNameBesideUnknown,
} from '../src/understanding/understand';
import { understandingStore } from './fixtures/understanding-store';

// Each pass of reading a message, and each check of understanding it, on its own: the whole
// is tested in understand.test.ts and the question set.

let index: UnderstandingIndex;
beforeAll(() => {
  index = buildUnderstandingIndex(understandingStore(), { aliases: {} });
});

const words = (text: string, previous: Query | null = null) => readWords(text, previous, index);
const folds = (text: string) => words(text).tokens.map((t) => t.fold);

describe('reading a message, pass by pass', () => {
  it('should repair a lexicon word misspelt by one letter, but leave a misspelt name to name matching', () => {
    expect(folds('paljonko IT on kayttany')).toContain('kayttanyt');
    expect(folds('tietohalinnon menot')).toContain('tietohalinnon');
  });

  it('should tell the language from the lexicon words, and keep the conversation’s when there are none', () => {
    expect(words('how much has IT spent').lang).toBe('en');
    expect(words('paljonko IT on käyttänyt').lang).toBe('fi');
    expect(words('Vaalit 2021', { ...emptyQuery('en', 'x'), intent: 'figure' }).lang).toBe('en');
  });

  it('should read the period first and leave its words to no other pass', () => {
    const st = words('Vaalien menot vuodesta 2019 vuoteen 2021');
    expect(st.period.years).toEqual([2019, 2020, 2021]);
    expect(st.period.range).toBe(true);
    expect([...st.used].map((i) => st.tokens[i]!.fold)).toEqual(expect.arrayContaining(['2019', '2021']));
  });

  it('should read a column code before an intent word ("TA+muutos" is not "muutos"), and the intent', () => {
    const lex = readLexicon(words('Tietohallinto TA+muutos 2021'));
    expect(lex.intents).toEqual([]);
    expect(lex.measures.map((h) => h.phrase.value)).toContain('budget');
    expect(readLexicon(words('vertaa Vaalit ja Tilintarkastus')).intents[0]?.phrase.value).toBe('compare');
  });

  it('should not read "cost" of "cost centres" as an account', () => {
    expect(readLexicon(words('which cost centres are there')).accounts).toEqual([]);
    expect(readLexicon(words('IT costs 2021')).accounts.map((h) => h.phrase.value)).toEqual(['MENOT']);
  });

  it('should find two subjects, and two equally good names on the same word', () => {
    const st = words('Tietohallinnon ja Joukkoliikenteen menot');
    const names = readNames(st, readLexicon(st));
    expect(names.subjects.map((s) => s.name)).toEqual(['Tietohallinto', 'Joukkoliikenne']);
    const st2 = words('liiton menot');
    const ambiguous = readNames(st2, readLexicon(st2)).ambiguous;
    expect(ambiguous?.candidates.map((m) => m.target.name).sort()).toEqual(['Kuntaliitto', 'Lapin liitto']);
  });

  it('should make "yhteensä" the service area’s total unless cost centres are named', () => {
    const area = (text: string) => {
      const st = words(text);
      const lex = readLexicon(st);
      const names = readNames(st, lex);
      readArea(lex, names);
      return names.subjects.map((s) => s.name);
    };
    expect(area('menot yhteensä 2021')).toEqual(['Hallinto- ja tukipalvelut']);
    expect(area('Vaalien ja Tilintarkastuksen menot yhteensä')).toEqual(['Vaalit', 'Tilintarkastus']);
  });

  it('should read an alert threshold before a ranking length, and a bare number as a threshold only in an alert request', () => {
    const numbers = (text: string, subscription: boolean) => {
      const st = words(text);
      const lex = readLexicon(st);
      readNames(st, lex);
      return readNumbers(st, lex, subscription);
    };
    expect(numbers('top 3 menot 2021', false)).toEqual({ threshold: null, topN: 3 });
    expect(numbers('tilaa hälytys Tietohallinto 80', true)).toEqual({ threshold: '0.8', topN: null });
    expect(numbers('tilaa hälytys Tietohallinto 85,5 %', true).threshold).toBe('0.855');
  });

  it('should read budget and actual words together as their comparison', () => {
    const measure = (text: string) => readMeasure(readLexicon(words(text)));
    expect(measure('Vaalien budjetti ja toteuma 2021')).toEqual({ measure: null, bothMeasures: true });
    expect(measure('Vaalien talousarvio 2021')).toEqual({ measure: 'budget', bothMeasures: false });
  });

  it('should read a change in % of a key figure as its printed change row', () => {
    const st = words('Henkilöstömenojen muutos % 2022');
    const lex = readLexicon(st);
    const row = readRow(st, lex, readNames(st, lex));
    expect(row.account).toBe('Henkilöstömenot');
    expect(row.table).toBe('keyFigures');
  });

  it('should leave the words no pass read as unknown, and short capitals as abbreviations', () => {
    const unread = (text: string) => {
      const st = words(text);
      const lex = readLexicon(st);
      const names = readNames(st, lex);
      readArea(lex, names);
      readNumbers(st, lex, false);
      readRow(st, lex, names);
      return unreadWords(st).map((i) => st.tokens[i]!.raw);
    };
    expect(unread('kirjaston menot 2021')).toEqual(['kirjaston']);
    expect(unread('KV menot')).toEqual(['KV']);
    expect(unread('Vaalien menot 2021')).toEqual([]);
  });
});

describe('understanding a message, check by check', () => {
  const composed = (text: string, previous: Query | null = null) =>
    composeQuery(text, previous, index, readMessage(text, previous, index));

  it('should continue the previous data question with a bare year, and start afresh with a new question', () => {
    const first = composed('Vaalien menot 2021').query!;
    const next = composed('entä 2020?', first);
    expect(next.followUp).toBe(true);
    expect(next.query).toMatchObject({ subjects: [{ name: 'Vaalit' }], years: [2020] });
    expect(composed('suurimmat menot 2021', first).query?.intent).toBe('ranking');
  });

  it('should let every check pass a plain question', () => {
    const c = composed('Vaalien menot 2021');
    expect(UNDERSTANDING_CHECKS.map((check) => check(c))).toEqual(UNDERSTANDING_CHECKS.map(() => null));
  });

  it.each([
    ['two names equally good', ambiguousName, 'liiton menot 2021', 'clarify'],
    [
      'a name we lack beside one we have',
      unknownBesideName,
      'Tietohallinnon ja kirjaston menot 2021',
      'not_found',
    ],
    [
      'the owner of a row we have no one for',
      unknownOwner,
      'kaupunginjohtajan henkilöstökulut 2021',
      'not_found',
    ],
    ['words where a name should be', unknownWhereNameExpected, 'kirjaston menot 2021', 'not_found'],
    [
      'a subject with nothing we can read asked of it',
      unreadMeasure,
      'montako autoa Vaaleilla on',
      'not_found',
    ],
    ['nothing we know', nothingAsked, 'xyzzy', 'not_found'],
  ] as const)('should object to %s', (_, check, text, kind) => {
    expect(check(composed(text))?.kind).toBe(kind);
  });

  it('should take a weak partial name beside an unknown word as a name we lack, not ask which', () => {
    const objection = weakNameBesideUnknown(composed('koulujen toiminnan menot 2021'));
    expect(objection).toMatchObject({ kind: 'not_found', what: 'costCentre', term: 'koulujen toiminnan' });
    expect(weakNameBesideUnknown(composed('Muun toiminnan menot 2021'))).toBeNull();
  });
});
