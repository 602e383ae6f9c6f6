/**
 * Issue 10: actuals imported from a ledger CSV reach the answers, not only the alerts. The store
 * here is what `npm run ingest -- seeds/*.txt ledger.csv` builds (in memory).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { type Answer, type AnswerFigure, money } from '../src/domain';
import { AliasesSchema } from '../src/ingest/aliases';
import { ingestSources } from '../src/ingest/ingest-files';

const root = join(import.meta.dirname, '..');
const SEEDS = ['000_d3382b3632755c54.txt', '001_a49d1ed256dc6eed.txt'];

// The issue's own reproduction, plus a revenue row and an alias as a ledger export spells them.
const LEDGER = [
  'cost_centre,account,as_of,amount',
  'Tietohallinto,MENOT,2022-09-30,-1234567',
  'ICT,TULOT,2022-09-30,1200',
  'Vaalit,MENOT,2022-09-30,-19 980',
].join('\n');

let assistant: BudgetAssistant;

beforeAll(() => {
  const aliases = AliasesSchema.parse(JSON.parse(readFileSync(join(root, 'data/aliases.json'), 'utf8')));
  const files = [
    ...SEEDS.map((n) => ({
      path: `seeds/${n}`,
      bytes: new Uint8Array(readFileSync(join(root, 'seeds', n))),
    })),
    { path: 'ledger/actuals-2022-09.csv', bytes: new TextEncoder().encode(LEDGER) },
  ];
  assistant = BudgetAssistant.fromData(ingestSources(files, aliases).data);
});

function actualOf(answer: Answer): AnswerFigure | undefined {
  return answer.figures.find((f) => f.role === 'actual');
}

describe('imported ledger actuals in answers', () => {
  it.each([
    'paljonko Tietohallinto on käyttänyt?',
    'How much has IT spent so far?',
    'Tietohallinnon toteuma 30.9.2022',
    'tietohallinnon menot tähän mennessä',
  ])('should answer "%s" with the newest ledger actual, its date and the CSV line', (question) => {
    const answer = assistant.ask(question, null);
    expect(answer.status).toBe('answer');
    expect(actualOf(answer)).toMatchObject({
      costCentre: 'Tietohallinto',
      account: 'MENOT',
      basis: 'TOT',
      asOf: '2022-09-30',
      amount: '-1234567',
      source: { document: 'actuals-2022-09.csv', line: 2 },
    });
    // The budget beside it is the year's final budget from the report, not a figure of the CSV.
    expect(answer.figures.find((f) => f.role === 'budget')).toMatchObject({
      year: 2022,
      basis: 'TA/KS+muutos',
      amount: '-1488900',
    });
    // Finnish thousands are separated by a no-break space.
    expect(answer.text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/1 234 567 €|€1,234,567/);
    expect(answer.text).toMatch(/30\.9\.2022|30 Sep 2022/);
    expect(answer.text).toContain('actuals-2022-09.csv');
  });

  it('should still answer an earlier date asked for with that date’s report figure', () => {
    const answer = assistant.ask('Tietohallinnon toteuma 30.6.2022', null);
    expect(actualOf(answer)).toMatchObject({
      asOf: '2022-06-30',
      amount: '-924370',
      source: { document: '000_d3382b3632755c54.txt', line: 196 },
    });
  });

  it('should read a revenue row imported under an alias', () => {
    const answer = assistant.ask('Tietohallinnon tulot 30.9.2022', null);
    expect(actualOf(answer)).toMatchObject({
      costCentre: 'Tietohallinto',
      account: 'TULOT',
      asOf: '2022-09-30',
      amount: '1200',
      source: { document: 'actuals-2022-09.csv', line: 3 },
    });
  });

  it('should say there is no figure at a date the data does not have, never another date’s', () => {
    const answer = assistant.ask('Tietohallinnon toteuma 31.8.2022', null);
    expect(answer.status).toBe('not_found');
    expect(answer.figures).toEqual([]);
    expect(answer.text).toContain('31.8.2022');
  });

  it('should give the message extension the same ledger actual', () => {
    const [hit] = assistant.costCentreHeadlines('Tietohallinto', 1);
    expect(hit && actualOf(hit.answer)).toMatchObject({ asOf: '2022-09-30', amount: '-1234567' });
  });

  it('should name the ledger date in the help text and answer with it', () => {
    const help = assistant.ask('apua', null);
    expect(help.text).toContain('Toteumat 30.9.2022 asti');
    const vaalit = assistant.ask('paljonko Vaalit on käyttänyt?', null);
    expect(actualOf(vaalit)).toMatchObject({ asOf: '2022-09-30', amount: '-19980' });
  });
});

describe('lists and comparisons of year-to-date actuals', () => {
  let full: BudgetAssistant;
  beforeAll(() => {
    const aliases = AliasesSchema.parse(JSON.parse(readFileSync(join(root, 'data/aliases.json'), 'utf8')));
    const dir = join(root, 'examples/ledger');
    const paths = [
      ...SEEDS.map((n) => join(root, 'seeds', n)),
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => join(dir, f)),
    ];
    full = BudgetAssistant.fromData(
      ingestSources(
        paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) })),
        aliases,
      ).data,
    );
  });

  it('should rank every cost centre at one date: the report’s while a ledger has only one of them', () => {
    const answer = assistant.ask('suurimmat menot', null);
    const dates = new Set(answer.figures.map((f) => f.asOf));
    expect([...dates]).toEqual(['2022-06-30']);
    // Tietohallinto ranks by its 30.6. figure, not by the ledger's 30.9. beside others' 30.6.
    expect(answer.figures[0]).toMatchObject({ costCentre: 'Tietohallinto', amount: '-924370' });
  });

  it('should rank, list and compare at the ledger’s date once the ledger has every cost centre', () => {
    for (const question of [
      'suurimmat menot',
      'mitkä ovat ylittäneet budjetin?',
      'Tietohallinto vs Vaalit 2022',
    ]) {
      const answer = full.ask(question, null);
      const actuals = answer.figures.filter((f) => f.role !== 'budget');
      expect(actuals.length, question).toBeGreaterThan(1);
      expect(new Set(actuals.map((f) => f.asOf)), question).toEqual(new Set(['2022-12-31']));
    }
  });

  it('should say in the help what the ledgers cover: the files as a group by their dates, the newest date, the months', () => {
    const help = full.ask('apua', null).text;
    expect(help).toContain('kirjanpidon toteumat 31.1.2021 … 31.12.2022 (18 tiedostoa)');
    // Documents by their titles, never by file name.
    expect(help).toContain(
      'Aineisto: Toteutuma 30.6.2022 – Käyttösuunnitelma 2022; Palvelualue: Hallinto- ja tukipalvelut (talousarvio 2020);',
    );
    expect(help).not.toMatch(/\.(csv|txt)\b/);
    expect(help).toContain('Toteumat 31.12.2022 asti.');
    expect(help).toContain('Kuukausien lopun toteumat: 1–12/2021, 6–12/2022.');
  });

  it.each([
    [
      'Mitkä kustannuspaikat olivat ylittäneet budjettinsa maaliskuun lopussa 2022?',
      'Mitkä kustannuspaikat olivat ylittäneet budjettinsa 30.6.2022?',
    ],
    ['suurimmat menot 31.3.2022', 'suurimmat menot 30.6.2022'],
    [
      'Which cost centres had the most left on 31 March 2022?',
      'Which cost centres had the most left on 30.6.2022?',
    ],
  ])('should say a list at a date no cost centre has a figure at has none, and offer the dates there are ("%s")', (question, first) => {
    const answer = full.ask(question, null);
    expect(answer.status).toBe('not_found');
    expect(answer.figures).toEqual([]);
    expect(answer.text).toMatch(/31\.3\.2022|31 Mar 2022/);
    // The nearest dates first, each the same question asked again at that date.
    expect(answer.options.map((o) => o.ask)[0]).toBe(first);
    const again = full.ask(first, null);
    expect(again.status).toBe('answer');
    expect(new Set(again.figures.filter((f) => f.role !== 'budget').map((f) => f.asOf))).toEqual(
      new Set(['2022-06-30']),
    );
  });

  it('should not call a ledger’s year end the financial statements when no forecast is needed', () => {
    const text = full.ask('Tietohallinnon ennuste', null).text;
    expect(text).toContain('toteuma 31.12.2022 on koko vuoden luku');
    expect(text).not.toContain('tilinpäätöksestä');
  });

  it('should call a list at 31.12. over or under budget, not ahead of pace: the year is whole', () => {
    const answer = full.ask('mitkä ovat ylittäneet budjetin?', null);
    expect(answer.body).toMatchObject({
      kind: 'overBudgetList',
      condition: 'overBudget',
      elapsedShare: null,
    });
  });
});

describe('the seasonal projection beside the linear one', () => {
  // The reports, 2021 by month, and 2022 to the end of September: an open year with a profile.
  let september: BudgetAssistant;
  const ledgerDir = join(root, 'examples/ledger');
  const csvAmount = (file: string, costCentre: string, account: string): string => {
    const line = readFileSync(join(ledgerDir, file), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${costCentre};${account};`));
    return line!.split(';')[3]!;
  };
  beforeAll(() => {
    const aliases = AliasesSchema.parse(JSON.parse(readFileSync(join(root, 'data/aliases.json'), 'utf8')));
    const ledgers = readdirSync(ledgerDir).filter((f) => /^actuals-(2021-\d\d|2022-0[789])\.csv$/.test(f));
    const paths = [...SEEDS.map((n) => join(root, 'seeds', n)), ...ledgers.map((f) => join(ledgerDir, f))];
    september = BudgetAssistant.fromData(
      ingestSources(
        paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) })),
        aliases,
      ).data,
    );
  });

  it('should estimate the year-end by last year’s share by the same date, from the lines it rests on', () => {
    const answer = september.ask('ylittyykö Tietohallinnon budjetti?', null);
    const now = csvAmount('actuals-2022-09.csv', 'Tietohallinto', 'MENOT');
    const lastYearToDate = csvAmount('actuals-2021-09.csv', 'Tietohallinto', 'MENOT');
    const lastYear = '-1577137'; // TP 2021, 000_d3382b3632755c54.txt line 196
    const expected = money(now).div(money(lastYearToDate).div(lastYear)).toDecimalPlaces(0).toFixed();
    expect(answer.derived.seasonalProjection).toBe(expected);
    expect(answer.derived.seasonalShare).toBe(
      money(lastYearToDate).div(lastYear).toDecimalPlaces(4).toFixed(),
    );
    // Linear beside it: actual / share of the year gone (273/365).
    expect(answer.derived.projection).toBe(money(now).div(money(273).div(365)).toDecimalPlaces(0).toFixed());
    const figures = answer.figures.map((f) => [f.year, f.basis, f.asOf ?? null, f.amount, f.source.document]);
    expect(figures).toContainEqual([2021, 'TOT', '2021-09-30', lastYearToDate, 'actuals-2021-09.csv']);
    expect(figures).toContainEqual([2021, 'TP', null, lastYear, '000_d3382b3632755c54.txt']);
    expect(answer.text).toContain(
      'Kausivaihtelun mukainen arvio: vuonna 2021 oli 30.9.2021 mennessä käytetty',
    );
    expect(answer.notes.join(' ')).toMatch(/Kausiennuste käyttää vuoden 2021 kuukausitoteumia/);
    expect(JSON.stringify(answer.card)).toContain('Kausiennuste vuoden 2021 mukaan (arvio)');
  });

  it('should give only the linear estimate where last year has no figure at the date', () => {
    // Summer jobs began in 2022: no 2021 ledger rows.
    const answer = september.ask('Opiskelijoiden kesätyö ennuste', null);
    expect(answer.derived.projection).toBeDefined();
    expect(answer.derived.seasonalProjection).toBeUndefined();
    expect(JSON.stringify(answer.card)).not.toContain('Kausiennuste');
  });

  it('should give none in a closed year or at the year’s end', () => {
    expect(september.ask('Tietohallinnon menot 2021', null).derived.seasonalProjection).toBeUndefined();
  });
});
