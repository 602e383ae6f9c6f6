import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Lang, OptionSchema, type Query, QuerySchema } from '../src/domain';
import {
  buildUnderstandingIndex,
  MAX_TEXT_LENGTH,
  type Understanding,
  type UnderstandingIndex,
  understand,
} from '../src/understanding';
import { understandStrict } from '../src/understanding/understand';
import { otherCityStore } from './fixtures/other-city-store';
import { understandingStore } from './fixtures/understanding-store';

let index: UnderstandingIndex;
beforeAll(() => {
  index = buildUnderstandingIndex(understandingStore(), { aliases: {} });
});

/** Runs the turns of one conversation, each with the previous query as context (as the bot does). */
function converse(turns: string[]): Understanding {
  let previous: Query | null = null;
  let last: Understanding | null = null;
  for (const turn of turns) {
    last = understand(turn, previous, index);
    if (last.kind === 'query') previous = last.query;
    else if (last.kind === 'clarify') previous = last.partial;
    else if (last.partial) previous = last.partial;
  }
  return last!;
}

/** The parts of a Query a case checks; left out = not checked. Subjects as names. */
interface Want {
  intent: Query['intent'];
  subjects?: string[];
  account?: string | null;
  table?: Query['table'];
  measure?: Query['measure'];
  years?: number[];
  asOf?: string | null;
  periodNote?: string | null;
  topN?: number | null;
  order?: Query['order'];
  topic?: string | null;
  threshold?: string | null;
  lang?: Lang;
}

type Case = [turns: string | string[], want: Want];

function check(turns: string | string[], want: Want) {
  const u = converse(Array.isArray(turns) ? turns : [turns]);
  expect(u.kind, JSON.stringify(u)).toBe('query');
  if (u.kind !== 'query') return;
  const q = u.query;
  expect(q.intent).toBe(want.intent);
  if (want.subjects) expect(q.subjects.map((s) => s.name)).toEqual(want.subjects);
  for (const key of [
    'account',
    'table',
    'measure',
    'years',
    'asOf',
    'periodNote',
    'topN',
    'order',
    'topic',
    'threshold',
    'lang',
  ] as const) {
    if (want[key] !== undefined) expect(q[key], key).toEqual(want[key]);
  }
}

const AREA = 'Hallinto- ja tukipalvelut';

// Figures of one cost centre: inflection, typos, missing diacritics, English.
const figures: Case[] = [
  [
    'Vaalien menot 2020',
    { intent: 'figure', subjects: ['Vaalit'], account: 'MENOT', years: [2020], measure: null },
  ],
  [
    'Mitkä olivat vaalien menot 2021?',
    { intent: 'figure', subjects: ['Vaalit'], account: 'MENOT', years: [2021] },
  ],
  [
    'Paljonko vaaleihin kului 2019?',
    { intent: 'figure', subjects: ['Vaalit'], account: 'MENOT', years: [2019], measure: 'actual' },
  ],
  [
    'Joukkoliikenteen tulot 2021',
    { intent: 'figure', subjects: ['Joukkoliikenne'], account: 'TULOT', years: [2021] },
  ],
  [
    'paljonko joukkoliikenteeseen meni rahaa 2021',
    { intent: 'figure', subjects: ['Joukkoliikenne'], account: 'MENOT', years: [2021] },
  ],
  [
    'Mikä on Talouspalveluiden nettomeno 30.6.2022?',
    {
      intent: 'figure',
      subjects: ['Talouspalvelut'],
      account: 'NETTOMENO',
      years: [2022],
      asOf: '2022-06-30',
    },
  ],
  [
    'Kaupunginvaltuuston budjetti 2022',
    { intent: 'figure', subjects: ['Kaupunginvaltuusto'], measure: 'budget', years: [2022] },
  ],
  [
    'Valtuuston menot 2018',
    { intent: 'figure', subjects: ['Kaupunginvaltuusto'], account: 'MENOT', years: [2018] },
  ],
  [
    'Henkilöstöpalveluiden tulot 2021',
    { intent: 'figure', subjects: ['Henkilöstöpalvelut'], account: 'TULOT' },
  ],
  [
    'tietohallnnon menot 2020',
    { intent: 'figure', subjects: ['Tietohallinto'], account: 'MENOT', years: [2020] },
  ],
  ['tietohalinnon kulut 2020', { intent: 'figure', subjects: ['Tietohallinto'], account: 'MENOT' }],
  [
    'tyoterveyshuollon tulot 2022',
    { intent: 'figure', subjects: ['Työterveyshuolto'], account: 'TULOT', years: [2022] },
  ],
  [
    'Lapin liitolle maksettu 2021',
    { intent: 'figure', subjects: ['Lapin liitto'], account: 'MENOT', years: [2021], measure: 'actual' },
  ],
  [
    'Itä-Lapin kuntayhtymän menot 2019',
    { intent: 'figure', subjects: ['Itä-Lapin kuntayhtymä'], years: [2019] },
  ],
  [
    'Työllisyydenhoidolla budjetoitu 2022',
    { intent: 'figure', subjects: ['Työllisyydenhoito (työllistämispalvelut)'], measure: 'budget' },
  ],
  [
    'Kunnallisverotuksen kustannukset 2021',
    { intent: 'figure', subjects: ['Kunnallisverotus'], account: 'MENOT' },
  ],
  [
    'Kehittämisprojektien tulot 2021',
    { intent: 'figure', subjects: ['Kehittämisprojektit'], account: 'TULOT' },
  ],
  ['Sortteerin nettomenot 2020', { intent: 'figure', subjects: ['Sortteeri'], account: 'NETTOMENO' }],
  ['Muun toiminnan menot 2021', { intent: 'figure', subjects: ['Muu toiminta'], account: 'MENOT' }],
  [
    'Henkilöstön lomaosakkeen menot 2019',
    { intent: 'figure', subjects: ['Henkilöstön lomaosake'], account: 'MENOT' },
  ],
  [
    'Kemijärvi 150 menot 2021',
    { intent: 'figure', subjects: ['Kemijärvi 150'], account: 'MENOT', years: [2021] },
  ],
  [
    'Paljonko vaalien menoihin on budjetoitu 2022?',
    { intent: 'figure', subjects: ['Vaalit'], account: 'MENOT', measure: 'budget' },
  ],
  [
    'Tietohallinnon toteuma 2021',
    { intent: 'figure', subjects: ['Tietohallinto'], measure: 'actual', years: [2021] },
  ],
  ['Tietohallinnon tilinpäätös 2020', { intent: 'figure', subjects: ['Tietohallinto'], measure: 'actual' }],
  ['Tietohallinnon taloussuunnitelma', { intent: 'figure', subjects: ['Tietohallinto'], measure: 'plan' }],
  [
    'What was the IT budget in 2021?',
    { intent: 'figure', subjects: ['Tietohallinto'], measure: 'budget', years: [2021], lang: 'en' },
  ],
  [
    'public transport revenue 2021',
    { intent: 'figure', subjects: ['Joukkoliikenne'], account: 'TULOT', lang: 'en' },
  ],
  [
    'net cost of elections in 2020',
    { intent: 'figure', subjects: ['Vaalit'], account: 'NETTOMENO', lang: 'en' },
  ],
  [
    'HR expenses last year',
    { intent: 'figure', subjects: ['Henkilöstöpalvelut'], account: 'MENOT', years: [2021], lang: 'en' },
  ],
  [
    'occupational health income 2022',
    { intent: 'figure', subjects: ['Työterveyshuolto'], account: 'TULOT', lang: 'en' },
  ],
  ['Lapin liton menot', { intent: 'figure', subjects: ['Lapin liitto'], account: 'MENOT' }],
  ['kaupunginhalituksen menot', { intent: 'figure', subjects: ['Kaupunginhallitus'] }],
  [
    'paljonko joukoliikenne käytti 2021',
    { intent: 'figure', subjects: ['Joukkoliikenne'], years: [2021], measure: 'actual' },
  ],
  ['sortteri tulot', { intent: 'figure', subjects: ['Sortteeri'], account: 'TULOT' }],
  ['IT:n menot', { intent: 'figure', subjects: ['Tietohallinto'], account: 'MENOT', lang: 'fi' }],
  ['it-kulut 2021', { intent: 'figure', subjects: ['Tietohallinto'], account: 'MENOT', lang: 'fi' }],
  ['ICT-menot', { intent: 'figure', subjects: ['Tietohallinto'], account: 'MENOT' }],
  ['muut toiminnat', { intent: 'figure', subjects: ['Muu toiminta'] }],
  ['Kemijärvi 150', { intent: 'figure', subjects: ['Kemijärvi 150'] }],
];

