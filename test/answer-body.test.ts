import { describe, expect, it } from 'vitest';
import { AnswerSchema, bodyRefs, derivedOf, statusOf } from '../src/domain';
import { answerFixture, answerFixtureNames } from './card-fixtures';

describe('AnswerBody', () => {
  it.each(answerFixtureNames())('should give %s the derived values and status of its body', (name) => {
    const a = answerFixture(name);
    expect(statusOf(a.body)).toBe(a.status);
    for (const ref of bodyRefs(a.body)) expect(a.figures[ref]).toBeDefined();
  });

  it('should round a ratio once, for the Answer JSON only, at the places it always had', () => {
    const body = answerFixture('figure.fi').body;
    if (body.kind !== 'budgetVsActual') throw new Error('figure.fi is a budget-vs-actual answer');
    const exact = { ...body, usedShare: '0.620849462366', pace: '12.490038004911' };
    expect(derivedOf(exact)).toMatchObject({ usedShare: '0.6208', pace: '12.49' });
  });

  it('should refuse an answer whose body refers to a figure it does not have', () => {
    const a = answerFixture('figure.fi');
    const r = AnswerSchema.safeParse({ ...a, figures: a.figures.slice(0, 1) });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('body refers to figures 1 of 1');
  });

  it('should refuse a status that is not its body’s (a not_found answer with a figure body)', () => {
    const r = AnswerSchema.safeParse({ ...answerFixture('figure.fi'), status: 'not_found' });
    expect(r.success).toBe(false);
  });

  it('should give the derived keys of DESIGN.md for a budget-vs-actual body', () => {
    const a = answerFixture('figure.fi');
    expect(Object.keys(derivedOf(a.body)).sort()).toEqual(
      [
        'elapsedShare',
        'pace',
        'projectedVariance',
        'projection',
        'remaining',
        'usedShare',
        'variance',
      ].sort(),
    );
  });
});
