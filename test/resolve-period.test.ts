import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../src/domain';
import { buildUnderstandingIndex, type UnderstandingIndex } from '../src/understanding';
import { tokenize } from '../src/understanding/normalize-text';
import { dateInYear, resolvePeriod } from '../src/understanding/resolve-period';
import { understandingStore } from './fixtures/understanding-store';

let index: UnderstandingIndex;
beforeAll(() => {
  // The fixture's newest year is 2022, reported up to 30.6.2022.
  index = buildUnderstandingIndex(understandingStore(), { aliases: {} });
});

function period(text: string, lang: Lang = 'fi') {
  return resolvePeriod(text, tokenize(text), index.periods, index.periodContext, lang);
}

interface Case {
  text: string;
  years: number[];
  asOf?: string | null;
  note?: string | null;
  range?: boolean;
  lang?: Lang;
}

const cases: Case[] = [
  { text: 'menot 2021', years: [2021] },
  { text: 'vuonna 2021', years: [2021] },
  { text: 'menot 2019 ja 2021', years: [2019, 2021] },
  { text: '2020–2021', years: [2020, 2021], range: true },
  { text: 'vuosina 2018-2022', years: [2018, 2019, 2020, 2021, 2022], range: true },
  { text: 'from 2019 to 2021', years: [2019, 2020, 2021], range: true, lang: 'en' },
  { text: 'toteuma 30.6.2022', years: [2022], asOf: '2022-06-30' },
  { text: 'tilanne 31.3.', years: [2022], asOf: '2022-03-31', note: '31.3. → 31.3.2022' },
  { text: 'kesäkuun loppuun', years: [2022], asOf: '2022-06-30', note: 'kesäkuun loppuun → 30.6.2022' },
  {
    text: 'maaliskuun 2021 loppuun',
    years: [2021],
    asOf: '2021-03-31',
    note: 'maaliskuun 2021 loppuun → 31.3.2021',
  },
  { text: 'by the end of June', years: [2022], asOf: '2022-06-30', lang: 'en' },
  { text: 'tähän mennessä', years: [2022], asOf: '2022-06-30', note: 'tähän mennessä → 30.6.2022' },
  { text: 'so far', years: [2022], asOf: '2022-06-30', note: 'so far → 30 Jun 2022', lang: 'en' },
  { text: 'tänä vuonna', years: [2022], asOf: null, note: 'tänä vuonna → 2022' },
  { text: 'this year', years: [2022], asOf: null, note: 'this year → 2022', lang: 'en' },
  { text: 'viime vuonna', years: [2021], note: 'viime vuonna → 2021' },
  { text: 'last year', years: [2021], note: 'last year → 2021', lang: 'en' },
  { text: 'toissa vuonna', years: [2020], note: 'toissa vuonna → 2020' },
  { text: 'ensi vuonna', years: [2023], note: 'ensi vuonna → 2023' },
  { text: 'kaikki vuodet', years: [], range: true },
  { text: 'menot 1-6/2021', years: [2021], asOf: '2021-06-30', note: '1-6/2021 → 30.6.2021' },
  { text: 'menot 9/2022', years: [2022], asOf: '2022-09-30', note: '9/2022 → 30.9.2022' },
  {
    text: 'ensimmäisellä vuosipuoliskolla 2021',
    years: [2021],
    asOf: '2021-06-30',
    note: 'ensimmäisellä vuosipuoliskolla → 30.6.2021',
  },
  { text: 'alkuvuonna', years: [2022], asOf: '2022-06-30', note: 'alkuvuonna → 30.6.2022' },
  { text: 'vuodesta 2019', years: [2019, 2020, 2021, 2022], range: true },
  { text: '2020 lähtien', years: [2020, 2021, 2022], range: true },
  { text: 'since 2020', years: [2020, 2021, 2022], range: true, lang: 'en' },
  { text: 'vuoden 2019 menot', years: [2019] }, // the genitive names the year, it does not start a series
  { text: 'vuotta aiemmin', years: [2021], note: 'vuotta aiemmin → 2021' },
  { text: 'Kemijärvi 150', years: [] }, // a number in a name is no year
  { text: 'top 5', years: [] },
  { text: '32.13.2022', years: [2022], asOf: null }, // no such date; the year still stands
  { text: '', years: [] },
];