// The service area, line items, key figures and investments: account + table.
const serviceArea: Case[] = [
  [
    'Palvelualueen toimintakulut 2021',
    { intent: 'figure', subjects: [AREA], account: 'TOIMINTAKULUT', table: 'operatingStatement' },
  ],
  ['koko palvelualueen menot 2020', { intent: 'figure', subjects: [AREA], account: 'MENOT', table: null }],
  ['menot yhteensä 2021', { intent: 'figure', subjects: [AREA], account: 'MENOT' }],
  ['total revenue 2020', { intent: 'figure', subjects: [AREA], account: 'TULOT', lang: 'en' }],
  // With cost centres named, "yhteensä" means those together, not the whole service area.
  [
    'henkilöstöpalvelut ja talouspalvelut yhteensä 2021',
    { intent: 'compare', subjects: ['Henkilöstöpalvelut', 'Talouspalvelut'] },
  ],
  ['Hallinto- ja tukipalveluiden nettomenot', { intent: 'figure', subjects: [AREA], account: 'NETTOMENO' }],
  [
    'henkilöstökulut 2021',
    { intent: 'figure', subjects: [AREA], account: 'Henkilöstökulut', table: 'operatingStatement' },
  ],
  [
    'palvelujen ostot 2022 budjetissa',
    { intent: 'figure', account: 'Palvelujen ostot', table: 'operatingStatement', measure: 'budget' },
  ],
  ['palvelujen ostot tunnusluvuissa', { intent: 'figure', account: 'Palvelujen ostot', table: 'keyFigures' }],
  [
    'Avustukset 2022 talousarviossa',
    { intent: 'figure', account: 'Avustukset', table: 'operatingStatement', measure: 'budget' },
  ],
  ['vuokrat 2020', { intent: 'figure', account: 'Vuokrat', table: 'operatingStatement' }],
  ['vuokratulot 2020', { intent: 'figure', account: 'Vuokratulot', table: 'operatingStatement' }],
  ['toimintakate 2021', { intent: 'figure', account: 'TOIMINTAKATE/JÄÄMÄ', table: 'operatingStatement' }],
  ['toimintakate €/asukas 2021', { intent: 'figure', account: 'Toimintakate €/asukas', table: 'keyFigures' }],
  [
    'Vakinaiset virat ja toimet 2019',
    { intent: 'figure', account: 'Vakinaiset virat ja toimet 31.12.', table: 'keyFigures', years: [2019] },
  ],
  ['henkilöstömenot 2022', { intent: 'figure', account: 'Henkilöstömenot', table: 'keyFigures' }],
  [
    'Hyvinvointipalveluiden investoinnit 2020',
    { intent: 'figure', account: 'Hyvinvointipalvelut yhteensä', table: 'investments' },
  ],
  ['Tietosuoja investointi 2021', { intent: 'figure', account: 'Tietosuoja', table: 'investments' }],
  [
    'personnel costs 2021',
    { intent: 'figure', account: 'Henkilöstökulut', table: 'operatingStatement', lang: 'en' },
  ],
  ['operating margin per inhabitant', { intent: 'figure', account: 'Toimintakate €/asukas', lang: 'en' }],
  // A line item of one cost centre does not exist; understanding keeps both so answering can say so.
  [
    'Tietohallinnon henkilöstökulut',
    {
      intent: 'figure',
      subjects: ['Tietohallinto'],
      account: 'Henkilöstökulut',
      table: 'operatingStatement',
    },
  ],
];

