import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerQuery, buildAnswerIndex } from '../src/answering';
import { budgetActualValues, decimalString, elapsedShare } from '../src/answering/derived-values';
import { type Answer, AnswerSchema, emptyQuery, IntentSchema, type Query } from '../src/domain';
import { answeringStore } from './fixtures/answering-store';

const index = buildAnswerIndex(answeringStore());

function q(parts: Partial<Query>): Query {
  return { ...emptyQuery('fi', ''), ...parts };
}

const cc = (name: string) => ({ kind: 'costCentre' as const, name });

function amounts(a: Answer): string[] {
  return a.figures.map((f) => `${f.costCentre}|${f.account}|${f.year}|${f.basis}|${f.amount}`);
}

interface Case {
  name: string;
  query: Partial<Query>;
  status?: Answer['status'];
  figures?: string[];
  derived?: Record<string, string>;
  text?: RegExp[];
}

const cases: Case[] = [
  {
    name: 'should answer a closed year with the TP beside its final budget and say it was overspent',
    query: { subjects: [cc('Joukkoliikenne')], account: 'MENOT', years: [2021] },
    figures: ['Joukkoliikenne|MENOT|2021|TP|-338529', 'Joukkoliikenne|MENOT|2021|TA+muutos|-313900'],
    derived: { variance: '-24629', remaining: '24629' },
    text: [/Ylitys 24\u00a0629\u00a0€/, /rivi 192/],
  },
  {
    name: 'should default a spending question without a year to the newest actual beside the same year budget',
    query: { intent: 'budgetVsActual', subjects: [cc('Tietohallinto')], account: 'MENOT', measure: 'actual' },
    figures: ['Tietohallinto|MENOT|2022|TOT|-924370', 'Tietohallinto|MENOT|2022|TA/KS+muutos|-1488900'],
    derived: {
      usedShare: '0.6208',
      elapsedShare: '0.4959',
      pace: '12.5',
      remaining: '-564530',
      projection: '-1864061',
    },
    text: [/62,1\u00a0%/, /49,6\u00a0%/, /181\/365/, /jäljellä 564\u00a0530\u00a0€/],
  },
  {
    name: 'should pick the final budget of a year: TA/KS+muutos',
    query: { subjects: [cc('Kaupunginvaltuusto')], account: 'MENOT', measure: 'budget', years: [2022] },
    figures: ['Kaupunginvaltuusto|MENOT|2022|TA/KS+muutos|-171140'],
  },
  {
    name: 'should prefer KS over TA when a year has both',
    query: { subjects: [cc('Tietohallinto')], account: 'MENOT', measure: 'budget', years: [2020] },
    figures: ['Tietohallinto|MENOT|2020|KS|-1413060'],
  },
  {
    name: 'should answer an old name under the canonical one',
    query: { subjects: [cc('Kaupunginvaltuusto')], account: 'MENOT', years: [2018] },
    figures: ['Kaupunginvaltuusto|MENOT|2018|TP|-140882'],
  },
  {
    name: 'should take the figure at the asked date',
    query: { subjects: [cc('Joukkoliikenne')], account: 'NETTOMENO', asOf: '2022-06-30' },
    figures: [
      'Joukkoliikenne|NETTOMENO|2022|TOT|-148164',
      'Joukkoliikenne|NETTOMENO|2022|TA/KS+muutos|-277400',
    ],
  },
  {
    name: 'should say revenue above the estimate is favourable',
    query: { intent: 'budgetVsActual', subjects: [cc('Joukkoliikenne')], account: 'TULOT', years: [2021] },
    figures: ['Joukkoliikenne|TULOT|2021|TP|76255', 'Joukkoliikenne|TULOT|2021|TA+muutos|70000'],
    derived: { variance: '6255' },
    text: [/Tulot ylittivät arvion 6\u00a0255\u00a0€ \(suotuisa; 108,9\u00a0% arviosta\)/],
  },
  {
    name: 'should answer the budget left as budget minus actual',
    query: { intent: 'remaining', subjects: [cc('Tietohallinto')], account: 'MENOT' },
    derived: { remaining: '-564530' },
    text: [/budjettia on jäljellä 564\u00a0530\u00a0€/],
  },
  {
    name: 'should label the projection of a forecast as an estimate',
    query: { intent: 'forecast', subjects: [cc('Tietohallinto')], account: 'MENOT' },
    derived: { projection: '-1864061', projectedVariance: '-375161' },
    text: [/Arvio: samalla tahdilla/, /ylittyisi 375\u00a0161\u00a0€/],
  },
  {
    name: 'should refuse a line item of a cost centre instead of giving the service-area figure',
    query: { subjects: [cc('Tietohallinto')], account: 'Henkilöstökulut' },
    status: 'not_found',
    figures: [],
    text: [/vain palvelualueen tasolla/],
  },
  {
    name: 'should refuse a year with no data and say which years exist',
    query: { subjects: [cc('Vaalit')], account: 'MENOT', measure: 'budget', years: [2035] },
    status: 'not_found',
    figures: [],
    text: [/2019–2022/],
  },
  {
    name: 'should answer a service-area line item without a subject named',
    query: { account: 'Avustukset', table: 'operatingStatement', measure: 'budget', years: [2022] },
    figures: ['Hallinto- ja tukipalvelut|Avustukset|2022|TA/KS+muutos|-890000'],
  },
  {
    name: 'should answer a key figure as a count from the older document',
    query: { account: 'Vakinaiset virat ja toimet 31.12.', table: 'keyFigures', years: [2019] },
    figures: ['Hallinto- ja tukipalvelut|Vakinaiset virat ja toimet 31.12.|2019|TP|42'],
  },
  {
    name: 'should rank cost centres only, never their total',
    query: { intent: 'ranking', account: 'MENOT', asOf: '2022-06-30', topN: 2 },
    figures: ['Tietohallinto|MENOT|2022|TOT|-924370', 'Kaupunginhallitus|MENOT|2022|TOT|-506612'],
  },
  {
    name: 'should rank expense types when line items are asked, without the total row',
    query: { intent: 'ranking', table: 'operatingStatement', years: [2021], topN: 3 },
    figures: [
      'Hallinto- ja tukipalvelut|Palvelujen ostot|2021|TP|-3287792',
      'Hallinto- ja tukipalvelut|Henkilöstökulut|2021|TP|-2199275',
      'Hallinto- ja tukipalvelut|Avustukset|2021|TP|-371838',
    ],
  },
  {
    name: 'should compare two years with the difference and change percent',
    query: { intent: 'compare', subjects: [cc('Tietohallinto')], account: 'MENOT', years: [2021, 2020] },
    figures: ['Tietohallinto|MENOT|2020|TP|-1477909', 'Tietohallinto|MENOT|2021|TP|-1577137'],
    derived: { difference: '-99228', changePercent: '-6.71' },
    // Derived values are signed as printed; the text speaks of magnitudes: 99 228 € more spent.
    text: [/Muutos 2020–2021: 99\u00a0228\u00a0€ enemmän \(\+6,7\u00a0%\)/],
  },
  {
    name: 'should compare a plan year with the year before on budgets, not on a year-to-date actual',
    query: {
      intent: 'compare',
      account: 'Vakinaiset virat ja toimet 31.12.',
      table: 'keyFigures',
      years: [2022, 2023],
    },
    figures: [
      'Hallinto- ja tukipalvelut|Vakinaiset virat ja toimet 31.12.|2022|TA|35',
      'Hallinto- ja tukipalvelut|Vakinaiset virat ja toimet 31.12.|2023|TS|23',
    ],
  },
  {
    name: 'should compare two cost centres in one year',
    query: {
      intent: 'compare',
      subjects: [cc('Joukkoliikenne'), cc('Vaalit')],
      account: 'MENOT',
      years: [2019],
    },
    figures: ['Joukkoliikenne|MENOT|2019|TP|-332488', 'Vaalit|MENOT|2019|TP|-25750'],
  },
  {
    name: 'should list a trend in year order, actuals and budgets apart',
    query: { intent: 'trend', subjects: [cc('Joukkoliikenne')], account: 'NETTOMENO' },
    text: [/Toteumat: 2018/, /Talousarviot: 2019/],
  },
  {
    name: 'should flag cost centres ahead of an even pace in the open year when pace is asked',
    query: { intent: 'overBudget', account: 'MENOT', pace: true },
    text: [/Tasaista tahtia edellä/, /Tietohallinto/, /Työterveyshuolto/],
  },
  {
    name: 'should list only who has already exceeded the whole year’s budget when "over budget" is asked in the open year',
    query: { intent: 'overBudget', account: 'MENOT' },
    figures: ['Vaalit|MENOT|2022|TOT|-18507', 'Vaalit|MENOT|2022|TA/KS+muutos|-13000'],
    text: [/Talousarvionsa ylittäneet/, /Vaalit 5\u00a0507\u00a0€ \(142,4\u00a0%\)/],
  },
  {
    name: 'should note that the source figures do not add up',
    query: { subjects: [cc('Kaupunginhallitus')], account: 'NETTOMENO', years: [2020], measure: 'actual' },
    figures: ['Kaupunginhallitus|NETTOMENO|2020|TP|-1021150'],
  },
  {
    name: 'should answer in English with English formats',
    query: { lang: 'en', intent: 'budgetVsActual', subjects: [cc('Tietohallinto')], account: 'MENOT' },
    text: [/€924,370/, /62\.1%/, /Source: 000_d3382b3632755c54\.txt, line 196/],
  },
];

