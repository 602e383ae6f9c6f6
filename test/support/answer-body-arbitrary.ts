// fast-check arbitraries of answer bodies whose figure references fit an answer's figures, so
// property tests can build any schema-valid Answer.
import fc from 'fast-check';
import type { AnswerBody } from '../../src/domain';

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.option(fc.integer({ min: 0, max: 99 })))
  .map(([neg, int, frac]) => `${neg && int > 0n ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
const share = fc.integer({ min: 0, max: 30000 }).map((n) => (n / 10000).toFixed(4));
const name = fc.string({ maxLength: 60, unit: 'grapheme' });
const year = fc.integer({ min: 2000, max: 2040 });
const unit = fc.constantFrom(
  'EUR' as const,
  'EUR/asukas' as const,
  '%' as const,
  'count' as const,
  'days/person' as const,
);
const row = fc.record({
  subject: fc.record({ kind: fc.constantFrom('costCentre' as const, 'serviceArea' as const), name }),
  account: fc.constantFrom('MENOT', 'TULOT', 'NETTOMENO', 'Henkilöstökulut'),
  label: fc.constantFrom('MENOT', 'TULOT', 'NETTOMENO', 'Henkilöstökulut'),
  table: fc.constantFrom('costCentres' as const, 'operatingStatement' as const, 'keyFigures' as const),
  unit,
});

/** Bodies that refer to no figure: these fit any answer. */
export const wordsOnlyBody: fc.Arbitrary<AnswerBody> = fc.oneof(
  fc.record({
    kind: fc.constant('prose' as const),
    heading: name,
    text: fc.string({ maxLength: 500 }),
    truncated: fc.boolean(),
    source: fc.record({ document: name, line: fc.integer({ min: 1, max: 9999 }) }),
  }),
  fc.record({
    kind: fc.constant('list' as const),
    of: fc.constant('costCentres' as const),
    items: fc.array(fc.record({ name, serviceArea: fc.option(name, { nil: null }) }), { maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('help' as const),
    variant: fc.constantFrom('help' as const, 'greeting' as const),
  }),
  fc.record({
    kind: fc.constant('message' as const),
    topic: fc.constantFrom(
      'thanks' as const,
      'subscribe' as const,
      'unsubscribe' as const,
      'listSubscriptions' as const,
      'failure' as const,
    ),
  }),
  fc.record({ kind: fc.constant('clarify' as const), term: name }),
  fc.record({
    kind: fc.constant('notFound' as const),
    reason: fc.constantFrom(
      'name' as const,
      'measure' as const,
      'row' as const,
      'period' as const,
      'noData' as const,
      'partYear' as const,
      'noText' as const,
      'nothing' as const,
    ),
    term: fc.option(name, { nil: null }),
  }),
);

/** Any body whose figure references are below `n` (the answer's figure count). */
export function answerBodyFor(n: number): fc.Arbitrary<AnswerBody> {
  if (n === 0) return wordsOnlyBody;
  const ref = fc.integer({ min: 0, max: n - 1 });
  const refs = (min: number) => fc.array(ref, { minLength: min, maxLength: Math.max(min, 40) });
  const item = fc.record({
    name,
    figures: refs(1),
    value: decimal,
    percent: fc.option(decimal, { nil: null }),
    usedShare: fc.option(share, { nil: null }),
    pace: fc.option(decimal, { nil: null }),
  });
  const budgetItems = fc.array(
    fc.record({
      name,
      actual: ref,
      budget: ref,
      variance: decimal,
      usedShare: fc.option(share, { nil: null }),
      pace: fc.option(decimal, { nil: null }),
    }),
    { maxLength: 40 },
  );
  return fc.oneof(
    wordsOnlyBody,
    fc.record({ kind: fc.constant('figure' as const), row, figure: ref }),
    fc.record({
      kind: fc.constant('budgetVsActual' as const),
      row,
      actual: ref,
      budget: ref,
      flow: fc.constantFrom('expense' as const, 'revenue' as const, 'net' as const),
      focus: fc.constantFrom('overview' as const, 'remaining' as const, 'forecast' as const),
      variance: decimal,
      remaining: decimal,
      usedShare: fc.option(share, { nil: null }),
      elapsed: fc.option(
        fc.record({ day: fc.integer({ min: 1, max: 365 }), daysInYear: fc.constant(365), share }),
        { nil: null },
      ),
      pace: fc.option(decimal, { nil: null }),
      projection: fc.option(decimal, { nil: null }),
      projectedVariance: fc.option(decimal, { nil: null }),
      seasonal: fc.option(
        fc.record({
          projection: decimal,
          projectedVariance: decimal,
          share,
          lastYearToDate: ref,
          lastYearTotal: ref,
        }),
        { nil: null },
      ),
    }),
    fc.record({
      kind: fc.constant('yearChange' as const),
      row,
      points: refs(2),
      difference: decimal,
      changePercent: fc.option(decimal, { nil: null }),
      printedChange: fc.option(ref, { nil: null }),
      partYear: fc.option(
        fc.record({
          actual: ref,
          previous: fc.option(ref, { nil: null }),
          projection: decimal,
          projectedChangePercent: fc.option(decimal, { nil: null }),
        }),
        { nil: null },
      ),
    }),
    fc.record({
      kind: fc.constant('subjectComparison' as const),
      account: fc.constant('MENOT'),
      label: fc.constant('MENOT'),
      year,
      unit,
      items: refs(2),
      difference: decimal,
      changePercent: fc.option(decimal, { nil: null }),
      combined: fc.option(
        fc.oneof(
          fc.record({ kind: fc.constant('total' as const), total: decimal }),
          fc.record({ kind: fc.constant('share' as const), share }),
        ),
        { nil: null },
      ),
    }),
    fc.record({
      kind: fc.constant('ranking' as const),
      metric: fc.constantFrom(
        'amount' as const,
        'change' as const,
        'remaining' as const,
        'usedShare' as const,
      ),
      of: fc.constantFrom('costCentres' as const, 'lineItems' as const),
      order: fc.constantFrom('desc' as const, 'asc' as const),
      account: fc.constant('MENOT'),
      unit,
      year,
      fromYear: fc.option(year, { nil: null }),
      toYear: fc.option(year, { nil: null }),
      compared: fc.nat({ max: 500 }),
      items: fc.array(item, { maxLength: 40 }),
      elapsedShare: fc.option(share, { nil: null }),
    }),
    fc.record({
      kind: fc.constant('overBudgetList' as const),
      condition: fc.constantFrom(
        'overBudget' as const,
        'underBudget' as const,
        'aheadOfPace' as const,
        'behindPace' as const,
      ),
      of: fc.constantFrom('costCentres' as const, 'lineItems' as const),
      account: fc.constant('MENOT'),
      revenue: fc.boolean(),
      year,
      count: fc.nat({ max: 500 }),
      compared: fc.nat({ max: 500 }),
      items: budgetItems,
      unbudgeted: budgetItems,
      elapsedShare: fc.option(share, { nil: null }),
    }),
    fc.record({
      kind: fc.constant('series' as const),
      row,
      points: fc.array(
        fc.record({
          figure: ref,
          year,
          series: fc.constantFrom('actual' as const, 'budget' as const, 'plan' as const),
          basis: fc.constantFrom('TP', 'TOT', 'TA', 'TS'),
          asOf: fc.option(fc.constant('2022-06-30'), { nil: null }),
          partYear: fc.boolean(),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      change: fc.option(
        fc.record({
          from: ref,
          to: ref,
          fromYear: year,
          toYear: year,
          difference: decimal,
          changePercent: fc.option(decimal, { nil: null }),
        }),
        { nil: null },
      ),
    }),
    fc.record({
      kind: fc.constant('keyFigures' as const),
      rows: refs(1),
      difference: fc.option(decimal, { nil: null }),
    }),
    fc.record({ kind: fc.constant('investmentPlan' as const), rows: refs(1) }),
    fc.record({
      kind: fc.constant('monthAmount' as const),
      row,
      year,
      month: fc.integer({ min: 1, max: 12 }),
      fromMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
      end: ref,
      start: fc.option(ref, { nil: null }),
      amount: decimal,
    }),
    fc.record({
      kind: fc.constant('monthlySeries' as const),
      row,
      year,
      points: fc.array(
        fc.record({
          figure: ref,
          asOf: fc.constantFrom('2022-01-31', '2022-06-30', '2022-12-31'),
          month: fc.integer({ min: 1, max: 12 }),
          monthAmount: fc.option(decimal, { nil: null }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
    }),
  );
}
