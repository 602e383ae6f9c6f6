import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelAt } from '../src/answering/label-date';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { renderAnswerCard } from '../src/cards';
import { cardContextOf } from '../src/cards/card-context';
import type { Answer } from '../src/domain';
import { cardText } from './card-fixtures';

/**
 * A row label that prints its own date ("Vakinaiset virat ja toimet 31.12.") beside a figure of
 * another day (the state at 30.6.2022, 000:34) would name two dates for one figure: the label
 * is said without its date there, and the figure's own date in words ("tilanne 30.6.2022").
 */

const STORE = path.join(import.meta.dirname, '..', 'data', 'budget.json');
const NBSP = /\u00a0/g;

let assistant: BudgetAssistant;
let card: (a: Answer) => string;
beforeAll(async () => {
  assistant = await BudgetAssistant.load(STORE);
  const context = cardContextOf(assistant.data.documents);
  card = (a) => cardText(renderAnswerCard(a, context)).replace(NBSP, ' ');
});
const ask = (text: string) => assistant.ask(text, null);

describe('labelAt', () => {
  it('should drop a label’s own day and month only beside a figure of another day', () => {
    expect(labelAt('Vakinaiset virat ja toimet 31.12.', { asOf: '2022-06-30' })).toBe(
      'Vakinaiset virat ja toimet',
    );
    expect(labelAt('Vakinaiset virat ja toimet 31.12.', { asOf: '2022-12-31' })).toBe(
      'Vakinaiset virat ja toimet 31.12.',
    );
    expect(labelAt('Vakinaiset virat ja toimet 31.12.', {})).toBe('Vakinaiset virat ja toimet 31.12.');
    expect(labelAt('Henkilöstömenot', { asOf: '2022-06-30' })).toBe('Henkilöstömenot');
  });
});

describe('a dated label beside a figure of another date', () => {
  it.each([
    [
      'Montako vakinaista virkaa ja tointa oli 30.6.2022?',
      'Vakinaiset virat ja toimet, tilanne 30.6.2022',
      'Tilanne 30.6.2022',
    ],
    [
      'How many permanent posts 30.6.2022?',
      'Vakinaiset virat ja toimet, as of 30 Jun 2022',
      'As of 30 Jun 2022',
    ],
  ])('%s: text and card name one date, the figure’s (37, 000:34)', (q, said, column) => {
    const a = ask(q);
    expect(a.status).toBe('answer');
    expect(a.figures.map((f) => [f.account, f.amount, f.asOf])).toEqual([
      ['Vakinaiset virat ja toimet 31.12.', '37', '2022-06-30'],
    ]);
    const text = a.text.replace(NBSP, ' ');
    expect(text).toContain(`${said} (TOT): 37`);
    expect(text).not.toContain('31.12.');
    const c = card(a);
    expect(c).toContain(column);
    expect(c).not.toContain('31.12.');
  });

  it('should keep the label as printed beside a year’s figure (tilinpäätös 2019: 42, 001:159)', () => {
    const a = ask('Vakinaiset virat ja toimet 2019');
    expect(a.text).toContain('Vakinaiset virat ja toimet 31.12., tilinpäätös 2019 (TP): 42');
  });

  it('should say the key figures’ state at 30.6.2022 without the label’s 31.12.', () => {
    const a = ask('tunnusluvut 2022');
    const text = a.text.replace(NBSP, ' ');
    expect(text).toContain('Vakinaiset virat ja toimet 37 (tilanne 30.6.2022');
    expect(text).toContain('Vakinaiset virat ja toimet 31.12. 35 (talousarvio 2022');
    expect(card(a)).toContain('Tilanne 30.6.2022');
  });
});
