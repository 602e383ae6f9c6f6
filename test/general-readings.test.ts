import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { renderAnswerCard } from '../src/cards/render-answer-card';
import type { BudgetData, Query } from '../src/domain';
import { loadBudgetData } from '../src/store/budget-store';
import {
  buildUnderstandingIndex,
  type Understanding,
  type UnderstandingIndex,
  understand,
} from '../src/understanding';
import { otherCityStore } from './fixtures/other-city-store';

// General readings the outsider sweeps found missing, each as a class: the cases are phrasings of
// the class, checked on the seed store (data/budget.json) by what the query says, not by figures.

let seeds: UnderstandingIndex;
beforeAll(async () => {
  seeds = buildUnderstandingIndex(
    await loadBudgetData(path.join(import.meta.dirname, '..', 'data', 'budget.json')),
  );
});

/** Runs the turns of one conversation as the bot does: each with the previous query as context. */
function converse(turns: string[], index: UnderstandingIndex = seeds): Understanding {
  let previous: Query | null = null;
  let last: Understanding | null = null;
  for (const turn of turns) {
    last = understand(turn, previous, index);
    previous =
      last.kind === 'query'
        ? last.query
        : last.kind === 'clarify'
          ? last.partial
          : (last.partial ?? previous);
  }
  return last!;
}

function query(turns: string | string[], index?: UnderstandingIndex): Query {
  const u = converse(typeof turns === 'string' ? [turns] : turns, index);
  if (u.kind !== 'query') throw new Error(`${JSON.stringify(turns)} → ${u.kind} ${JSON.stringify(u)}`);
  return u.query;
}

function options(text: string, index?: UnderstandingIndex): string[] {
  const u = converse([text], index);
  if (u.kind !== 'clarify') throw new Error(`${text} → ${u.kind}`);
  return u.options.map((o) => o.label);
}

describe('years as people type them', () => {
  it.each([
    ['lapin liitolle maksettu -19', [2019]],
    ['valtuuston menot -18', [2018]],
    ["Vaalien menot '21", [2021]],
    ['tietohallinnon menot v2021', [2021]],
    ['tietohallinnon menot v. 2020', [2020]],
    ['Vaalien menot 2020-21', [2020, 2021]],
    ['suhdetoiminnan kulut viimevuonna', [2021]],
    ['Vaalien menot tänävuonna', [2022]],
  ])('should read "%s" as %j', (text, years) => {
    expect(query(text).years).toEqual(years);
  });

  it.each([
    ['Tietohallinnon menot -19 %', []],
    ['tilaa hälytys Tietohallinto 80', []],
  ])('should read no year in "%s"', (text, years) => {
    expect(query(text).years).toEqual(years);
  });

  it('should not read "covid-19" as a year', () => {
    const u = converse(['Covid-19 menot']);
    expect(u.kind === 'query' ? u.query.years : []).toEqual([]);
  });

  it('should take a follow-up\'s "-21" as the year asked', () => {
    expect(query(['tietohallinnon menot 2020', 'entä -21']).years).toEqual([2021]);
  });
});

describe('a change from a year said relatively', () => {
  it.each([
    ['Kuinka paljon Tietohallinnon menot ovat kasvaneet viime vuodesta?', [2021, 2022]],
    ['Palvelualueen menojen kasvu edellisestä vuodesta', [2021, 2022]],
    ['How much did IT costs grow compared to last year?', [2021, 2022]],
    // "during last year": the change within that year, against the one before.
    ['How much did IT costs grow last year?', [2021]],
    ['Vaalien menojen muutos viime vuonna', [2021]],
  ])('should compare "%s" over %j', (text, years) => {
    const q = query(text);
    expect(q.intent).toBe('compare');
    expect(q.years).toEqual(years);
  });

  it('should read relative years word by word ("viime vuonna verrattuna toissa vuoteen" is 2020 and 2021)', () => {
    expect(query('Maaseutuneuvonnan tulot viime vuonna verrattuna toissa vuoteen').years).toEqual([
      2020, 2021,
    ]);
  });

  it('should compare a follow-up "vertaa viime vuoteen" with the year it was counted from', () => {
    expect(query(['Tietohallinnon toteuma', 'vertaa viime vuoteen']).years).toEqual([2021, 2022]);
  });

  it("should read a change word with a budget word as the budget's change, not actual against budget", () => {
    expect(query('Paljonko nettomeno muuttuu vuoden 2022 määrärahoissa?').intent).toBe('compare');
    expect(query('Tietohallinnon toteuma verrattuna budjettiin 2021').intent).toBe('budgetVsActual');
  });
});