describe('answerQuery', () => {
  it.each(cases)('$name', (c) => {
    const answer = answerQuery(q(c.query), index);
    expect(AnswerSchema.parse(answer)).toBeTruthy();
    expect(answer.status).toBe(c.status ?? 'answer');
    if (c.figures) expect(amounts(answer)).toEqual(c.figures);
    if (c.derived) expect(answer.derived).toMatchObject(c.derived);
    for (const re of c.text ?? []) expect(answer.text).toMatch(re);
  });

  it('should flag an unreconciled figure and add the note', () => {
    const answer = answerQuery(
      q({ subjects: [cc('Kaupunginhallitus')], account: 'NETTOMENO', years: [2020], measure: 'actual' }),
      index,
    );
    expect(answer.figures[0]?.unreconciled).toBe(true);
    expect(answer.notes.join(' ')).toMatch(/Lähteen luvut eivät täsmää.*ero −1\u00a0€/);
  });

  it('should not flag figures of other years on the same line', () => {
    const answer = answerQuery(
      q({ subjects: [cc('Kaupunginhallitus')], account: 'NETTOMENO', years: [2021], measure: 'actual' }),
      index,
    );
    expect(answer.figures[0]?.unreconciled).toBeUndefined();
    expect(answer.notes).toEqual([]);
  });

  it('should not flag a cost centre only because the service-area total it is summed into does not add up', () => {
    const totalIssue = {
      check: 'YHTEENSÄ = Σ kustannuspaikat',
      document: '000_d3382b3632755c54.txt',
      line: 239,
      costCentre: 'Hallinto- ja tukipalvelut',
      account: 'MENOT',
      year: 2020,
      basis: 'TP',
      expected: '-6356770',
      printed: '-6356771',
      difference: '-1',
      termLines: [119, 196],
    };
    const store = answeringStore();
    const withTotalIssue = buildAnswerIndex({
      ...store,
      reconciliation: [...store.reconciliation, totalIssue],
    });
    const answer = answerQuery(
      q({ subjects: [cc('Tietohallinto')], account: 'MENOT', years: [2020], measure: 'actual' }),
      withTotalIssue,
    );
    expect(answer.figures.map((f) => f.amount)).toContain('-1477909');
    expect(answer.figures.some((f) => f.unreconciled)).toBe(false);
    expect(answer.notes.join(' ')).not.toMatch(/täsmää/);
  });

  it('should never put a change column among the figures', () => {
    const answer = answerQuery(
      q({
        subjects: [{ kind: 'serviceArea', name: 'Hallinto- ja tukipalvelut' }],
        account: 'MENOT',
        measure: 'budget',
        years: [2022],
      }),
      index,
    );
    expect(answer.figures.map((f) => f.basis)).not.toContain('MUUTOS');
  });

  it('should answer goals with the newest matching section and its line', () => {
    const answer = answerQuery(q({ intent: 'prose', topic: 'sopeuttamisohjelma' }), index);
    expect(answer.prose?.source).toEqual({ document: '000_d3382b3632755c54.txt', line: 59 });
    expect(answer.text).toMatch(/rivi 59/);
  });

  it('should build help examples from the data, not from fixed names', () => {
    const answer = answerQuery(q({ intent: 'help' }), index);
    expect(answer.options.length).toBeGreaterThan(3);
    expect(answer.options[0]?.ask).toContain('Tietohallinto');
  });

  it('should keep the query on the answer for the next turn', () => {
    const query = q({ subjects: [cc('Vaalit')], account: 'MENOT', years: [2019] });
    expect(answerQuery(query, index).query).toEqual(query);
  });
});

