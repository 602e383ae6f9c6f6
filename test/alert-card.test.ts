import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AlertCardData, cardSizeBytes, renderAlertCard } from '../src/cards';
import { BudgetBotError } from '../src/domain';
import { cardActions, cardText, readFixture } from './card-fixtures';
import { adaptiveCardsProblems } from './card-validation';

const NBSP = '\u00a0';
const fi = (s: string) => s.replace(/ /g, NBSP);
const alert = (name: string) => readFixture(name) as AlertCardData;

describe('renderAlertCard', () => {
  it('should say which rules were crossed, at which threshold, and the value now', () => {
    const text = cardText(renderAlertCard(alert('alert.fi')));
    expect(text).toContain('Budjettihälytys: Tietohallinto');
    expect(text).toContain(`Käyttöaste\n${fi('60,0 %')}\n${fi('62,1 %')}`);
    expect(text).toContain(`Käyttö edellä vuoden kulumista\n${fi('+10,0 %-yks.')}\n${fi('+12,5 %-yks.')}`);
    expect(text).toContain(`Koko vuoden ennuste budjetista (arvio)\n${fi('100,0 %')}\n${fi('125,2 %')}`);
  });

  it('should show the figures, the projection as an estimate and the source line', () => {
    const text = cardText(renderAlertCard(alert('alert.fi')));
    expect(text).toContain(`Budjetti\n${fi('1 488 900 €')}`);
    expect(text).toContain(`Toteuma 30.6.2022\n${fi('924 370 €')}`);
    expect(text).toContain(`Jäljellä\n${fi('564 530 €')}`);
    expect(text).toContain(`Koko vuoden ennuste (arvio)\n${fi('1 864 061 €')}`);
    expect(text).toContain('Lähde: Toteuma 30.6.2022, rivi 196 (000_d3382b3632755c54.txt)');
  });

  it('should offer the full answer and a stop button for this subscription', () => {
    const actions = cardActions(renderAlertCard(alert('alert.en')));
    expect(actions.map((a) => a.title)).toEqual(['Show the full answer', 'Stop this alert']);
    expect(actions[0]?.data.ask).toBe('Joukkoliikenne expenses 2022');
    expect(actions[1]?.data).toEqual({ action: 'unsubscribe', subscriptionId: 'sub-joukkoliikenne-7' });
  });

  it('should render any valid alert data as a valid, small card', () => {
    const dec = fc.integer({ min: -5_000_000, max: 5_000_000 }).map(String);
    const share = fc.integer({ min: 0, max: 40000 }).map((n) => (n / 10000).toFixed(4));
    const rule = fc.record({
      rule: fc.constantFrom('usedShare', 'pace', 'projectedOverrun', 'revenueShortfall'),
      threshold: share,
      value: share,
    });
    fc.assert(
      fc.property(
        fc.record({
          costCentre: fc.string({ minLength: 1, maxLength: 120 }),
          rules: fc.array(rule, { minLength: 1, maxLength: 4 }),
          budget: dec,
          actual: dec,
          usedShare: share,
        }),
        (v) => {
          const card = renderAlertCard({ ...alert('alert.fi'), ...v });
          expect(adaptiveCardsProblems(card)).toEqual([]);
          expect(cardSizeBytes(card)).toBeLessThan(16 * 1024);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('should refuse alert data without rules with a clear error', () => {
    expect(() => renderAlertCard({ ...alert('alert.fi'), rules: [] })).toThrow(BudgetBotError);
    expect(() => renderAlertCard({ ...alert('alert.fi'), budget: '1 488 900' })).toThrow(/budget/);
  });
});
