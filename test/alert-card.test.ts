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
    expect(text).toContain('Lähdeasiakirja, rivi 196 · TOT 30.6.2022');
    const titled = cardText(renderAlertCard({ ...alert('alert.fi'), sourceTitle: 'Toteutuma 30.6.2022' }));
    expect(titled).toContain('Toteutuma 30.6.2022, rivi 196 · TOT 30.6.2022');
  });

  it('should offer the full answer, a change of steps and a stop button for this subscription', () => {
    const card = renderAlertCard(alert('alert.en'));
    const actions = cardActions(card).filter(
      (a) => a.type === 'Action.Execute' && a.data.action !== 'refreshAlert',
    );
    expect(actions.map((a) => a.title)).toEqual([
      'Show the full answer',
      'Change steps',
      'Stop subscription',
    ]);
    expect(actions[0]?.data.ask).toBe('Joukkoliikenne expenses 2022');
    const origin = { costCentre: 'Joukkoliikenne', asOf: '2022-06-30' };
    expect(actions[1]?.data).toEqual({
      action: 'editSubscription',
      costCentre: 'Joukkoliikenne',
      alert: origin,
    });
    expect(actions[2]?.data).toEqual({
      action: 'unsubscribe',
      subscriptionId: 'sub-joukkoliikenne-7',
      alert: origin,
    });
  });

  it('should carry a refresh that asks for the current figures, automatically for the given users', () => {
    const card = renderAlertCard({ ...alert('alert.fi'), refreshUserIds: ['29:maija'] });
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        title: 'Päivitä luvut',
        verb: 'refreshAlert',
        data: {
          action: 'refreshAlert',
          subscriptionId: 'sub-tietohallinto-1',
          costCentre: 'Tietohallinto',
          asOf: '2022-06-30',
        },
      },
      userIds: ['29:maija'],
    });
  });

  it('should offer to subscribe again, with the old rule, once stopped', () => {
    const prefill = { steps: '0.8', quietDays: '7', projection: 'true' as const };
    const card = renderAlertCard({ ...alert('alert.fi'), subscriptionState: 'stopped', prefill });
    expect(cardText(card)).toContain('Tilaus lopetettu');
    const titles = cardActions(card).map((a) => a.title);
    expect(titles).toContain('Tilaa uudelleen');
    expect(titles).not.toContain('Lopeta tilaus');
    expect(cardActions(card).find((a) => a.title === 'Tilaa uudelleen')?.data.prefill).toEqual(prefill);
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

  it('should say so when no rule is crossed any more (a card opened after the figures moved back)', () => {
    const text = cardText(renderAlertCard({ ...alert('alert.fi'), rules: [] }));
    expect(text).toContain('Mikään hälytysraja ei ylity nyt.');
    expect(text).not.toContain('Raja\n');
  });

  it('should refuse alert data that is not valid with a clear error', () => {
    expect(() => renderAlertCard({ ...alert('alert.fi'), budget: '1 488 900' })).toThrow(BudgetBotError);
    expect(() => renderAlertCard({ ...alert('alert.fi'), budget: '1 488 900' })).toThrow(/budget/);
  });
});