describe('answerQuery for a named subject asked about overspending', () => {
  it('should answer budget against actual for that subject instead of listing all', () => {
    const answer = answerQuery(
      q({ intent: 'overBudget', subjects: [cc('Joukkoliikenne')], account: 'MENOT', years: [2021] }),
      index,
    );
    expect(amounts(answer)).toEqual([
      'Joukkoliikenne|MENOT|2021|TP|-338529',
      'Joukkoliikenne|MENOT|2021|TA+muutos|-313900',
    ]);
  });
});

describe('answerQuery when the budget is already used up', () => {
  it('should say the budget is overspent instead of what is left', () => {
    const answer = answerQuery(
      q({ intent: 'budgetVsActual', subjects: [cc('Vaalit')], account: 'MENOT', years: [2022] }),
      index,
    );
    expect(answer.derived.usedShare).toBe('1.4236');
    expect(answer.text).toMatch(/budjetti on jo ylitetty 5\u00a0507\u00a0€/);
    expect(answer.text).not.toMatch(/jäljellä/);
  });

  it('should answer "how much is left" with the overrun when nothing is left', () => {
    const answer = answerQuery(q({ intent: 'remaining', subjects: [cc('Vaalit')], account: 'MENOT' }), index);
    expect(answer.text).toMatch(/budjetti on ylitetty 5\u00a0507\u00a0€/);
  });
});