describe('words the sweeps found unread', () => {
  it.each([
    ['mitä vaalit makso 2019', 'figure'],
    ['paljonks vaaleihin on pistetty rahaa tänä vuonna', 'budgetVsActual'],
    ['kuinka paljon kaupunginhallitus on tuhlannut', 'budgetVsActual'],
    ['Miten kunnallisverotuksen menot etenevät suhteessa talousarvioon?', 'budgetVsActual'],
    ['Miten talouspalvelut pysyivät budjetissa vuonna 2019?', 'budgetVsActual'],
    ['paljonko tilintarkastus makso 2021 budjettiin nähden', 'budgetVsActual'],
    ['How is the HR budget tracking this year?', 'budgetVsActual'],
    ['Henkilöstöpalveluiden menot vuosi vuodelta', 'trend'],
    ['Paljonko vakinaisia virkoja vähennetään vuonna 2023?', 'compare'],
    ['Mihin päivämäärään asti toteumatiedot ulottuvat?', 'dataInfo'],
    ['Which cost centres have already blown their budget this year?', 'overBudget'],
    ['Mikä oli Tietohallinnon vuosiennuste?', 'forecast'],
  ])('should read "%s" as %s', (text, intent) => {
    expect(query(text).intent).toBe(intent);
  });

  it('should read pace words as lexicon words, not names ("tahtia nopeammin")', () => {
    const q = query('Ketkä ovat kuluttaneet tahtia nopeammin tänä vuonna?');
    expect(q.intent).toBe('overBudget');
    expect(q.pace).toBe(true);
  });

  it('should rank by used share for "suhteellisesti eniten budjetistaan"', () => {
    expect(query('Kuka on käyttänyt suhteellisesti eniten budjetistaan tänä vuonna?').rankBy).toBe(
      'usedShare',
    );
  });

  it('should take an account named by a noun over one named by a verb', () => {
    expect(query('Paljonko Henkilöstön lomaosake tuotti voittoa 2020?').account).toBe('NETTOMENO');
    expect(query('mikä kustannuspaikka tuottaa eniten').account).toBe('TULOT');
  });

  it('should read a phrase of several words that uses a name word beside its own ("membership fee")', () => {
    expect(query('Lapin liitto membership fee 2020').account).toBe('MENOT');
  });

  it('should read "kuun lopun tilanteen perusteella" as the month end, not the month alone', () => {
    const q = query('Mikä oli Tietohallinnon vuosiennuste syyskuun lopun tilanteen perusteella?');
    expect(q.intent).toBe('forecast');
    expect(q.asOf).toBe('2022-09-30');
    expect(q.span).toBeUndefined();
  });

  it('should read "tammi–kesäkuu" as the year to the end of June, not June alone', () => {
    const q = query('Tietohallinnon menot tammi–kesäkuu 2022');
    expect(q.asOf).toBe('2022-06-30');
    expect(q.span).toBeUndefined();
  });

  it('should run "tästä eteenpäin" from the conversation\'s year to the newest', () => {
    const q = query(['Tilintarkastuksen menot 2018', 'näytä kehitys tästä eteenpäin']);
    expect(q.intent).toBe('trend');
    expect(q.years).toEqual([2018, 2019, 2020, 2021, 2022]);
  });

  it('should take the year a plan is for, not the year it was made ("vuodelle 2022")', () => {
    const q = query('Henkilöstömenot vuoden 2020 taloussuunnitelmassa vuodelle 2022');
    expect(q.years).toEqual([2022]);
    expect(q.measure).toBe('plan');
  });

  it('should rank income or expense types for "mistä tuotoista", "mihin kuluihin"', () => {
    expect(query('Mistä tuotoista palvelualue sai eniten rahaa 2019?').table).toBe('operatingStatement');
    expect(query('Mihin kuluihin meni eniten rahaa 2021?').table).toBe('operatingStatement');
  });
});

