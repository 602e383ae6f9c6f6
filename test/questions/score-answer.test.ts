import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain';
import { type Expectation, scoreAnswer } from './score-answer';

const answer: Answer = {
  status: 'answer',
  lang: 'fi',
  intent: 'figure',
  title: 'Joukkoliikenne · menot 2021',
  text: 'Joukkoliikenne – menot: tilinpäätös 2021 (TP) 338\u00a0529\u00a0€. Lähde: 000_d3382b3632755c54.txt, rivi 192.',
  figures: [
    {
      costCentre: 'Joukkoliikenne',
      account: 'MENOT',
      year: 2021,
      basis: 'TP',
      amount: '-338529',
      unit: 'EUR',
      role: 'actual',
      source: { document: '000_d3382b3632755c54.txt', line: 192 },
    },
  ],
  derived: {},
  options: [],
  body: {
    kind: 'figure',
    row: {
      subject: { kind: 'costCentre', name: 'Joukkoliikenne' },
      account: 'MENOT',
      label: 'MENOT',
      table: 'costCentres',
      unit: 'EUR',
    },
    figure: 0,
  },
  notes: [],
};

const fig = { cc: 'Joukkoliikenne', acc: 'MENOT', year: 2021, amount: -338529 };

// The scorer guards the whole question set, so it must be shown to fail where it should.
const cases: Array<{ name: string; expect: Expectation; kind: 'ok' | 'wrong' | 'abstain' }> = [
  { name: 'should accept the expected figure', expect: { status: 'answer', figures: [fig] }, kind: 'ok' },
  {
    name: 'should reject a figure of another year',
    expect: { status: 'answer', figures: [{ ...fig, year: 2020 }] },
    kind: 'wrong',
  },
  {
    name: 'should reject a figure of another cost centre',
    expect: { status: 'answer', figures: [{ ...fig, cc: 'Vaalit' }] },
    kind: 'wrong',
  },
  {
    name: 'should reject a forbidden amount',
    expect: { status: 'answer', forbid: [{ amount: -338529 }] },
    kind: 'wrong',
  },
  { name: 'should reject an invented year', expect: { status: 'answer', forbidYear: 2021 }, kind: 'wrong' },
  {
    name: 'should count an answer where not_found was wanted as wrong',
    expect: { status: 'not_found' },
    kind: 'wrong',
  },
  {
    name: 'should accept any of several figure groups',
    expect: { status: 'answer', figuresAny: [[{ ...fig, amount: 1 }], [fig]] },
    kind: 'ok',
  },
  {
    name: 'should find a number written with no-break spaces',
    expect: { status: 'answer', mentionsNumber: 338529 },
    kind: 'ok',
  },
  {
    name: 'should reject a number the answer does not mention',
    expect: { status: 'answer', mentionsNumber: 313900 },
    kind: 'wrong',
  },
  {
    name: 'should check the intent when one is expected',
    expect: { status: 'answer', intent: 'trend' },
    kind: 'wrong',
  },
  {
    name: 'should check the first ranked figure',
    expect: { status: 'answer', rankFirstAny: [{ ...fig, amount: -1577137 }] },
    kind: 'wrong',
  },
];

describe('scoreAnswer', () => {
  it.each(cases)('$name', ({ expect: e, kind }) => {
    expect(scoreAnswer(e, answer).kind).toBe(kind);
  });

  it('should call a clarification where an answer was wanted an abstention', () => {
    expect(scoreAnswer({ status: 'answer' }, { ...answer, status: 'clarify', figures: [] }).kind).toBe(
      'abstain',
    );
  });
});