describe('answerQuery listing overspending', () => {
  it('should list the worst first and say how many more there are when the list is cut', () => {
    const answer = answerQuery(q({ intent: 'overBudget', account: 'MENOT', topN: 1, pace: true }), index);
    // Vaalit has used 142.4 % of its budget by 30.6.: the furthest ahead of pace of the five flagged.
    expect(amounts(answer)).toEqual([
      'Vaalit|MENOT|2022|TOT|-18507',
      'Vaalit|MENOT|2022|TA/KS+muutos|-13000',
    ]);
    expect(answer.derived).toMatchObject({ count: '5', compared: '6' });
    expect(answer.text).toMatch(/5\/6 \(1 suurinta näytetty\)/);
  });
});

describe('answerQuery for prose with a dated status report', () => {
  const store = answeringStore();
  store.sections.push({
    document: '000_d3382b3632755c54.txt',
    line: 69,
    heading: '5. Talouden sopeuttamisohjelma 2020-2022 – Toteutuma 30.6.2022',
    text: 'Sopeuttamisohjelman toteutumisen seuranta on jatkettu säännöllisillä vastuualuepäälliköiden tapaamisilla.',
  });
  const withStatus = buildAnswerIndex(store);

  it('should give the section and its status report, citing both lines', () => {
    const answer = answerQuery(q({ intent: 'prose', topic: 'sopeuttamisohjelma' }), withStatus);
    expect(answer.prose?.source.line).toBe(59);
    expect(answer.text).toMatch(/Toteutuma 30\.6\.2022: Sopeuttamisohjelman toteutumisen seuranta/);
    expect(answer.text).toMatch(/rivit 59, 69/);
  });

  it('should answer with the status report itself when its date is asked', () => {
    const answer = answerQuery(
      q({ intent: 'prose', topic: 'sopeuttamisohjelma', asOf: '2022-06-30' }),
      withStatus,
    );
    expect(answer.prose?.source.line).toBe(69);
  });
});