// Intents.
const intents: Case[] = [
  [
    'paljonko Tietohallinto on käyttänyt?',
    { intent: 'budgetVsActual', subjects: ['Tietohallinto'], account: 'MENOT', years: [] },
  ],
  ['paljonko tietohallinto on kayttanyt', { intent: 'budgetVsActual', subjects: ['Tietohallinto'] }],
  [
    'How much has public transport spent so far this year?',
    { intent: 'budgetVsActual', subjects: ['Joukkoliikenne'], years: [2022], asOf: '2022-06-30', lang: 'en' },
  ],
  [
    'Paljonko Kaupunginhallitus käytti vuonna 2021?',
    { intent: 'figure', subjects: ['Kaupunginhallitus'], years: [2021], measure: 'actual' },
  ],
  [
    'Ylittikö Joukkoliikenne budjettinsa 2021?',
    { intent: 'budgetVsActual', subjects: ['Joukkoliikenne'], years: [2021] },
  ],
  ['Tietohallinnon käyttöaste', { intent: 'budgetVsActual', subjects: ['Tietohallinto'] }],
  ['IT budget vs actual', { intent: 'budgetVsActual', subjects: ['Tietohallinto'], lang: 'en' }],
  [
    'Paljonko Työllisyydenhoidolla on jäljellä budjettia?',
    { intent: 'remaining', subjects: ['Työllisyydenhoito (työllistämispalvelut)'] },
  ],
  ['how much does IT have left', { intent: 'remaining', subjects: ['Tietohallinto'], lang: 'en' }],
  ['Ylittyykö Tietohallinnon budjetti?', { intent: 'forecast', subjects: ['Tietohallinto'] }],
  ['riittääkö vaalien budjetti', { intent: 'forecast', subjects: ['Vaalit'] }],
  ['is public transport on track?', { intent: 'forecast', subjects: ['Joukkoliikenne'], lang: 'en' }],
  [
    'Vertaa Tietohallinnon menoja 2020 ja 2021',
    { intent: 'compare', subjects: ['Tietohallinto'], years: [2020, 2021] },
  ],
  ['Tietohallinnon menot 2020 ja 2021', { intent: 'compare', years: [2020, 2021] }],
  ['Tietohallinnon menot 2020–2021', { intent: 'compare', years: [2020, 2021] }],
  [
    'vertaa Tietohallintoa ja Joukkoliikennettä',
    { intent: 'compare', subjects: ['Tietohallinto', 'Joukkoliikenne'] },
  ],
  [
    'Vaalit verrattuna Tilintarkastukseen 2021',
    { intent: 'compare', subjects: ['Vaalit', 'Tilintarkastus'], years: [2021] },
  ],
  [
    'compare IT and HR costs',
    { intent: 'compare', subjects: ['Tietohallinto', 'Henkilöstöpalvelut'], lang: 'en' },
  ],
  [
    'Suurimmat menot 30.6.2022',
    { intent: 'ranking', account: 'MENOT', asOf: '2022-06-30', order: 'desc', topN: null },
  ],
  ['top 5 menot 2021', { intent: 'ranking', topN: 5, order: 'desc', years: [2021] }],
  ['viisi suurinta kustannuspaikkaa', { intent: 'ranking', topN: 5, order: 'desc' }],
  ['mihin kului eniten rahaa 2021', { intent: 'ranking', account: 'MENOT', years: [2021] }],
  ['pienimmät tulot 2021', { intent: 'ranking', account: 'TULOT', order: 'asc' }],
  ['top 3 biggest spenders', { intent: 'ranking', topN: 3, order: 'desc', lang: 'en' }],
  ['suurimmat menolajit 2021', { intent: 'ranking', account: 'MENOT', table: 'operatingStatement' }],
  ['mitkä ylittävät budjetin', { intent: 'overBudget', subjects: [] }],
  ['which cost centres are over budget?', { intent: 'overBudget', subjects: [], lang: 'en' }],
  ['which are ahead of pace', { intent: 'overBudget', lang: 'en' }],
  [
    'Joukkoliikenteen nettomenojen kehitys',
    { intent: 'trend', subjects: ['Joukkoliikenne'], account: 'NETTOMENO' },
  ],
  ['Tietohallinnon menot vuosittain', { intent: 'trend', subjects: ['Tietohallinto'] }],
  ['Tietohallinnon menot 2018-2022', { intent: 'trend', years: [2018, 2019, 2020, 2021, 2022] }],
  ['IT costs over the years', { intent: 'trend', subjects: ['Tietohallinto'], lang: 'en' }],
  ['mitkä ovat tavoitteet?', { intent: 'prose', topic: 'tavoitteet' }],
  ['miten sopeuttamisohjelma etenee?', { intent: 'prose', topic: 'sopeuttamisohjelma' }],
  ['Mitkä ovat toiminnan painopistealueet?', { intent: 'prose', topic: 'painopistealueet' }],
  ['kerro toimintaympäristöstä', { intent: 'prose', topic: 'toimintaympäristö' }],
  ['what is the mission of the service area', { intent: 'prose', topic: 'toiminta-ajatus', lang: 'en' }],
  ['what are the goals?', { intent: 'prose', topic: 'tavoitteet', lang: 'en' }],
  ['apua', { intent: 'help' }],
  ['mitä voin kysyä?', { intent: 'help', lang: 'fi' }],
  ['help', { intent: 'help', lang: 'en' }],
  ['moi', { intent: 'greeting' }],
  ['hei!', { intent: 'greeting' }],
  ['hello', { intent: 'greeting', lang: 'en' }],
  ['kiitos', { intent: 'thanks' }],
  ['thanks!', { intent: 'thanks', lang: 'en' }],
  ['hei, paljonko Tietohallinto on käyttänyt?', { intent: 'budgetVsActual', subjects: ['Tietohallinto'] }],
  ['tilaa hälytykset', { intent: 'subscribe', subjects: [], threshold: null }],
  [
    'tilaa hälytys Tietohallinto 80 %',
    { intent: 'subscribe', subjects: ['Tietohallinto'], threshold: '0.8' },
  ],
  ['tilaa hälytys Vaalit 85,5 prosenttia', { intent: 'subscribe', subjects: ['Vaalit'], threshold: '0.855' }],
  [
    'alert me when IT reaches 90%',
    { intent: 'subscribe', subjects: ['Tietohallinto'], threshold: '0.9', lang: 'en' },
  ],
  ['lopeta hälytykset', { intent: 'unsubscribe', subjects: [] }],
  ['lopeta Tietohallinto', { intent: 'unsubscribe', subjects: ['Tietohallinto'] }],
  ['unsubscribe', { intent: 'unsubscribe', lang: 'en' }],
  ['näytä tilaukset', { intent: 'listSubscriptions' }],
  ['onko tietohallinto budjetissa', { intent: 'budgetVsActual', subjects: ['Tietohallinto'] }],
  ['mikä on tietohallinnon käyttöprosentti', { intent: 'budgetVsActual', subjects: ['Tietohallinto'] }],
  ['kiitos paljon, hei hei', { intent: 'thanks' }],
  ['Tietohallinto ja muut kustannuspaikat', { intent: 'figure', subjects: ['Tietohallinto'] }],
  // Said twice is said once.
  [
    'Tietohallinnon menot 2021 Tietohallinnon menot 2021',
    { intent: 'figure', subjects: ['Tietohallinto'], account: 'MENOT', years: [2021] },
  ],
  ['Tietohallinto ja tietohallinto', { intent: 'figure', subjects: ['Tietohallinto'] }],
  [
    'paljonko tietohallinto on kayttany',
    { intent: 'budgetVsActual', subjects: ['Tietohallinto'], account: 'MENOT' },
  ],
  [
    'IT budget 2020 vs 2021',
    { intent: 'compare', subjects: ['Tietohallinto'], years: [2020, 2021], lang: 'en' },
  ],
  ['How did IT costs develop?', { intent: 'trend', subjects: ['Tietohallinto'], lang: 'en' }],
  ['tilaa hälytys Tietohallinto 80', { intent: 'subscribe', subjects: ['Tietohallinto'], threshold: '0.8' }],
  ['Which five cost centres spent the most?', { intent: 'ranking', topN: 5, account: 'MENOT', lang: 'en' }],
  ['mihin rahat menevät', { intent: 'ranking', account: 'MENOT' }],
  [
    'paljonko maksoimme Kuntaliitolle 2021',
    { intent: 'figure', subjects: ['Kuntaliitto'], account: 'MENOT' },
  ],
  ['what changed in the operating environment', { intent: 'prose', topic: 'toimintaympäristö', lang: 'en' }],
  ['will public transport overspend', { intent: 'forecast', subjects: ['Joukkoliikenne'], lang: 'en' }],
  ['Vaalit TA+muutos 2021', { intent: 'figure', subjects: ['Vaalit'], measure: 'budget', years: [2021] }],
  [
    'TP 2021 tietohallinto',
    { intent: 'figure', subjects: ['Tietohallinto'], measure: 'actual', years: [2021] },
  ],
  ['top 3 cost centres by revenue', { intent: 'ranking', account: 'TULOT', topN: 3, lang: 'en' }],
  ['mihin kuluu eniten rahaa', { intent: 'ranking', account: 'MENOT', order: 'desc' }],
  [
    'investoinnit 2021',
    { intent: 'figure', subjects: [AREA], account: null, table: 'investments', years: [2021] },
  ],
  [
    'vakinaisten virkojen määrä 2022',
    { intent: 'figure', account: 'Vakinaiset virat ja toimet 31.12.', table: 'keyFigures' },
  ],
  ['show my subscriptions', { intent: 'listSubscriptions', lang: 'en' }],
];