describe('names', () => {
  const subjects = (text: string) => query(text).subjects.map((s) => s.name);

  it('should give each name the words beside its other words ("Itä-Lapin … ja Lapin liiton")', () => {
    expect(subjects('Itä-Lapin kuntayhtymän ja Lapin liiton menot 2022 budjetissa')).toEqual([
      'Itä-Lapin kuntayhtymä',
      'Lapin liitto',
    ]);
    expect(subjects('Lapin liiton ja Itä-Lapin kuntayhtymän menot 2022')).toEqual([
      'Lapin liitto',
      'Itä-Lapin kuntayhtymä',
    ]);
  });

  it('should ask which name a word that only begins names means', () => {
    expect(options('Lapin menot 2021')).toEqual(['Lapin liitto', 'Itä-Lapin kuntayhtymä']);
    expect(options('työllisyyspuolen tulot tähän mennessä')).toEqual([
      'Työllisyydenhoito (työllistämispalvelut)',
    ]);
  });

  it('should leave a lexicon word inside a name written out whole to the name ("development projects")', () => {
    const q = query('Development projects spending 2021');
    expect(q.intent).toBe('figure');
    expect(q.subjects.map((s) => s.name)).toEqual(['Kehittämisprojektit']);
    expect(query('How have IT costs developed?').intent).toBe('trend');
  });

  it('should read "siellä" as the word it is, never as a name it is a letter or two from', () => {
    // Alone it names no place; after a question it points back at the place talked about.
    expect(query('mikä kustannuspaikka siellä käytti eniten?').subjects).toEqual([]);
    expect(
      query(['Tietohallinnon menot 2021', 'mikä kustannuspaikka siellä käytti eniten?']).subjects,
    ).toEqual([{ kind: 'costCentre', name: 'Tietohallinto' }]);
    expect(query(['Vaalien menot 2021', 'mikä kustannuspaikka siellä käytti eniten?']).subjects).toEqual([
      { kind: 'costCentre', name: 'Vaalit' },
    ]);
  });

  it('should read a side word joined to a name as that name ("IT-puolen", "IT puolen")', () => {
    expect(subjects('IT-puolen menot 2021')).toEqual(['Tietohallinto']);
    expect(subjects('IT puolen menot 2021')).toEqual(['Tietohallinto']);
  });

  it('should read a partly read name right after a full one, across function words, as its word', () => {
    expect(subjects('Twin city activities budget 2022')).toEqual(['Ystävyyskaupunkitoiminta']);
  });

  it('should ask which of two rows side by side is meant, but answer rows joined by "ja" as asked', () => {
    expect(options('Henkilöstömenot per asukas 2021')).toEqual(['Henkilöstömenot', 'Toimintakate €/asukas']);
    expect(query('henkilöstökulut ja palvelujen ostot 2021').account).toBe('Henkilöstökulut');
  });

  it("should ask between a row and the cost centre whose head word it is, when a cost centre's account is asked", () => {
    expect(options('Avustuksen menot 2020')).toEqual(['Avustukset', 'Yksinyrittäjän avustus']);
    expect(query('Paljonko avustuksia on maksettu 2021?').account).toBe('Avustukset');
  });

  it("should not answer another organisation's expenses with its investment subtotal", () => {
    expect(converse(['Hyvinvointipalveluiden menot 2021']).kind).toBe('not_found');
    expect(query('Hyvinvointipalveluiden investoinnit 2021').account).toBe('Hyvinvointipalvelut yhteensä');
  });

  it('should take the row of the table the question names over a subject of the same words', () => {
    const q = query('Hallinto- ja tukipalvelujen omat investoinnit 2021');
    expect(q.table).toBe('investments');
    expect(q.account).toBe('Hallinto- ja tukipalvelut yhteensä');
  });
});

