import { describe, expect, it } from 'vitest';
import { evaluateSubscription } from '../src/alerts/alert-rules';
import { positionsFromStore } from '../src/alerts/budget-position';
import { fact, halfYearStore, store, subscription } from './fixtures/alert-store';

// Each case: a position at 1.7.2024 (elapsed share exactly 0.5), a subscription, and the
// (rule, step) pairs that must fire — nothing more, nothing less.
const cases: {
  name: string;
  position: Parameters<typeof halfYearStore>[0];
  sub?: Parameters<typeof subscription>[0];
  fires: [string, string][];
}[] = [
  {
    name: 'should alert at exactly 90 % used',
    position: { expenseBudget: '-1000000', expenseActual: '-900000' },
    sub: { pacePoints: '100', projection: false },
    fires: [['usedShare', '0.9']],
  },
  {
    name: 'should stay at the 75 % step at 89,99 % used',
    position: { expenseBudget: '-1000000', expenseActual: '-899900' },
    sub: { pacePoints: '100', projection: false },
    fires: [['usedShare', '0.75']],
  },
  {
    name: 'should not alert below the lowest step',
    position: { expenseBudget: '-1000000', expenseActual: '-499999' },
    fires: [],
  },
  {
    name: 'should alert at 100 % and past it',
    position: { expenseBudget: '-1000000', expenseActual: '-1000001' },
    sub: { pacePoints: '100', projection: false },
    fires: [['usedShare', '1']],
  },
  {
    name: 'should use a per-subscription step of 80 %',
    position: { expenseBudget: '-1000000', expenseActual: '-800000' },
    sub: { thresholds: ['0.8'], pacePoints: '100', projection: false },
    fires: [['usedShare', '0.8']],
  },
  {
    name: 'should not fire a per-subscription 80 % step at 79,99 %',
    position: { expenseBudget: '-1000000', expenseActual: '-799900' },
    sub: { thresholds: ['0.8'], pacePoints: '100', projection: false },
    fires: [],
  },
  {
    name: 'should alert on pace of exactly 10 points',
    position: { expenseBudget: '-1000000', expenseActual: '-600000' },
    sub: { thresholds: [], projection: false },
    fires: [['pace', '10']],
  },
  {
    name: 'should not alert on pace of 9,99 points',
    position: { expenseBudget: '-1000000', expenseActual: '-599900' },
    sub: { thresholds: [], projection: false },
    fires: [],
  },
  {
    name: 'should not call a projection exactly at the budget an overrun',
    position: { expenseBudget: '-1000000', expenseActual: '-500000' },
    sub: { thresholds: [] },
    fires: [],
  },
  {
    name: 'should alert on a projection one euro-cent above the budget',
    position: { expenseBudget: '-1000000', expenseActual: '-500000.01' },
    sub: { thresholds: [] },
    fires: [['projectedOverrun', '1']],
  },
  {
    name: 'should alert on revenue exactly 10 points behind the year',
    position: {
      expenseBudget: '-1000000',
      expenseActual: '-100000',
      revenueBudget: '100000',
      revenueActual: '40000',
    },
    sub: { thresholds: [] },
    fires: [['revenueShortfall', '10']],
  },
  {
    name: 'should not alert on revenue 9,999 points behind',
    position: {
      expenseBudget: '-1000000',
      expenseActual: '-100000',
      revenueBudget: '100000',
      revenueActual: '40001',
    },
    sub: { thresholds: [] },
    fires: [],
  },
  {
    name: 'should fire several rules for one cost centre',
    position: {
      expenseBudget: '-1000000',
      expenseActual: '-950000',
      revenueBudget: '100000',
      revenueActual: '0',
    },
    fires: [
      ['usedShare', '0.9'],
      ['pace', '10'],
      ['projectedOverrun', '1'],
      ['revenueShortfall', '10'],
    ],
  },
];

describe('alert rules', () => {
  it.each(cases)('$name', ({ position, sub, fires }) => {
    const positions = positionsFromStore(halfYearStore(position));
    const findings = evaluateSubscription(subscription(sub), positions);
    expect(findings.map((f) => [f.rule, f.step])).toEqual(fires);
  });

  it('should key a finding by subscription, cost centre, rule, step and data date', () => {
    const positions = positionsFromStore(halfYearStore({ expenseBudget: '-100', expenseActual: '-90' }));
    const [f] = evaluateSubscription(
      subscription({ id: 's9', pacePoints: '100', projection: false }),
      positions,
    );
    expect(f?.key).toBe('s9|Tietohallinto|usedShare|0.9|2024-07-01');
  });

  it('should mark the projection as an estimate and carry the projected amount', () => {
    const positions = positionsFromStore(halfYearStore({ expenseBudget: '-1000', expenseActual: '-600' }));
    const f = evaluateSubscription(subscription({ thresholds: [] }), positions).find(
      (x) => x.rule === 'projectedOverrun',
    );
    expect(f?.estimate).toBe(true);
    expect(f?.value).toBe('-1200');
  });

  it('should only evaluate the cost centre a subscription names', () => {
    const data = store([
      ...halfYearStore({ name: 'Vaalit', expenseBudget: '-100', expenseActual: '-95' }).facts,
      ...halfYearStore({ name: 'Tietohallinto', expenseBudget: '-100', expenseActual: '-95' }).facts,
    ]);
    const findings = evaluateSubscription(subscription({ costCentre: 'Vaalit' }), positionsFromStore(data));
    expect(new Set(findings.map((f) => f.costCentre))).toEqual(new Set(['Vaalit']));
  });
});

