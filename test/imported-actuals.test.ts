/**
 * Issue 10: actuals imported from a ledger CSV reach the answers, not only the alerts. The store
 * here is what `npm run ingest -- seeds/*.txt ledger.csv` builds (in memory).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import type { Answer, AnswerFigure } from '../src/domain';
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

  it('should call a list at 31.12. over or under budget, not ahead of pace: the year is whole', () => {
    const answer = full.ask('mitkä ovat ylittäneet budjetin?', null);
    expect(answer.body).toMatchObject({
      kind: 'overBudgetList',
      condition: 'overBudget',
      elapsedShare: null,
    });
  });
});