// Periods inside whole questions.
const periods: Case[] = [
  [
    'Työterveyshuollon tulot tähän mennessä',
    { intent: 'figure', years: [2022], asOf: '2022-06-30', periodNote: 'tähän mennessä → 30.6.2022' },
  ],
  [
    'Vaalien menot kesäkuun loppuun',
    { intent: 'figure', years: [2022], asOf: '2022-06-30', periodNote: 'kesäkuun loppuun → 30.6.2022' },
  ],
  ['Vaalien menot viime vuonna', { intent: 'figure', years: [2021], periodNote: 'viime vuonna → 2021' }],
  ['Tietohallinnon budjetti tänä vuonna', { intent: 'figure', years: [2022], measure: 'budget' }],
  ['Tietohallinnon menot 2019 ja 2021', { intent: 'compare', years: [2019, 2021] }],
  ['IT spending last year', { intent: 'figure', years: [2021], lang: 'en' }],
  ['Tietohallinnon menot alkuvuonna', { intent: 'figure', years: [2022], asOf: '2022-06-30' }],
  ['IT spending in the first half', { intent: 'figure', years: [2022], asOf: '2022-06-30', lang: 'en' }],
];

// Follow-ups change only what they name.
const followUps: Case[] = [
  [
    ['Joukkoliikenteen tulot 2021', 'entä 2019?'],
    { intent: 'figure', subjects: ['Joukkoliikenne'], account: 'TULOT', years: [2019] },
  ],
  [
    ['Joukkoliikenteen tulot 2021', 'entä menot?'],
    { intent: 'figure', subjects: ['Joukkoliikenne'], account: 'MENOT', years: [2021] },
  ],
  [
    ['Sortteerin menot 2022 budjetissa', 'entä Maaseutuneuvonta?'],
    { intent: 'figure', subjects: ['Maaseutuneuvonta'], measure: 'budget', years: [2022] },
  ],
  [
    ['Vaalien menot 2021', 'entä Tilintarkastus?'],
    { intent: 'figure', subjects: ['Tilintarkastus'], account: 'MENOT', years: [2021] },
  ],
  [
    ['Vaalien menot 2021', 'Tilintarkastus?'],
    { intent: 'figure', subjects: ['Tilintarkastus'], years: [2021] },
  ],
  [
    ['paljonko Tietohallinto on käyttänyt?', 'entä tulot?'],
    { intent: 'budgetVsActual', subjects: ['Tietohallinto'], account: 'TULOT' },
  ],
  [
    ['paljonko Tietohallinto on käyttänyt?', 'entä budjetti?'],
    { intent: 'figure', subjects: ['Tietohallinto'], measure: 'budget' },
  ],
  [
    ['paljonko Tietohallinto on käyttänyt?', 'entä ennuste?'],
    { intent: 'forecast', subjects: ['Tietohallinto'] },
  ],
  [
    ['paljonko Tietohallinto on käyttänyt?', 'paljonko on jäljellä?'],
    { intent: 'remaining', subjects: ['Tietohallinto'] },
  ],
  [
    ['How much did IT spend in 2021?', 'and in 2019?'],
    { intent: 'figure', subjects: ['Tietohallinto'], years: [2019], lang: 'en' },
  ],
  [
    ['IT expenses 2021', 'what about revenue?'],
    { intent: 'figure', subjects: ['Tietohallinto'], account: 'TULOT', lang: 'en' },
  ],
  [['IT expenses 2021', 'entä 2020?'], { intent: 'figure', years: [2020], lang: 'fi' }],
  [['Tietohallinnon menot 2021', '2020?'], { intent: 'figure', subjects: ['Tietohallinto'], years: [2020] }],
  [['top 5 menot 2021', 'entä 2020?'], { intent: 'ranking', topN: 5, years: [2020] }],
  [['Tietohallinnon menot 2021', 'mitkä ylittävät budjetin?'], { intent: 'overBudget', subjects: [] }],
  [['Tietohallinnon menot 2021', 'entä 2019 ja 2020?'], { intent: 'compare', years: [2019, 2020] }],
  [
    ['Tietohallinnon menot 2021', 'Joukkoliikenteen tulot 2020'],
    { intent: 'figure', subjects: ['Joukkoliikenne'], account: 'TULOT', years: [2020] },
  ],
  [['Tietohallinnon menot tähän mennessä', 'entä 2021?'], { intent: 'figure', years: [2021], asOf: null }],
  [['moi', 'Vaalien menot 2020'], { intent: 'figure', subjects: ['Vaalit'] }],
  [['liitto', 'Kuntaliitto'], { intent: 'figure', subjects: ['Kuntaliitto'] }],
  [['mitkä ylittävät budjetin', 'entä tietohallinto?'], { intent: 'forecast', subjects: ['Tietohallinto'] }],
  [
    ['Joukkoliikenteen menot 2021', 'vertaa 2020'],
    { intent: 'compare', subjects: ['Joukkoliikenne'], years: [2020, 2021] },
  ],
  [['suurimmat menot 2021', 'top 3'], { intent: 'ranking', topN: 3, years: [2021] }],
  [['suurimmat menot 2021', 'entä pienimmät?'], { intent: 'ranking', order: 'asc', years: [2021] }],
  [['pienimmät menot 2021', 'suurimmat menot 2021'], { intent: 'ranking', order: 'desc', years: [2021] }],
  [['pienimmät menot 2021', 'entä 2020?'], { intent: 'ranking', order: 'asc', years: [2020] }],
  [
    ['How much has IT spent so far?', 'and public transport?'],
    { intent: 'budgetVsActual', subjects: ['Joukkoliikenne'], asOf: '2022-06-30', lang: 'en' },
  ],
  [
    ['tietohallinnon kehitys', 'entä tulot?'],
    { intent: 'trend', subjects: ['Tietohallinto'], account: 'TULOT' },
  ],
  // A trend spans all years and an outlook is about the open year, whatever year came before.
  [
    ['Tietohallinnon menot 2021', 'kehitys'],
    { intent: 'trend', subjects: ['Tietohallinto'], account: 'MENOT', years: [] },
  ],
  [
    ['IT costs 2019', 'is it on track?'],
    { intent: 'forecast', subjects: ['Tietohallinto'], years: [], lang: 'en' },
  ],
  [
    ['How much did public transport spend in 2021?', 'how about IT?', 'and revenue?'],
    { intent: 'figure', subjects: ['Tietohallinto'], account: 'TULOT', years: [2021], lang: 'en' },
  ],
];

