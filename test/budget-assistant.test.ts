import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { askConversation } from '../src/assistant/conversation';
import { AnswerSchema, emptyBudgetData, type Query } from '../src/domain';
import { answeringStore } from './fixtures/answering-store';

const assistant = BudgetAssistant.fromData(answeringStore());

function amounts(turns: string[]): string[] {
  return (askConversation(assistant, turns).at(-1)?.figures ?? []).map(
    (f) => `${f.costCentre}|${f.account}|${f.year}|${f.amount}`,
  );
}

describe('BudgetAssistant.ask', () => {
  it.each([
    { turns: ['paljonko Tietohallinto on käyttänyt?'], has: 'Tietohallinto|MENOT|2022|-924370' },
    { turns: ['Joukkoliikenteen menot vuonna 2021'], has: 'Joukkoliikenne|MENOT|2021|-338529' },
    { turns: ['Joukkoliikenteen tulot 2021', 'entä 2019?'], has: 'Joukkoliikenne|TULOT|2019|66803' },
    { turns: ['Valtuuston menot 2018'], has: 'Kaupunginvaltuusto|MENOT|2018|-140882' },
    { turns: ['How much has IT spent so far this year?'], has: 'Tietohallinto|MENOT|2022|-924370' },
  ])('should answer $turns with the seed figure', ({ turns, has }) => {
    expect(amounts(turns)).toContain(has);
  });

  it('should attach a card and the query to carry into the next turn', () => {
    const answer = assistant.ask('Vaalien menot 2019', null);
    expect(answer.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(answer.query?.subjects).toEqual([{ kind: 'costCentre', name: 'Vaalit' }]);
  });

  it('should answer one account of "tulot ja menot", say so, and offer the other as a button', () => {
    const answer = assistant.ask('Tietohallinnon tulot ja menot 2021', null);
    expect(answer.figures.map((f) => `${f.account}|${f.year}|${f.amount}`)).toContain('TULOT|2021|81248');
    expect(answer.figures.every((f) => f.account === 'TULOT')).toBe(true);
    expect(answer.notes).toContain(
      'Kysymyksessä oli myös menot: vastaan yhdestä tilistä kerrallaan, toinen painikkeesta.',
    );
    const button = answer.options[0];
    expect(button).toEqual({ label: 'Menot', ask: 'Tietohallinnon menot 2021' });
    // The button's question stands on its own, whatever was asked in between.
    const other = assistant.ask(button!.ask, assistant.ask('Vaalien tulot 2019', null).query ?? null);
    expect(other.figures.map((f) => `${f.costCentre}|${f.account}|${f.year}|${f.amount}`)).toContain(
      'Tietohallinto|MENOT|2021|-1577137',
    );
  });

  it('should offer a ranking of the other account as a ranking', () => {
    const answer = assistant.ask('largest revenue and expenses', null);
    expect(answer.intent).toBe('ranking');
    expect(answer.options[0]).toEqual({ label: 'Expenses', ask: 'largest expenses' });
    expect(assistant.ask('largest expenses', null).figures[0]).toMatchObject({
      costCentre: 'Tietohallinto',
      account: 'MENOT',
      amount: '-924370',
    });
  });

  it('should rank cost centres by growth between two closed years, exactly and with both figures', () => {
    const answer = assistant.ask('mitkä menot kasvoivat eniten 2020-2021', null);
    expect(answer.status).toBe('answer');
    // Figures come in pairs, newer year first, in rank order.
    const at = answer.figures.findIndex((f) => f.costCentre === 'Tietohallinto');
    expect(at % 2).toBe(0);
    const pair = answer.figures
      .slice(at, at + 2)
      .map((f) => `${f.costCentre}|${f.year}|${f.basis}|${f.amount}`);
    expect(pair).toEqual(['Tietohallinto|2021|TP|-1577137', 'Tietohallinto|2020|TP|-1477909']);
    const rank = at / 2 + 1;
    expect(answer.derived).toMatchObject({ fromYear: '2020', toYear: '2021', [`change${rank}`]: '99228' });
    expect(answer.derived[`changePercent${rank}`]).toBe('6.71');
    expect(answer.text).toContain(`${rank}. Tietohallinto +99\u00a0228\u00a0€ (+6,7\u00a0%)`);
  });

  it('should put the largest decrease first when asked what fell', () => {
    const answer = assistant.ask('biggest decrease in spending 2019-2020', null);
    const changes = Object.entries(answer.derived)
      .filter(([k]) => /^change\d+$/.test(k))
      .map(([, v]) => Number(v));
    expect(changes.length).toBeGreaterThan(1);
    expect(changes).toEqual([...changes].sort((a, b) => a - b));
    expect(changes[0]).toBeLessThan(0);
    expect(answer.figures.every((f) => f.basis === 'TP' && [2019, 2020].includes(f.year))).toBe(true);
  });

  it('should not measure growth from half a year, and offer the budgets instead', () => {
    const answer = assistant.ask('mitkä kasvoivat eniten 2021-2022', null);
    expect(answer.status).toBe('not_found');
    expect(answer.figures).toEqual([]);
    expect(answer.text).toContain('Vuodelta 2022 on vasta toteuma 1.1.–30.6.2022 (TOT)');
    const budgets = assistant.ask(answer.options[0]!.ask, null);
    expect(budgets.derived).toMatchObject({ fromYear: '2021', toYear: '2022' });
    expect(budgets.figures.every((f) => f.basis !== 'TOT' && f.basis !== 'TP')).toBe(true);
  });

  it('should add no such note when one account is named', () => {
    const answer = assistant.ask('Tietohallinnon menot 2021', null);
    expect(answer.notes.join(' ')).not.toContain('Kysymyksessä oli myös');
  });

  it('should refuse a cost centre line item rather than give the service-area figure', () => {
    const answer = assistant.ask('Tietohallinnon henkilöstökulut', null);
    expect(answer.status).toBe('not_found');
    expect(answer.figures).toEqual([]);
  });

  it.each([
    '',
    '   ',
    '🙂',
    "'; DROP TABLE facts; --",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is the bad input under test
    '${process.env.HOME}',
    '{{7*7}}',
    'x'.repeat(10_000),
  ])('should give a schema-valid answer without figures to bad input %#', (text) => {
    const answer = assistant.ask(text, null);
    expect(AnswerSchema.parse(answer)).toBeTruthy();
    expect(answer.figures).toEqual([]);
    expect(answer.text).not.toContain('${');
    expect(answer.text).not.toContain('{{');
  });

  it('should not throw on a non-string message from a careless caller', () => {
    const answer = assistant.ask(undefined as unknown as string, null);
    expect(AnswerSchema.parse(answer).status).not.toBe('answer');
  });

  it('should give a schema-valid answer for any text and any previous turn, never throwing (property)', () => {
    const previous = assistant.ask('Joukkoliikenteen tulot 2021', null).query ?? null;
    const fragments = fc.constantFrom(
      'menot',
      'tulot',
      '2021',
      'entä',
      'Tietohallinto',
      'vertaa',
      'suurimmat',
      '€',
      'ä',
      '${',
      '{{',
      '\u0000',
      '30.6.2022',
      'budjetti',
      'IT',
    );
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fragments, { maxLength: 8 }).map((xs) => xs.join(' ')),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (t, withContext) => {
        const answer = assistant.ask(t, withContext ? (previous as Query) : null);
        AnswerSchema.parse(answer);
      }),
      { numRuns: 400 },
    );
  });
});

