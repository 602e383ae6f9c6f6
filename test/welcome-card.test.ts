import { describe, expect, it } from 'vitest';
import { renderWelcomeCard } from '../src/cards';
import { cardActions, cardText } from './card-fixtures';

describe('renderWelcomeCard', () => {
  it.each([
    ['fi', 'Hei! Vastaan talousarviokysymyksiin', 'Mihin on kulunut eniten rahaa?'],
    ['en', 'Hi! I answer budget questions', 'Where has most of the money gone?'],
  ] as const)('should greet in %s with the example questions of cards/examples.json as buttons', (lang, title, first) => {
    const card = renderWelcomeCard(lang);
    expect(cardText(card)).toContain(title);
    const actions = cardActions(card);
    expect(actions.length).toBe(5);
    expect(actions[0]?.title).toBe(first);
    expect(actions[0]?.data.ask).toBe(first);
  });

  it('should use examples the bot passes in, e.g. with names from the store', () => {
    const card = renderWelcomeCard('fi', [
      { label: 'Tietohallinnon menot', ask: 'paljonko Tietohallinto on käyttänyt?' },
    ]);
    expect(cardActions(card).map((a) => a.data.ask)).toEqual(['paljonko Tietohallinto on käyttänyt?']);
  });
});
