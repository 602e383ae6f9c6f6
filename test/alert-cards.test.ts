import { describe, expect, it } from 'vitest';
import { alertCardData, cardRenderer, MAX_MESSAGE_BYTES } from '../src/alerts/alert-cards';
import type { AlertGroup } from '../src/alerts/alert-plan';
import { evaluateSubscription } from '../src/alerts/alert-rules';
import { positionsFromStore } from '../src/alerts/budget-position';
import { renderAlertCard } from '../src/cards/alert-card';
import { fact, halfYearStore, store, subscription } from './fixtures/alert-store';

function group(
  data = halfYearStore({ expenseBudget: '-1000000', expenseActual: '-950000' }),
  sub = subscription(),
): AlertGroup {
  return { subscription: sub, findings: evaluateSubscription(sub, positionsFromStore(data)), resend: false };
}

describe('alert cards', () => {
  it('should give one card per cost centre with every rule it crossed, figures signed as in the store', () => {
    const [card] = alertCardData(group());
    expect(card).toMatchObject({
      costCentre: 'Tietohallinto',
      account: 'MENOT',
      year: 2024,
      asOf: '2024-07-01',
      budget: '-1000000',
      actual: '-950000',
      remaining: '-50000',
      projection: '-1900000',
      usedShare: '0.95',
      elapsedShare: '0.5',
      source: { document: 'report.txt', line: 10 },
    });
    expect(card?.rules).toEqual([
      { rule: 'usedShare', threshold: '0.9', value: '0.95' },
      { rule: 'pace', threshold: '10', value: '45' },
      // The projection as a share of the budget: 1 900 000 / 1 000 000.
      { rule: 'projectedOverrun', threshold: '1', value: '1.9' },
    ]);
  });

  it('should leave a cost centre with a zero budget to the text (no used share exists)', () => {
    const data = store([
      fact('Kemijärvi 150', 'MENOT', 2024, 'TA/KS+muutos', '0'),
      fact('Kemijärvi 150', 'MENOT', 2024, 'TOT', '-1903', { asOf: '2024-07-01' }),
    ]);
    const g = group(data);
    expect(g.findings.map((f) => f.rule)).toEqual(['projectedOverrun']);
    expect(alertCardData(g)).toEqual([]);
    const message = cardRenderer(renderAlertCard)(g);
    expect(message.cards).toEqual([]);
    expect(message.text).toContain('Kemijärvi 150');
  });

  it("should render the cards part's alert card with the unsubscribe button of the subscription", () => {
    const message = cardRenderer(renderAlertCard)(group(undefined, subscription({ id: 'sub-42' })));
    expect(message.cards).toHaveLength(1);
    const json = JSON.stringify(message.cards[0]);
    expect(json).toContain('Tietohallinto');
    expect(json).toContain('sub-42');
  });

  it('should say each finding once: the card carries it, no text beside it, the summary names the cost centre', () => {
    const message = cardRenderer(renderAlertCard)(group(undefined, subscription({ id: 'sub-42' })));
    expect(message.cards).toHaveLength(1);
    expect(message.text).toBe('');
    expect(message.summary).toBe('Budjettihälytys: Tietohallinto');
  });

  it('should keep a message under the size limit and name every finding without a card in the text', () => {
    const facts = Array.from(
      { length: 60 },
      (_, i) =>
        halfYearStore({ name: `Kustannuspaikka ${i}`, expenseBudget: '-1000', expenseActual: '-990' }).facts,
    ).flat();
    const message = cardRenderer(renderAlertCard)(group(store(facts)));
    expect(message.cards.length).toBeGreaterThan(0);
    expect(message.cards.length).toBeLessThan(60);
    expect(
      Buffer.byteLength(JSON.stringify(message.cards)) + Buffer.byteLength(message.text),
    ).toBeLessThanOrEqual(MAX_MESSAGE_BYTES + 100);
    // Every cost centre is said once: in its card, or (no room for more cards) in the text.
    const inCards = new Set(
      message.cards.map((c) => /Budjettihälytys: (Kustannuspaikka \d+)/.exec(JSON.stringify(c))?.[1]),
    );
    for (let i = 0; i < 60; i++) {
      const name = `Kustannuspaikka ${i}`;
      const inText = message.text.includes(`• ${name} 1.7.2024: käytetty 99,0\u00a0% (raja 90\u00a0%)`);
      expect(inCards.has(name) !== inText, name).toBe(true);
    }
  });
});