describe('understand: queries', () => {
  it.each(figures)('should read figure question %j', check);
  it.each(serviceArea)('should read service-area question %j', check);
  it.each(intents)('should read intent of %j', check);
  it.each(periods)('should read period of %j', check);
  it.each(followUps)('should read follow-up %j', check);
});

describe('understand: dates that move with the conversation', () => {
  // The fixture's newest year is 2022, reported up to 30.6.2022.
  it.each<[string[], Partial<Query>]>([
    // A year counted from a dated question is the same date in that year.
    [['Tietohallinnon toteuma 30.6.2022', 'entä vuotta aiemmin?'], { years: [2021], asOf: '2021-06-30' }],
    [['IT actual 30.6.2022', 'and a year earlier?'], { years: [2021], asOf: '2021-06-30' }],
    [
      ['Tietohallinnon toteuma 30.6.2022', 'vertaa edelliseen vuoteen'],
      { intent: 'compare', years: [2021, 2022], asOf: '2022-06-30' },
    ],
    // A question of a whole year has no date to move; a plain year asks that year.
    [['Tietohallinnon menot 2021', 'entä vuotta aiemmin?'], { years: [2020], asOf: null }],
    [['Tietohallinnon toteuma 30.6.2022', 'entä 2021?'], { years: [2021], asOf: null }],
    // "samaan aikaan": the date the conversation is at (the newest, when none was said).
    [
      ['paljonko Tietohallinto on käyttänyt tänä vuonna?', 'entä viime vuonna samaan aikaan?'],
      { years: [2021], asOf: '2021-06-30' },
    ],
    [
      ['Tietohallinnon menot kesäkuussa 2022', 'and in the same month a year earlier?'],
      { years: [2021], asOf: '2021-06-30', span: 'month' },
    ],
    [
      ['Tietohallinnon menot heinä–syyskuussa 2022', 'entä 2021?'],
      { years: [2021], asOf: '2021-09-30', span: 'month', fromMonth: 7 },
    ],
    // A month without a year is of the year talked about; after a series it asks the month's figure.
    [
      ['Tietohallinnon menot 2021', 'entä maaliskuussa?'],
      { years: [2021], asOf: '2021-03-31', span: 'month' },
    ],
    [
      ['Tietohallinnon menot kuukausittain 2021', 'paljonko kesäkuussa?'],
      { intent: 'figure', years: [2021], asOf: '2021-06-30', span: 'month' },
    ],
    // A new question with a name of its own is of the newest year.
    [
      ['Tietohallinnon menot 2021', 'Joukkoliikenteen menot maaliskuussa'],
      { years: [2022], asOf: '2022-03-31' },
    ],
    [['Tietohallinnon toteuma 30.6.2022', 'entä vuoden lopussa?'], { years: [2022], asOf: '2022-12-31' }],
    // In a forecast the year's end is its horizon, not the date of the figures.
    [['Tietohallinnon ennuste vuoden lopussa'], { intent: 'forecast', asOf: null }],
  ])('should read %j', (turns, want) => {
    const u = converse(turns);
    expect(u.kind, JSON.stringify(u)).toBe('query');
    if (u.kind !== 'query') return;
    const got = Object.fromEntries(Object.keys(want).map((k) => [k, u.query[k as keyof Query]]));
    expect(got).toEqual(want);
  });
});