describe('budget positions', () => {
  it('should take the final budget over KS and TA, and the newest TOT', () => {
    const data = store([
      fact('Vaalit', 'MENOT', 2022, 'TA', '-100', { line: 1 }),
      fact('Vaalit', 'MENOT', 2022, 'KS', '-110', { line: 2 }),
      fact('Vaalit', 'MENOT', 2022, 'TA/KS+muutos', '-120', { line: 3 }),
      fact('Vaalit', 'MENOT', 2022, 'TOT', '-30', { asOf: '2022-03-31', line: 4 }),
      fact('Vaalit', 'MENOT', 2022, 'TOT', '-60', { asOf: '2022-06-30', line: 5 }),
      fact('Vaalit', 'MENOT', 2021, 'TP', '-999', { line: 6 }),
    ]);
    const [p] = positionsFromStore(data);
    expect(p?.expenseBudget.source.line).toBe(3);
    expect(p?.expenseActual.source.line).toBe(5);
    expect(p?.usedShare?.toString()).toBe('0.5');
    expect(p?.asOf).toBe('2022-06-30');
  });

  it('should prefer an imported actuals CSV with a newer date over the report', () => {
    const data = store(
      [
        fact('Vaalit', 'MENOT', 2022, 'TA/KS+muutos', '-1000', { line: 3 }),
        fact('Vaalit', 'MENOT', 2022, 'TOT', '-500', { asOf: '2022-06-30', line: 5 }),
        fact('Vaalit', 'MENOT', 2022, 'TOT', '-800', {
          asOf: '2022-09-30',
          line: 2,
          document: 'actuals.csv',
          table: 'actuals',
        }),
      ],
      [
        {
          name: 'report.txt',
          title: 'r',
          layout: 'tabbed',
          serviceArea: null,
          reportDate: '2022-06-30',
          lines: 9,
        },
        {
          name: 'actuals.csv',
          title: 'a',
          layout: 'actualsCsv',
          serviceArea: null,
          reportDate: '2022-09-30',
          lines: 3,
        },
      ],
    );
    const [p] = positionsFromStore(data);
    expect(p?.expenseActual.source).toEqual({ document: 'actuals.csv', line: 2 });
    expect(p?.usedShare?.toString()).toBe('0.8');
  });

  it('should give no used share against a zero budget, and no position without a budget', () => {
    const data = store([
      fact('Kemijärvi 150', 'MENOT', 2022, 'TA/KS+muutos', '0'),
      fact('Kemijärvi 150', 'MENOT', 2022, 'TOT', '-1903', { asOf: '2022-06-30' }),
      fact('Ilman budjettia', 'MENOT', 2022, 'TOT', '-10', { asOf: '2022-06-30' }),
    ]);
    const positions = positionsFromStore(data);
    expect(positions.map((p) => p.costCentre)).toEqual(['Kemijärvi 150']);
    expect(positions[0]?.usedShare).toBeNull();
    expect(positions[0]?.pacePoints).toBeNull();
  });

  it("should never compare an actual with another year's budget", () => {
    const data = store([
      fact('Vaalit', 'MENOT', 2021, 'TA+muutos', '-1000'),
      fact('Vaalit', 'MENOT', 2022, 'TOT', '-500', { asOf: '2022-06-30' }),
    ]);
    expect(positionsFromStore(data)).toEqual([]);
  });

  it('should compare only the used share once the year is over (31.12.: no pace, projection or shortfall)', () => {
    const data = store([
      fact('Vaalit', 'MENOT', 2023, 'TA/KS+muutos', '-100'),
      fact('Vaalit', 'MENOT', 2023, 'TOT', '-120', { asOf: '2023-12-31' }),
      fact('Vaalit', 'TULOT', 2023, 'TA/KS+muutos', '100'),
      fact('Vaalit', 'TULOT', 2023, 'TOT', '10', { asOf: '2023-12-31' }),
    ]);
    const [p] = positionsFromStore(data);
    expect(p?.pacePoints).toBeNull();
    expect(p?.projection).toBeNull();
    expect(evaluateSubscription(subscription(), positionsFromStore(data)).map((f) => f.rule)).toEqual([
      'usedShare',
    ]);
  });
});
