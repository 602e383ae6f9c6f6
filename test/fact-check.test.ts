/**
 * factProblem checks a fact where it is, without the copy FactSchema.parse makes: an ingest of
 * hundreds of thousands of figures is validated that way (checkedBudgetData). It must say what
 * the schema says, for every field, valid or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetDataSchema, checkedBudgetData, type Fact, FactSchema, factProblem } from '../src/domain';

const valid: Fact = {
  document: 'actuals-2022-09.csv',
  line: 46,
  section: '',
  table: 'actuals',
  costCentre: 'Tietohallinto',
  account: 'MENOT',
  year: 2022,
  basis: 'TOT',
  asOf: '2022-09-30',
  amount: '-1203263',
  unit: 'EUR',
  kind: 'figure',
};

// Each field's values, good and bad (undefined: the field left out).
const strings = ['', 'x', 'Tietohallinto', ' ', 42, null, undefined, ['x']];
const fields: Record<string, unknown[]> = {
  document: strings,
  line: [1, 46, 0, -1, 1.5, Number.NaN, 2 ** 53, '46', null, undefined],
  section: strings,
  table: ['actuals', 'costCentres', 'keyFigures', 'accounts', 'Actuals', '', 3, undefined],
  costCentre: strings,
  account: strings,
  year: [2022, 0, -5, 2.5, Number.POSITIVE_INFINITY, 2 ** 60, '2022', null, undefined],
  basis: strings,
  asOf: [null, '2022-09-30', '2022-9-30', '30.9.2022', '', 20220930, undefined],
  amount: ['-1203263', '0', '62.1', '-0.37', '1.', '.5', '1,5', '+5', '', '1e3', 5, null, undefined],
  unit: ['EUR', 'EUR/asukas', '%', 'count', 'eur', '', null, undefined],
  kind: ['figure', 'change', 'Figure', '', null],
  page: [undefined, 1, 3, 0, -2, 1.5, '3', null],
  sheet: [undefined, '2023', '', 7, null],
  cell: [undefined, 'C12', '', 12, null],
  path: [undefined, ['A'], ['A', 'B'], [], [''], ['A', ''], 'A', [3], null],
};

// A valid fact with a few fields replaced (most facts a test sees are then valid, or wrong in
// one place, so each field's own check decides).
const KEEP = Symbol('keep');
const fact = fc.record(
  Object.fromEntries(
    Object.entries(fields).map(([k, values]) => [
      k,
      fc.oneof(
        { arbitrary: fc.constant(KEEP), weight: 8 },
        { arbitrary: fc.constantFrom(...values), weight: 1 },
      ),
    ]),
  ),
);

function withoutUndefined(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const value = x === KEEP ? (valid as Record<string, unknown>)[k] : x;
    if (value !== undefined) out[k] = value;
  }
  return out;
}

describe('factProblem', () => {
  it('should accept a valid fact and every optional field of one', () => {
    expect(factProblem(valid)).toBeNull();
    expect(factProblem({ ...valid, page: 2, sheet: '2023', cell: 'C12', path: ['A', 'B'] })).toBeNull();
  });

  it('should say what FactSchema says of any fact, field by field (property)', () => {
    fc.assert(
      fc.property(fact, (raw) => {
        const v = withoutUndefined(raw);
        const parsed = FactSchema.safeParse(v);
        expect(factProblem(v) === null, JSON.stringify(v)).toBe(parsed.success);
        // A valid fact is kept as it is: parsing would give the same object back.
        if (parsed.success) expect(parsed.data).toEqual(v);
      }),
      { numRuns: 5000 },
    );
  });

  it('should not be an object of another kind', () => {
    for (const v of [null, 'fact', 3, [valid]]) {
      expect(factProblem(v)).not.toBeNull();
      expect(FactSchema.safeParse(v).success).toBe(false);
    }
  });
});

describe('checkedBudgetData', () => {
  const store = {
    version: 1 as const,
    documents: [],
    costCentres: [],
    facts: [valid],
    sections: [],
    reconciliation: [],
    conflicts: [],
  };

  it('should give what BudgetDataSchema.parse gives, keeping the facts themselves', () => {
    const checked = checkedBudgetData(store);
    expect(checked).toEqual(BudgetDataSchema.parse(store));
    expect(checked.facts[0]).toBe(valid);
  });

  it('should refuse a store with an invalid fact, naming the fact and the field', () => {
    expect(() => checkedBudgetData({ ...store, facts: [valid, { ...valid, amount: '1,5' }] })).toThrow(
      /fact 1 \(actuals-2022-09\.csv:46\) has no valid amount/,
    );
  });
});