describe("understand: an alert subscription's quiet period", () => {
  it.each([
    ['tilaa hälytykset enintään kerran viikossa', 7, []],
    ['tilaa hälytys Tietohallinto 80 % hiljainen jakso 3 päivää', 3, ['Tietohallinto']],
    ['tilaa hälytykset kahden viikon välein', 14, []],
    ['hälytykset kerran kuukaudessa', 30, []],
    ['tilaa hälytykset hiljainen jakso 0', 0, []],
    ['subscribe to alerts, quiet 14 days', 14, []],
    ['subscribe alerts IT at most once a week', 7, ['Tietohallinto']],
  ])('should read %j as a quiet period of %i days', (text, days, names) => {
    const u = understand(text, null, index);
    expect(u.kind).toBe('query');
    if (u.kind !== 'query') return;
    expect(u.query).toMatchObject({ intent: 'subscribe', quietDays: days });
    expect(u.query.subjects.map((s) => s.name)).toEqual(names);
  });

  it('should not read the days as a threshold, nor a threshold as days', () => {
    const u = understand('tilaa hälytys Vaalit 90 hiljaa 7 päivää', null, index);
    expect(u.kind === 'query' && u.query).toMatchObject({ threshold: '0.9', quietDays: 7 });
    const plain = understand('tilaa hälytys Vaalit 90', null, index);
    expect(plain.kind === 'query' && plain.query.quietDays).toBeUndefined();
  });

  it('should leave words about weeks alone outside alert requests', () => {
    const u = understand('Tietohallinnon menot kerran viikossa', null, index);
    expect(u.kind === 'query' && u.query.quietDays).toBeFalsy();
  });
});

describe('understand: rankings by change', () => {
  const read = (turns: string[]) => {
    const u = converse(turns);
    expect(u.kind).toBe('query');
    return u.kind === 'query' ? u.query : null;
  };

  it.each([
    ['mikä kasvoi eniten', 'desc', []],
    ['mitkä menot kasvoivat eniten 2020-2021', 'desc', [2020, 2021]],
    ['suurin kasvu talousarvio 2021 ja 2022', 'desc', [2021, 2022]],
    ['vähiten kasvaneet menot', 'asc', []],
    ['mitkä laskivat eniten 2019–2020', 'asc', [2019, 2020]],
    ['biggest decrease in spending 2019-2020', 'asc', [2019, 2020]],
    ['which grew most in 2021?', 'desc', [2021]],
  ])('should read %j as a ranking by change, %s', (text, order, years) => {
    const q = read([text]);
    expect(q).toMatchObject({ intent: 'ranking', rankBy: 'change', order, years });
  });

  it('should keep ranking amounts when nothing grows or falls', () => {
    expect(read(['suurimmat menot 2021'])?.rankBy).toBeUndefined();
  });

  it("should leave one cost centre's growth a comparison", () => {
    expect(read(['Tietohallinnon menojen kasvu 2020–2021'])).toMatchObject({
      intent: 'compare',
      subjects: [{ name: 'Tietohallinto' }],
    });
  });

  it('should keep the change in a follow-up, and drop it for a new ranking by amount', () => {
    expect(read(['mikä kasvoi eniten', 'entä 2019 ja 2020?'])).toMatchObject({
      rankBy: 'change',
      years: [2019, 2020],
    });
    expect(read(['mikä kasvoi eniten', 'suurimmat tulot'])?.rankBy).toBeUndefined();
  });
});

describe('understand: several accounts in one question', () => {
  it.each([
    ['Tietohallinnon tulot ja menot 2021', 'TULOT', ['MENOT']],
    ['Vaalien menot, tulot ja nettomenot', 'MENOT', ['TULOT', 'NETTOMENO']],
    ['IT revenue and expenses 2021', 'TULOT', ['MENOT']],
  ])('should read %j as one account and name the others it left out', (text, account, others) => {
    const u = understand(text, null, index);
    expect(u.kind).toBe('query');
    if (u.kind !== 'query') return;
    expect(u.query.account).toBe(account);
    expect(u.alsoAsked).toEqual(others);
  });

  it('should leave nothing out when one account is named, even twice', () => {
    for (const text of ['Tietohallinnon menot 2021', 'menot, siis Tietohallinnon menot']) {
      const u = understand(text, null, index);
      expect(u.kind === 'query' && u.alsoAsked).toBeFalsy();
    }
  });
});