describe('names in another city', () => {
  let other: UnderstandingIndex;
  beforeAll(() => {
    const data: BudgetData = otherCityStore();
    const area = data.costCentres[0]!.name;
    data.costCentres.push(
      {
        name: 'Lumijärven kaupunki',
        aliases: [],
        level: 'city',
        serviceArea: null,
        documents: ['other.txt'],
      },
      {
        name: 'Aikuissosiaalityö',
        aliases: [],
        level: 'costCentre',
        serviceArea: area,
        documents: ['other.txt'],
      },
    );
    other = buildUnderstandingIndex(data);
  });

  it("should not take the aliases file's city for another city's store", () => {
    const u = converse(['Kemijärven menot 2023'], other);
    expect(u.kind).toBe('not_found');
  });

  it('should read no compound as a form of a name whose tail it only begins like ("sosiaalitoimen")', () => {
    const u = converse(['Sosiaalitoimen menot 2024'], other);
    expect(u.kind).toBe('not_found');
    expect(query('Aikuissosiaalityön menot 2024', other).subjects.map((s) => s.name)).toEqual([
      'Aikuissosiaalityö',
    ]);
  });
});

describe('the financial statements of a year still open', () => {
  let assistant: BudgetAssistant;
  beforeAll(async () => {
    assistant = await BudgetAssistant.load(path.join(import.meta.dirname, '..', 'data', 'budget.json'));
  });

  it('should say there are none yet beside the year-to-date actual it gives', () => {
    const fi = assistant.ask('Tietohallinnon tilinpäätös 2022', null);
    expect(fi.notes).toContain('Vuoden 2022 tilinpäätöstä ei vielä ole: luku on toteuma 30.6.2022 asti.');
    const en = assistant.ask('2022 financial statements figure for audit', null);
    expect(en.query?.subjects.map((s) => s.name)).toEqual(['Tilintarkastus']);
    expect(en.notes.some((n) => n.includes('financial statements are not out yet'))).toBe(true);
  });

  it('should say nothing of the kind for a closed year', () => {
    const a = assistant.ask('Tietohallinnon TP 2021', null);
    expect(a.notes.some((n) => n.includes('tilinpäätöstä ei'))).toBe(false);
  });
});

describe('a year with nothing in it', () => {
  it('should say there was neither a budget nor an actual, not that the actual matched the budget', async () => {
    const assistant = await BudgetAssistant.load(path.join(import.meta.dirname, '..', 'data', 'budget.json'));
    const a = assistant.ask('Työterveyshuolto 2021', null);
    expect(a.text).toContain('Vuodelle ei ollut talousarviota eikä toteumaa');
    expect(a.text).not.toContain('vastasi');
  });
});

describe('rankings and comparisons of what was named', () => {
  let assistant: BudgetAssistant;
  beforeAll(async () => {
    assistant = await BudgetAssistant.load(path.join(import.meta.dirname, '..', 'data', 'budget.json'));
  });

  it('should rank the investment items for "suurimmat investoinnit", not the cost centres\' spending', () => {
    const a = assistant.ask('biggest investments 2021', null);
    expect(a.body.kind).toBe('ranking');
    expect(a.figures.every((f) => f.basis === 'TS' && f.year === 2021)).toBe(true);
    expect(a.figures[0]).toMatchObject({ account: 'Sähköinen arkistointi', amount: '-60000' });
    // With no year: the newest year the investment table has figures for.
    expect(assistant.ask('suurimmat investoinnit', null).figures[0]?.year).toBe(2022);
  });

  it('should say a cost centre has nothing below it to rank, not rank every cost centre', () => {
    const a = assistant.ask('Mihin Tietohallinto käytti eniten rahaa 2021?', null);
    expect(a.status).toBe('not_found');
    expect(a.text).toContain('kululajit ovat vain palvelualueen tasolla (Hallinto- ja tukipalvelut)');
    expect(a.options.map((o) => o.ask)).toEqual([
      'Tietohallinnon menot 2021',
      // The area's parts ranked ("… kululajit 2021" alone was read as the area's expenses, not found).
      'Hallinto- ja tukipalvelujen suurimmat kululajit 2021',
    ]);
    // The service area named narrows nothing away: its cost centres are ranked.
    expect(assistant.ask('Hallinto- ja tukipalveluiden suurimmat menot 2021', null).body.kind).toBe(
      'ranking',
    );
  });

  it('should answer "tulot vs menot" of one year as its accounts, not as a change between two years', () => {
    const q = query('henkilöstöpalveluiden tulot vs menot 2021');
    expect(q.intent).toBe('figure');
    expect(q.years).toEqual([2021]);
  });
});