describe('answerQuery on any well-formed query (property)', () => {
  it('should give a schema-valid answer and never a figure of a year, subject or account not asked', () => {
    const names = ['Tietohallinto', 'Joukkoliikenne', 'Vaalit', 'Hallinto- ja tukipalvelut', 'Kirjasto', ''];
    const query = fc.record({
      intent: fc.constantFrom(...IntentSchema.options),
      lang: fc.constantFrom('fi' as const, 'en' as const),
      subjects: fc.array(
        fc.record({
          kind: fc.constantFrom('costCentre' as const, 'serviceArea' as const),
          name: fc.oneof(fc.constantFrom(...names), fc.string()),
        }),
        { maxLength: 3 },
      ),
      account: fc.oneof(
        fc.constant(null),
        fc.constantFrom(
          'MENOT',
          'TULOT',
          'NETTOMENO',
          'Henkilöstökulut',
          'Vakinaiset virat ja toimet 31.12.',
        ),
        fc.string(),
      ),
      table: fc.constantFrom(
        null,
        'costCentres' as const,
        'operatingStatement' as const,
        'keyFigures' as const,
        'appropriations' as const,
        'investments' as const,
      ),
      measure: fc.constantFrom(null, 'actual' as const, 'budget' as const, 'plan' as const),
      years: fc.array(fc.integer({ min: 1990, max: 2040 }), { maxLength: 3 }),
      asOf: fc.constantFrom(null, '2022-06-30', '2021-12-31', '2030-01-01'),
      periodNote: fc.constant(null),
      topN: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 50 })),
      order: fc.constantFrom(null, 'asc' as const, 'desc' as const),
      topic: fc.oneof(fc.constant(null), fc.string()),
      threshold: fc.constant(null),
      text: fc.string(),
    });
    fc.assert(
      fc.property(query, (qry) => {
        const answer = AnswerSchema.parse(answerQuery(qry, index));
        if (
          ['figure', 'budgetVsActual', 'remaining', 'forecast', 'trend', 'compare'].includes(qry.intent) &&
          qry.years.length > 0 &&
          qry.table !== 'investments' &&
          qry.intent !== 'compare'
        )
          for (const f of answer.figures) expect(qry.years).toContain(f.year);
        const aboutSubjects = ![
          'ranking',
          'overBudget',
          'prose',
          'help',
          'greeting',
          'thanks',
          'subscribe',
          'unsubscribe',
          'listSubscriptions',
        ].includes(qry.intent);
        if (aboutSubjects && qry.subjects.length > 0 && qry.table !== 'investments')
          for (const f of answer.figures) expect(qry.subjects.map((s) => s.name)).toContain(f.costCentre);
        if (aboutSubjects && qry.account !== null && qry.table !== 'investments')
          for (const f of answer.figures) expect(f.account.toLowerCase()).toBe(qry.account.toLowerCase());
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
    );
  });
});

describe('answerQuery with a relative period', () => {
  it('should say how the period was read', () => {
    const answer = answerQuery(
      q({
        subjects: [cc('Tietohallinto')],
        account: 'MENOT',
        years: [2021],
        periodNote: 'viime vuonna → 2021',
      }),
      index,
    );
    expect(answer.notes[0]).toBe('Ajanjakso: viime vuonna → 2021.');
  });
});

