import { describe, expect, it } from 'vitest';
import { positionsFromStore } from '../src/alerts/budget-position';
import { answerQuery, buildAnswerIndex } from '../src/answering';
import { documentRecency, pickActual, pickBudget } from '../src/answering/pick-fact';
import { type BudgetData, emptyQuery } from '../src/domain';
import { fact, store } from './fixtures/alert-store';

const doc = (name: string, reportDate: string | null): BudgetData['documents'][number] => ({
  name,
  title: name,
  layout: 'tabbed',
  serviceArea: null,
  reportDate,
  lines: 100,
});

// Two documents print the same cost centre, date and basis with different figures (a ledger
// export after the report): the newer document's figure counts, for answers and alerts alike.
const twoSources = store(
  [
    fact('Vaalit', 'MENOT', 2022, 'TOT', '-18507', { asOf: '2022-06-30', document: 'report.txt', line: 7 }),
    fact('Vaalit', 'MENOT', 2022, 'TOT', '-19000', { asOf: '2022-06-30', document: 'ledger.csv', line: 2 }),
    fact('Vaalit', 'MENOT', 2022, 'TA', '-10000', { document: 'ledger.csv', line: 3 }),
    fact('Vaalit', 'MENOT', 2022, 'TA/KS+muutos', '-13000', { document: 'report.txt', line: 7 }),
    fact('Vaalit', 'MENOT', 2022, 'KS', '-12000', { document: 'ledger.csv', line: 4 }),
  ],
  [doc('report.txt', '2022-06-30'), doc('ledger.csv', '2022-07-31'), doc('undated.txt', null)],
);

describe('which figure counts (one rule for answers and alerts)', () => {
  it('should rank documents by report date, undated and unknown ones oldest', () => {
    const rank = documentRecency(twoSources.documents);
    expect(rank.get('ledger.csv')).toBeGreaterThan(rank.get('report.txt')!);
    expect(rank.get('report.txt')).toBeGreaterThan(rank.get('undated.txt')!);
    expect(rank.get('nowhere.txt')).toBeUndefined();
  });

  it('should take the newer document’s actual of a date, and the final budget over a newer draft', () => {
    const ctx = { documentRank: documentRecency(twoSources.documents) };
    expect(pickActual(ctx, twoSources.facts, 2022, null)?.amount).toBe('-19000');
    expect(pickBudget(ctx, twoSources.facts, 2022)?.amount).toBe('-13000');
  });

  it('should make the answer and the alert position rest on the same two figures', () => {
    const index = buildAnswerIndex(twoSources);
    const answer = answerQuery(
      {
        ...emptyQuery('fi', 'paljonko Vaalit on käyttänyt?', 'budgetVsActual'),
        subjects: [{ kind: 'costCentre', name: 'Vaalit' }],
        account: 'MENOT',
      },
      index,
    );
    const position = positionsFromStore(twoSources).find((p) => p.costCentre === 'Vaalit')!;
    const actual = answer.figures.find((f) => f.role === 'actual')!;
    const budget = answer.figures.find((f) => f.role === 'budget')!;
    expect([actual.source, budget.source]).toEqual([
      position.expenseActual.source,
      position.expenseBudget.source,
    ]);
    expect(position.expenseActual.amount.toString()).toBe('-19000');
  });
});