describe('periods finer than the data', () => {
  let assistant: BudgetAssistant;
  beforeAll(async () => {
    assistant = await BudgetAssistant.load(path.join(import.meta.dirname, '..', 'data', 'budget.json'));
  });

  it.each([
    ['Kuntaliiton menot viikolla 40', 'viikolla 40'],
    ['Tietohallinnon menot tällä viikolla', 'tällä viikolla'],
    ['Tietohallinnon menot eilen', 'eilen'],
    ['IT spending today', 'today'],
  ])('should say "%s" has no figure for "%s", never give the year to date in its place', (text, term) => {
    const a = assistant.ask(text, null);
    expect(a.status).toBe('not_found');
    expect(a.body).toMatchObject({ kind: 'notFound', reason: 'period', term });
    expect(a.figures).toEqual([]);
  });

  it('should offer the same question at the newest date', () => {
    const a = assistant.ask('Kuntaliiton menot viikolla 40', null);
    expect(a.options.map((o) => o.ask)).toEqual(['Kuntaliiton menot 30.6.2022']);
  });

  it.each([
    ['Henkilöstöpalvelujen menot 31.4.2021', '31.4.2021', ['30.4.2021', '31.5.2021']],
    ['Maaseutuneuvonnan menot 29.2.2021', '29.2.2021', ['28.2.2021', '31.3.2021']],
    ['Vaalien menot 31 kesäkuuta 2021', '31 kesäkuuta 2021', ['30.6.2021', '31.7.2021']],
  ])('should say the date of "%s" does not exist and offer the nearest month ends, never the year', (text, term, ends) => {
    const a = assistant.ask(text, null);
    expect(a.status).toBe('not_found');
    expect(a.body).toMatchObject({ kind: 'notFound', reason: 'period', term });
    expect(a.figures).toEqual([]);
    expect(a.options.map((o) => o.label)).toEqual(ends);
    expect(a.options[0]!.ask).toBe(text.replace(term, ends[0]!));
    expect(a.text).toContain('ei ole');
  });

  it.each([
    'Montako euroa vakinaiset virat maksoivat 2021?',
    'How many euros did the permanent posts cost in 2021?',
  ])('should say a count asked in euros ("%s") is a count, and offer its money row, never the count', (text) => {
    const a = assistant.ask(text, null);
    expect(a.status).toBe('not_found');
    expect(a.figures).toEqual([]);
    expect(a.text).not.toMatch(/\b38\b/);
    expect(a.options.map((o) => o.ask)).toEqual(['Henkilöstömenot 2021']);
    const money = assistant.ask(a.options[0]!.ask, null);
    expect(money.figures.map((f) => f.amount)).toEqual(['-2199275']);
    expect(assistant.ask('Montako vakinaista virkaa oli 2021?', null).figures.map((f) => f.amount)).toEqual([
      '38',
    ]);
  });

  it('should leave weeks to an alert request, where they are its quiet period', () => {
    const q = query('tilaa hälytykset kahden viikon välein');
    expect(q.intent).toBe('subscribe');
    expect(q.quietDays).toBe(14);
  });
});

describe('counts on cards', () => {
  it('should chart and compare a count of posts without euros', async () => {
    const assistant = await BudgetAssistant.load(path.join(import.meta.dirname, '..', 'data', 'budget.json'));
    for (const text of [
      'Vakinaisten virkojen määrän kehitys',
      'Paljonko vakinaisia virkoja vähennetään vuonna 2023?',
    ]) {
      const a = assistant.ask(text, null);
      expect(a.figures.length).toBeGreaterThan(0);
      expect(a.figures.every((f) => f.unit === 'count')).toBe(true);
      expect(JSON.stringify(renderAnswerCard(a)), text).not.toContain('€');
    }
  });
});
