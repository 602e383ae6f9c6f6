import { describe, expect, it } from 'vitest';
import { renderHelpCard, renderWelcomeCard } from '../src/cards';
import { answerFixture, cardActions, cardText } from './card-fixtures';

describe('renderWelcomeCard', () => {
  it.each([
    [
      'fi',
      'Hei! Vastaan talousarviokysymyksiin',
      'Tietohallinnon tilanne',
      'Paljonko Tietohallinto on käyttänyt?',
    ],
    ['en', 'Hi! I answer budget questions', 'IT spending so far', 'How much has Tietohallinto spent?'],
  ] as const)('should greet in %s with the example questions of cards/examples.json as buttons', (lang, title, first, ask) => {
    const card = renderWelcomeCard(lang);
    expect(cardText(card)).toContain(title);
    const actions = cardActions(card);
    expect(actions.length).toBe(5);
    expect(actions[0]?.title).toBe(first);
    expect(actions[0]?.data.ask).toBe(ask);
  });

  it("should keep help short: a few words and the examples, not the answer's long text", () => {
    const help = renderHelpCard({
      ...answerFixture('help.fi'),
      text: 'Kysy kustannuspaikan menoista, tuloista tai nettomenoista… '.repeat(8),
    });
    const text = cardText(help);
    expect(text).toContain('Näin voit kysyä');
    expect(text.length).toBeLessThan(400);
    expect(cardActions(help).map((a) => a.title)).toContain('Suurimmat menot');
  });

  it('should use examples the bot passes in, e.g. with names from the store', () => {
    const card = renderWelcomeCard('fi', [
      { label: 'Tietohallinnon menot', ask: 'paljonko Tietohallinto on käyttänyt?' },
    ]);
    expect(cardActions(card).map((a) => a.data.ask)).toEqual(['paljonko Tietohallinto on käyttänyt?']);
  });
});