describe('understand: ambiguity', () => {
  it.each([
    ['Paljonko liitoille maksettiin 2021?', ['Kuntaliitto', 'Lapin liitto']],
    ['liiton menot', ['Kuntaliitto', 'Lapin liitto']],
    ['toiminnan kulut 2021', ['Muu toiminta', 'Suhdetoiminta', 'Yhteistoiminta', 'Ystävyyskaupunkitoiminta']],
  ])('should ask which one for %j', (text, names) => {
    const u = understand(text, null, index);
    expect(u.kind).toBe('clarify');
    if (u.kind !== 'clarify') return;
    expect(u.options.map((o) => o.label).sort()).toEqual([...names].sort());
    for (const o of u.options) OptionSchema.parse(o);
    QuerySchema.parse(u.partial);
  });

  it('should make each option a full question that resolves to its name', () => {
    const u = understand('Paljonko liitoille maksettiin 2021?', null, index);
    expect(u.kind).toBe('clarify');
    if (u.kind !== 'clarify') return;
    expect(u.term).toBe('liitoille');
    expect(u.partial.years).toEqual([2021]);
    for (const option of u.options) {
      const resolved = understand(option.ask, null, index);
      expect(resolved.kind).toBe('query');
      if (resolved.kind === 'query') {
        expect(resolved.query.subjects.map((s) => s.name)).toEqual([option.label]);
        expect(resolved.query.years).toEqual([2021]);
        expect(resolved.query.account).toBe('MENOT');
      }
    }
  });
});

