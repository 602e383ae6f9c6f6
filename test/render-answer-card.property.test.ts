import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardSizeBytes, renderAnswerCard } from '../src/cards';
import { type Answer, AnswerSchema, IntentSchema, statusOf } from '../src/domain';
import { cardStrings } from './card-fixtures';
import { adaptiveCardsProblems } from './card-validation';
import { answerBodyFor } from './support/answer-body-arbitrary';

// Any answer the schema allows, however odd its names, numbers or texts, must become a valid,
// small card: the bot never crashes on a card, and Teams never rejects one.
const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.option(fc.integer({ min: 0, max: 9999 })))
  .map(([neg, int, frac]) => `${neg && int > 0n ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
const share = fc.integer({ min: 0, max: 30000 }).map((n) => (n / 10000).toFixed(4));
const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });
const nasty = fc.constantFrom(
  // biome-ignore lint/suspicious/noTemplateCurlyInString: user text that looks like a template
  '${title}',
  '{{DATE(2022-06-30T00:00:00Z, SHORT)}}',
  '**b**',
  '<script>x</script>',
  '\u2028',
  '',
);

const figure = fc.record({
  costCentre: fc.tuple(text(60), nasty).map(([a, b]) => `${a}${b}` || 'x'),
  account: fc.constantFrom('MENOT', 'TULOT', 'NETTOMENO', 'Henkilöstökulut', 'Toimintakate €/asukas'),
  year: fc.integer({ min: 2000, max: 2040 }),
  basis: fc.constantFrom('TP', 'TOT', 'TA', 'KS', 'TA+muutos', 'TA/KS+muutos', 'TS'),
  asOf: fc.option(fc.constant('2022-06-30'), { nil: undefined }),
  amount: decimal,
  unit: fc.constantFrom('EUR', 'EUR/asukas', '%', 'count', 'days/person'),
  role: fc.constantFrom('actual', 'budget', 'plan', 'value', 'change', 'total', 'item'),
  source: fc.record({
    document: text(40).map((d) => d || 'doc.txt'),
    line: fc.integer({ min: 1, max: 100000 }),
  }),
});

const answerWithoutBody = fc.record({
  lang: fc.constantFrom('fi', 'en'),
  intent: fc.option(fc.constantFrom(...IntentSchema.options), { nil: null }),
  title: text(200),
  text: fc.tuple(text(3000), nasty).map(([a, b]) => a + b),
  figures: fc.array(figure, { maxLength: 60 }),
  derived: fc.record(
    {
      variance: decimal,
      remaining: decimal,
      projection: decimal,
      difference: decimal,
      changePercent: decimal,
      usedShare: share,
      elapsedShare: share,
    },
    { requiredKeys: [] },
  ),
  options: fc.array(fc.record({ label: text(80), ask: text(300) }), { maxLength: 12 }),
  notes: fc.array(text(300), { maxLength: 4 }),
});

// The body refers to the answer's figures by index, and the status follows from it.
const answer = answerWithoutBody.chain((a) =>
  answerBodyFor(a.figures.length).map((body) => ({ ...a, body, status: statusOf(body) })),
);

describe('renderAnswerCard on any schema-valid answer', () => {
  it('should render a card that parses at 1.5, stays under 28 KB and leaves no binding to expand', () => {
    fc.assert(
      fc.property(answer, (raw) => {
        const a: Answer = AnswerSchema.parse(raw);
        const card = renderAnswerCard(a);
        expect(adaptiveCardsProblems(card)).toEqual([]);
        expect(cardSizeBytes(card)).toBeLessThan(28 * 1024);
        expect(cardStrings(card).filter((s) => s.includes('${') || s.includes('{{'))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