describe('resolvePeriod', () => {
  it.each(cases)('should read "$text" as $years', (c) => {
    const p = period(c.text, c.lang);
    expect(p.years).toEqual(c.years);
    if (c.asOf !== undefined) expect(p.asOf).toBe(c.asOf);
    if (c.note !== undefined) expect(p.periodNote).toBe(c.note);
    expect(p.range).toBe(c.range ?? false);
  });

  it('should count "vuotta aiemmin" from the year the conversation is about', () => {
    const p = resolvePeriod(
      'entä vuotta aiemmin?',
      tokenize('entä vuotta aiemmin?'),
      index.periods,
      index.periodContext,
      'fi',
      2019,
    );
    expect(p.years).toEqual([2018]);
  });

  it('should use up the words it read, so they are never taken for names', () => {
    const text = 'Tietohallinnon menot viime vuonna';
    const p = period(text);
    expect([...p.used].map((i) => tokenize(text)[i]!.fold)).toEqual(['viime', 'vuonna']);
  });

  it('should resolve relative words against a store whose newest year is different', () => {
    const store = understandingStore();
    store.facts = store.facts.map((f) => ({ ...f, year: f.year + 3, asOf: f.asOf ? '2025-09-30' : null }));
    store.documents = store.documents.map((d) => ({
      ...d,
      reportDate: d.reportDate?.replace(/^\d{4}/, (y) => String(Number(y) + 3)) ?? null,
    }));
    const later = buildUnderstandingIndex(store, { aliases: {} });
    const text = 'tähän mennessä';
    const p = resolvePeriod(text, tokenize(text), later.periods, later.periodContext, 'fi');
    expect(p.years).toEqual([2025]);
    expect(p.asOf).toBe('2025-09-30');
  });
});

interface MonthCase {
  text: string;
  asOf: string | null;
  /** The month alone or a span of months (not the year to its end). */
  month: boolean;
  fromMonth?: number | null;
  lang?: Lang;
}

// Spans of months and dates written with a month's name (the fixture's newest year is 2022).
const monthCases: MonthCase[] = [
  { text: 'menot heinä–syyskuussa 2021', asOf: '2021-09-30', month: true, fromMonth: 7 },
  { text: 'heinä-syyskuu 2021', asOf: '2021-09-30', month: true, fromMonth: 7 },
  { text: 'kesä- ja heinäkuussa 2021 yhteensä', asOf: '2021-07-31', month: true, fromMonth: 6 },
  { text: 'kesä-, heinä- ja elokuussa', asOf: '2022-08-31', month: true, fromMonth: 6 },
  { text: 'heinäkuusta syyskuuhun 2021', asOf: '2021-09-30', month: true, fromMonth: 7 },
  { text: 'heinäkuun alusta syyskuun loppuun', asOf: '2022-09-30', month: true, fromMonth: 7 },
  { text: 'July to September 2021', asOf: '2021-09-30', month: true, fromMonth: 7, lang: 'en' },
  { text: 'between July and September', asOf: '2022-09-30', month: true, fromMonth: 7, lang: 'en' },
  { text: 'June and July 2021', asOf: '2021-07-31', month: true, fromMonth: 6, lang: 'en' },
  // Months that do not follow each other are no span: the first month is read, as before.
  { text: 'maaliskuussa ja kesäkuussa 2021', asOf: '2021-03-31', month: true, fromMonth: null },
  // "kesä" is summer unless a hyphen makes it a month's stem.
  { text: 'kesä ja heinäkuu 2021', asOf: '2021-07-31', month: true, fromMonth: null },
  // From January a span is the year to date.
  { text: 'tammi–kesäkuussa 2022', asOf: '2022-06-30', month: false },
  { text: 'jan-sep 2022', asOf: '2022-09-30', month: false, lang: 'en' },
  { text: 'Q3 2021', asOf: '2021-09-30', month: true, fromMonth: 7 },
  { text: 'heinä–syyskuussa 2021 (Q3)', asOf: '2021-09-30', month: true, fromMonth: 7 },
  { text: 'kolmannella vuosineljänneksellä 2021', asOf: '2021-09-30', month: true, fromMonth: 7 },
  { text: 'toisella neljänneksellä', asOf: '2022-06-30', month: true, fromMonth: 4 },
  { text: 'ensimmäisellä vuosineljänneksellä 2022', asOf: '2022-03-31', month: false },
  { text: 'second half of 2021', asOf: '2021-12-31', month: true, fromMonth: 7, lang: 'en' },
  { text: 'toisella vuosipuoliskolla 2021', asOf: '2021-12-31', month: true, fromMonth: 7 },
  { text: 'first half of 2021', asOf: '2021-06-30', month: false, lang: 'en' },
  { text: 'on 15 September 2022', asOf: '2022-09-15', month: false, lang: 'en' },
  { text: '15th of September', asOf: '2022-09-15', month: false, lang: 'en' },
  { text: 'September 15, 2021', asOf: '2021-09-15', month: false, lang: 'en' },
  { text: '15. syyskuuta 2021', asOf: '2021-09-15', month: false },
  { text: '31 syyskuuta 2021', asOf: null, month: false }, // no such day: no date, and not September either
  // A number beside a month is a day only when something says so.
  { text: 'top 5 syyskuussa 2022', asOf: '2022-09-30', month: true },
  { text: 'top 5 in March', asOf: '2022-03-31', month: true, lang: 'en' },
  { text: 'viime vuonna kesäkuussa', asOf: '2021-06-30', month: true },
  { text: 'syyskuun loppuun mennessä verrattuna edellisvuoteen', asOf: '2022-09-30', month: false },
];