describe('understand: not found', () => {
  it.each([
    'Paljonko sosiaalitoimi on käyttänyt?',
    'social services budget',
    'koulujen toiminta 2021',
    'kirjaston menot 2021',
    'koulut',
    'paljonko kouluille budjetoitiin',
    'terveyskeskuksen tulot',
    'how much did the library spend',
  ])('should say %j names no cost centre, and suggest no name that is not really close', (text) => {
    const u = understand(text, null, index);
    expect(u.kind).toBe('not_found');
    if (u.kind !== 'not_found') return;
    expect(u.what).toBe('costCentre');
    expect(u.term.length).toBeGreaterThan(0);
    // "library" is not Tilintarkastus, "sosiaalitoimi" not Suhdetoiminta: the answer offers the list instead.
    expect(u.closest).toEqual([]);
  });

  it.each([
    ['talous', 'Talouspalvelut'],
    ['joukkoliikennettä varten', 'Joukkoliikenne'],
  ])('should suggest a name really close to %j (%s)', (text, name) => {
    const u = understand(`${text} menot`, null, index);
    if (u.kind === 'not_found') expect(u.closest).toContain(name);
    else expect(u.kind === 'query' ? u.query.subjects.map((s) => s.name) : []).toContain(name);
  });

  // A known name joined to an unknown one: answering for the known one alone would answer another question.
  it.each([
    'vertaa tietohallintoa ja kirjastoa',
    'Tietohallinnon ja kirjaston menot 2021',
    'compare IT with the library',
    'IT and schools spending',
  ])('should not drop the unknown half of %j', (text) => {
    const u = understand(text, null, index);
    expect(u.kind === 'not_found' && u.what).toBe('costCentre');
  });

  it('should keep what it did understand beside the unknown name', () => {
    const u = understand('kirjaston menot 2021', null, index);
    expect(u.kind === 'not_found' && u.partial?.years).toEqual([2021]);
    expect(u.kind === 'not_found' && u.term).toBe('kirjaston');
  });

  it('should not carry a follow-up over to an unknown name', () => {
    const u = converse(['Vaalien menot 2021', 'entä kirjasto?']);
    expect(u.kind).toBe('not_found');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['asdkjh qwrtpz', 'gibberish'],
    ['🤔💶🔥', 'emoji only'],
    ["'; DROP TABLE facts; --", 'SQL'],
    ['SELECT * FROM budget WHERE 1=1', 'SQL'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is the input under test
    ['${process.env.SECRET}', 'template syntax'],
    ['{{constructor.constructor("return 1")()}}', 'template syntax'],
    ['<script>alert(1)</script>', 'markup'],
    ['x'.repeat(10_000), '10 000 characters'],
    ['Tietohallinto '.repeat(200), 'a name repeated past the length limit'],
    ['???', 'punctuation'],
    ['mitä?', 'a question word alone'],
  ])('should answer %j (%s) with not understood', (text) => {
    const u = understand(text, null, index);
    expect(u.kind).toBe('not_found');
    if (u.kind === 'not_found') {
      expect(u.what).toBe('nothing');
      expect(u.partial).toBeNull();
    }
  });

  it('should refuse text past the length limit without reading it', () => {
    expect(MAX_TEXT_LENGTH).toBeLessThan(10_000);
    expect(understand(`Tietohallinnon menot ${'x'.repeat(MAX_TEXT_LENGTH)}`, null, index).kind).toBe(
      'not_found',
    );
  });
});

describe('understand: words that are not names', () => {
  // Verbs, question words and lexicon words must never become a cost centre: with no name in
  // them, these ask back which cost centre is meant.
  it.each([
    'paljonko on käytetty?',
    'mitkä ovat menot?',
    'kuinka paljon budjetista on jäljellä',
    'how much was spent so far',
  ])('should name no cost centre in %j', (text) => {
    const u = understand(text, null, index);
    expect(u.kind).toBe('clarify');
    if (u.kind === 'clarify') {
      expect(u.asks).toBe('subject');
      expect(u.partial.subjects).toEqual([]);
    }
  });
});

describe('understand: a question that names no subject', () => {
  it.each([
    ['paljonko on käytetty?', 'budgetVsActual'],
    ['mikä on budjetti?', 'figure'],
    ['how much is left?', 'remaining'],
    ['ylittyykö budjetti?', 'forecast'],
    ['kehitys vuosittain', 'trend'],
    ['menot 2021', 'figure'],
  ] as const)('should ask back which cost centre %j is about, keeping its kind', (text, intent) => {
    const u = understand(text, null, index);
    expect(u.kind).toBe('clarify');
    if (u.kind === 'clarify') {
      expect(u.asks).toBe('subject');
      expect(u.partial.intent).toBe(intent);
    }
  });

  it.each([
    ['koko palvelualueen menot', 'the whole area named'],
    ['menot yhteensä 2021', 'a total'],
    ['henkilöstökulut 2021', 'a row only the area has'],
    ['Määrärahat 2022', "the area's appropriations"],
    ['tunnusluvut 2022', "the area's key figures"],
  ])('should answer %j (%s) for the service area without asking', (text) => {
    const u = understand(text, null, index);
    expect(u.kind).toBe('query');
    // The area is named, or left to the answer (whose rows of appropriations are the area's).
    if (u.kind === 'query') expect(u.query.subjects.filter((s) => s.kind !== 'serviceArea')).toEqual([]);
  });

  it('should take a name after the question back as the subject of the question asked', () => {
    const back = understand('paljonko on jäljellä?', null, index);
    expect(back.kind).toBe('clarify');
    if (back.kind !== 'clarify') return;
    const u = understand('Tietohallinto', back.partial, index);
    expect(u.kind).toBe('query');
    if (u.kind === 'query') {
      expect(u.query.intent).toBe('remaining');
      expect(u.query.subjects).toEqual([{ kind: 'costCentre', name: 'Tietohallinto' }]);
    }
  });

  it('should keep the subject of an earlier question in a follow-up', () => {
    const u = converse(['Tietohallinnon menot 2021', 'entä 2020?']);
    expect(u.kind).toBe('query');
    if (u.kind === 'query') expect(u.query.subjects.map((s) => s.name)).toEqual(['Tietohallinto']);
  });
});

describe('understand: any string', () => {
  it('should never throw and always return a valid shape', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc
        .constantFrom(
          'Tietohallinnon',
          'menot',
          '2021',
          'entä',
          'liitto',
          'tähän mennessä',
          '80 %',
          'top',
          '30.6.',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is the input under test
          '${x}',
          ' ',
        )
        .chain((w) => fc.array(fc.constant(w), { maxLength: 5 }).map((ws) => ws.join(' '))),
      fc
        .array(
          fc.constantFrom(
            'Tietohallinnon',
            'menot',
            '2021',
            'entä',
            'liitto',
            'viime vuonna',
            '5',
            'suurimmat',
            'IT',
            'so far',
            '%',
            '–',
            '2019',
          ),
          { maxLength: 8 },
        )
        .map((ws) => ws.join(' ')),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (t, withPrevious) => {
        const previous = withPrevious ? converse(['Tietohallinnon menot 2021']) : null;
        // understandStrict lets a defect throw, where understand() would hide it behind "not understood".
        const u = understandStrict(t, previous?.kind === 'query' ? previous.query : null, index);
        if (u.kind === 'query') QuerySchema.parse(u.query);
        else if (u.kind === 'clarify') {
          QuerySchema.parse(u.partial);
          // A question back for the subject leaves the choices (every cost centre) to the answer.
          if (u.asks === 'subject') expect(u.partial.subjects).toEqual([]);
          else expect(u.options.length).toBeGreaterThanOrEqual(2);
          for (const o of u.options) OptionSchema.parse(o);
        } else {
          expect(['costCentre', 'measure', 'nothing']).toContain(u.what);
          if (u.partial) QuerySchema.parse(u.partial);
          expect(Array.isArray(u.closest)).toBe(true);
        }
        expect(['fi', 'en']).toContain(u.kind === 'query' ? u.query.lang : u.lang);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('understand: another city', () => {
  // Nothing is keyed to one city's names: a store with other names works with the same lexicon.
  let other: UnderstandingIndex;
  beforeAll(() => {
    other = buildUnderstandingIndex(otherCityStore(), { aliases: {} });
  });

  it.each([
    [
      'kirjastotoimen menot 2024',
      { intent: 'figure', subjects: ['Kirjastotoimi'], account: 'MENOT', years: [2024] },
    ],
    ['paljonko nuorisotoimi on käyttänyt?', { intent: 'budgetVsActual', subjects: ['Nuorisotoimi'] }],
    [
      'ympäristöpalveluiden tulot viime vuonna',
      { intent: 'figure', subjects: ['Ympäristöpalvelut'], account: 'TULOT', years: [2024] },
    ],
    [
      'varhaiskasvatukseen kulunut tähän mennessä',
      { intent: 'budgetVsActual', subjects: ['Varhaiskasvatus'], asOf: '2025-09-30' },
    ],
    [
      'sähköisen asioinnin budjetti',
      { intent: 'figure', subjects: ['Sähköinen asiointi'], measure: 'budget' },
    ],
    [
      'how much has the library spent?',
      { intent: 'budgetVsActual', subjects: ['Kirjastotoimi'], lang: 'en' },
    ],
  ] as Case[])('should read %j', (text, want) => {
    const u = understand(text as string, null, other);
    expect(u.kind, JSON.stringify(u)).toBe('query');
    if (u.kind !== 'query') return;
    expect(u.query.intent).toBe(want.intent);
    expect(u.query.subjects.map((s) => s.name)).toEqual(want.subjects);
    for (const key of ['account', 'measure', 'years', 'asOf', 'lang'] as const)
      if (want[key] !== undefined) expect(u.query[key]).toEqual(want[key]);
  });

  it.each([
    ['toimi', ['Kirjastotoimi', 'Kulttuuritoimi', 'Nuorisotoimi']],
    ['opiston menot', ['Kansalaisopisto', 'Musiikkiopisto']],
  ])('should ask which one for %j', (text, names) => {
    const u = understand(text, null, other);
    expect(u.kind === 'clarify' && u.options.map((o) => o.label).sort()).toEqual(names);
  });

  it("should not find the first city's cost centres here", () => {
    const u = understand('Tietohallinnon menot', null, other);
    expect(u.kind).toBe('not_found');
  });
});