describe('BudgetAssistant.costCentreHeadlines', () => {
  it('should list the biggest cost centres by budget when the prefix is empty', () => {
    expect(assistant.costCentreHeadlines('', 3).map((h) => h.name)).toEqual([
      'Tietohallinto',
      'Kaupunginhallitus',
      'Joukkoliikenne',
    ]);
  });

  it('should match a prefix of a name or an alias, diacritics or not', () => {
    expect(assistant.costCentreHeadlines('tieto', 5).map((h) => h.name)).toEqual(['Tietohallinto']);
    expect(assistant.costCentreHeadlines('hallitus', 5).map((h) => h.name)).toEqual(['Kaupunginhallitus']);
    expect(assistant.costCentreHeadlines('tyoterv', 5).map((h) => h.name)).toEqual(['Työterveyshuolto']);
  });

  it('should answer each hit with its newest actual beside the budget, with a card', () => {
    const [hit] = assistant.costCentreHeadlines('Joukko', 1);
    expect(hit?.answer.figures.map((f) => f.amount)).toEqual(['-183164', '-347400']);
    expect(hit?.answer.card).toBeDefined();
  });

  it('should return nothing for a prefix that matches no name', () => {
    expect(assistant.costCentreHeadlines('zzz', 5)).toEqual([]);
  });
});

describe('BudgetAssistant over an empty store', () => {
  const empty = BudgetAssistant.fromData(emptyBudgetData());

  it.each([
    'apua',
    'hei',
    'suurimmat menot',
    'mitkä ovat tavoitteet?',
    'Tietohallinnon menot 2021',
  ])('should answer %s plainly, with no figures and no empty placeholders', (text) => {
    const answer = AnswerSchema.parse(empty.ask(text, null));
    expect(answer.figures).toEqual([]);
    expect(answer.text).not.toMatch(/\(vuodet \)|vuodet \.|: \./);
  });

  it('should have no headlines to offer', () => {
    expect(empty.costCentreHeadlines('', 5)).toEqual([]);
  });
});