describe('resolvePeriod: months, spans of months and dates with a month name', () => {
  it.each(monthCases)('should read "$text" as $asOf', (c) => {
    const p = period(c.text, c.lang);
    expect(p.asOf).toBe(c.asOf);
    expect(p.month).toBe(c.month);
    if (c.fromMonth !== undefined) expect(p.fromMonth).toBe(c.fromMonth);
  });

  it('should keep this year\'s September and add the year before for "verrattuna edellisvuoteen"', () => {
    expect(period('syyskuun loppuun mennessä verrattuna edellisvuoteen').years).toEqual([2021, 2022]);
  });

  it('should say which words named a date without its year, so a follow-up can take its own year', () => {
    expect(period('paljonko kesäkuussa?').yearless).toBe('kesäkuussa');
    expect(period('heinä–syyskuussa').yearless).toBe('heinä–syyskuussa');
    expect(period('tilanne 31.3.').yearless).toBe('31.3.');
    expect(period('kesäkuussa 2021').yearless).toBeNull();
  });

  it('should tell a year counted from the conversation from a year of the present', () => {
    expect(period('entä vuotta aiemmin?').shifted).toBe(true);
    expect(period('and a year earlier?', 'en').shifted).toBe(true);
    expect(period('entä viime vuonna?').shifted).toBe(false);
    expect(period('entä samaan aikaan viime vuonna?').sameDate).toBe(true);
    expect(period('and in the same month a year earlier?', 'en').sameDate).toBe(true);
  });

  it("should read the year's end of the year named, talked about, or counted", () => {
    const inContext = (text: string) =>
      resolvePeriod(text, tokenize(text), index.periods, index.periodContext, 'fi', 2020);
    expect(inContext('entä vuoden lopussa?')).toMatchObject({ asOf: '2020-12-31', yearEnd: true });
    expect(period('vuoden 2021 lopussa')).toMatchObject({ asOf: '2021-12-31', years: [2021] });
    expect(period('viime vuoden lopussa')).toMatchObject({ asOf: '2021-12-31', years: [2021] });
    expect(period('at the end of the year', 'en')).toMatchObject({ asOf: '2022-12-31', yearEnd: true });
  });
});

describe('dateInYear', () => {
  it.each([
    ['2022-09-15', 2021, '2021-09-15'],
    ['2022-10-31', 2021, '2021-10-31'],
    ['2022-02-28', 2024, '2024-02-29'], // a month's end stays its end
    ['2024-02-29', 2023, '2023-02-28'],
    ['2024-02-29', 2028, '2028-02-29'],
  ])('should move %s to %i as %s', (date, year, want) => {
    expect(dateInYear(date, year)).toBe(want);
  });
});