describe('answerQuery for the investment plan', () => {
  const store = answeringStore();
  const item = (line: number, account: string, amount: string) => ({
    document: '001_a49d1ed256dc6eed.txt',
    line,
    section: 'Investoinnit',
    table: 'investments' as const,
    costCentre: 'Tietohallinto',
    account,
    year: 2020,
    basis: 'TA',
    asOf: null,
    amount,
    unit: 'EUR' as const,
    kind: 'figure' as const,
  });
  store.facts.push(
    item(522, 'Hoitajakutsujärjestelmä', '-85000'),
    item(524, 'Hyvinvointipalvelut yhteensä', '-210000'),
    item(544, 'NETTO', '-355000'),
  );
  const withPlan = buildAnswerIndex(store);

  it('should lead a year of the plan with its grand total, then the items', () => {
    const answer = answerQuery(q({ table: 'investments', years: [2020] }), withPlan);
    expect(answer.text).toMatch(
      /^Investoinnit, talousarvio 2020 \(TA\): NETTO 355\u00a0000\u00a0€; kohteet \(1\): Hoitajakutsujärjestelmä 85\u00a0000\u00a0€/,
    );
    expect(answer.figures.map((f) => f.role)).toEqual(['item', 'total', 'total']);
  });

  it('should answer one item or subtotal by its printed label', () => {
    const answer = answerQuery(
      q({ table: 'investments', account: 'Hyvinvointipalvelut yhteensä', years: [2020] }),
      withPlan,
    );
    expect(amounts(answer)).toEqual(['Tietohallinto|Hyvinvointipalvelut yhteensä|2020|TA|-210000']);
  });

  it('should say which years the plan covers when asked for another', () => {
    const answer = answerQuery(q({ table: 'investments', years: [2025] }), withPlan);
    expect(answer.status).toBe('not_found');
    expect(answer.text).toMatch(/vuodet 2020/);
  });
});

describe('budgetActualValues', () => {
  it.each([
    { actual: '-924370', budget: '-1488900', used: '0.6208' },
    { actual: '-81', budget: '400', used: null }, // net income budgeted, a net cost came out
    { actual: '0', budget: '400', used: '0' },
    { actual: '-5', budget: '0', used: null },
  ])('should give used share $used for actual $actual against budget $budget', ({ actual, budget, used }) => {
    const v = budgetActualValues(actual, budget, null);
    expect(v.usedShare === null ? null : decimalString(v.usedShare, 4)).toBe(used);
  });

  it('should count 30.6.2022 as day 181 of 365', () => {
    const e = elapsedShare('2022-06-30');
    expect([e.day, e.daysInYear]).toEqual([181, 365]);
    expect(elapsedShare('2024-12-31').day).toBe(366);
  });
});

describe('answerQuery ranking net expenses', () => {
  it('should rank the biggest net cost first and a net income last', () => {
    const store = answeringStore();
    store.facts.push({
      ...store.facts.find(
        (f) => f.costCentre === 'Joukkoliikenne' && f.account === 'NETTOMENO' && f.basis === 'TOT',
      )!,
      costCentre: 'Vaalit',
      line: 121,
      amount: '900000',
    });
    const answer = answerQuery(
      q({ intent: 'ranking', account: 'NETTOMENO', asOf: '2022-06-30', topN: 3 }),
      buildAnswerIndex(store),
    );
    // Vaalit's +900 000 is net income: large, but not a large net expense.
    expect(amounts(answer)).toEqual([
      'Tietohallinto|NETTOMENO|2022|TOT|-889767',
      'Kaupunginhallitus|NETTOMENO|2022|TOT|-506612',
      'Joukkoliikenne|NETTOMENO|2022|TOT|-148164',
    ]);
  });
});

describe('answerQuery for revenue left to come in', () => {
  it.each([
    { name: 'Joukkoliikenne', text: /arviosta puuttuu vielä 35\u00a0000\u00a0€/ },
    { name: 'Työterveyshuolto', text: /arvio on jo ylitetty 37\u00a0658\u00a0€/ },
  ])('should say what $name still expects or how far past the estimate it is', ({ name, text }) => {
    const answer = answerQuery(q({ intent: 'remaining', subjects: [cc(name)], account: 'TULOT' }), index);
    expect(answer.text).toMatch(text);
  });
});

describe('answerQuery for a count against its budget', () => {
  it('should set the two counts side by side without euros or shares', () => {
    const answer = answerQuery(
      q({
        intent: 'budgetVsActual',
        account: 'Vakinaiset virat ja toimet 31.12.',
        table: 'keyFigures',
        years: [2022],
      }),
      index,
    );
    expect(amounts(answer)).toEqual([
      'Hallinto- ja tukipalvelut|Vakinaiset virat ja toimet 31.12.|2022|TOT|37',
      'Hallinto- ja tukipalvelut|Vakinaiset virat ja toimet 31.12.|2022|TA|35',
    ]);
    expect(answer.derived).toEqual({ difference: '2' });
    expect(answer.text).not.toMatch(/€|%/);
  });
});
