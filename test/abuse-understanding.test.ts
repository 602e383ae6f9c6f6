/**
 * Fuzzing the understanding through BudgetAssistant.ask, the way the bot calls it: any text,
 * any follow-up chain. The assistant catches everything, so "does not throw" proves little;
 * these properties ask more: no input reaches the internal-failure fallback, every answer fits
 * the Answer schema and carries a card the adaptivecards library accepts, and every figure is a
 * figure of the store, with its document and line ("no data, no answer").
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BudgetAssistant } from '../src/assistant/budget-assistant';
import { type Answer, AnswerSchema, type Query } from '../src/domain';
import { adaptiveCardsProblems } from './card-validation';
import { realAssistant } from './support/real-core';

let assistant: BudgetAssistant;
/** document|line|amount of every fact in the store. */
let storeFigures: Set<string>;
let names: string[];

beforeAll(async () => {
  assistant = await realAssistant();
  storeFigures = new Set(assistant.data.facts.map((f) => `${f.document}|${f.line}|${f.amount}`));
  names = assistant.data.costCentres.flatMap((c) => [c.name, ...c.aliases]);
});

/** Words a question is made of: budget terms in both languages, inflections, connectives. */
const WORDS = [
  'paljonko',
  'mitkä',
  'olivat',
  'menot',
  'tulot',
  'nettomenot',
  'käyttänyt',
  'budjetti',
  'talousarvio',
  'toteuma',
  'ylittyikö',
  'entä',
  'vuonna',
  'vs',
  'verrattuna',
  'kasvu',
  'suurimmat',
  'pienimmät',
  'how',
  'much',
  'has',
  'spent',
  'budget',
  'the',
  'what',
  'about',
  'compare',
  'largest',
  'in',
  '%',
  'ja',
  'tai',
  '?',
  '!',
  '-',
  '–',
  '/',
  'tilaa',
  'hälytys',
  'lopeta',
  'ohje',
  'apua',
  'help',
];

/** Characters that break naive text handling: controls, marks, bidi, zero-width, surrogates, emoji. */
const NASTY = [
  '\u0000',
  '\u0007',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\u0301',
  '\ud800',
  '\udfff',
  '😀',
  '👩🏽‍💻',
  '\u00a0',
  '\t',
  '\n',
  'ß',
  'İ',
  'ﬁ',
];

/** A name or word with noise: case, a dropped or doubled letter, folded diacritics, an inflection. */
const noisy = (word: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(word, fc.nat(20), fc.constantFrom('', 'n', 'ssa', 'lle', 'ksi', 'in', 'sta'))
    .map(([w, n, ending]) => {
      let s = w;
      if (n % 5 === 0) s = s.toUpperCase();
      if (n % 7 === 1) s = s.normalize('NFD').replace(/\p{M}/gu, '');
      if (n % 4 === 2 && s.length > 3) s = s.slice(0, n % s.length) + s.slice((n % s.length) + 1);
      if (n % 6 === 3) s = s + s.at(-1);
      return s + ending;
    });

/** Texts from question-like to plain garbage. */
const text = (): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .array(
          fc.oneof(
            noisy(fc.constantFrom(...WORDS)),
            noisy(fc.constantFrom(...names)),
            fc.integer({ min: 1900, max: 2100 }).map(String),
            fc.integer({ min: -100, max: 100_000_000 }).map(String),
            fc.constantFrom(...NASTY),
          ),
          { maxLength: 14 },
        )
        .map((parts) => parts.join(' ')),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...NASTY), { maxLength: 40 }).map((a) => a.join('')) },
    // Long inputs: a pasted document, one giant word, a wall of numbers.
    { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((w) => `${w} `.repeat(800)) },
    { weight: 1, arbitrary: fc.nat(9).map((d) => String(d).repeat(5000)) },
  );

/** What must hold of every answer, whatever was asked. */
function checkAnswer(answer: Answer): void {
  expect(AnswerSchema.safeParse(answer).success).toBe(true);
  // The internal-failure fallback means an exception inside understanding or answering.
  expect(answer.title).not.toBe('En osannut vastata');
  expect(answer.title).not.toBe('Could not answer');
  for (const f of answer.figures) {
    expect(storeFigures.has(`${f.source.document}|${f.source.line}|${f.amount}`)).toBe(true);
  }
  expect(answer.card).toBeDefined();
  expect(adaptiveCardsProblems(answer.card)).toEqual([]);
}

describe('BudgetAssistant.ask under fuzzing', () => {
  it('should answer any single text with a valid answer, a valid card and only figures of the store', () => {
    fc.assert(
      fc.property(text(), (t) => {
        checkAnswer(assistant.ask(t, null));
      }),
      { numRuns: 300 },
    );
  });

  it('should stay sound through a conversation of fuzzed follow-ups', () => {
    fc.assert(
      fc.property(fc.array(text(), { minLength: 2, maxLength: 5 }), (turns) => {
        let previous: Query | null = null;
        for (const t of turns) {
          const answer = assistant.ask(t, previous);
          checkAnswer(answer);
          previous = answer.query ?? previous;
        }
      }),
      { numRuns: 80 },
    );
  });

  it('should give message-extension search results for any prefix and limit, each a sound answer', () => {
    fc.assert(
      fc.property(
        text(),
        fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constant(Number.NaN)),
        (prefix, limit) => {
          const results = assistant.costCentreHeadlines(prefix, limit);
          expect(results.length).toBeLessThanOrEqual(
            Math.max(0, Math.min(Number.isNaN(limit) ? 0 : limit, 50)),
          );
          for (const r of results) {
            expect(names).toContain(r.name);
            checkAnswer(r.answer);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('should treat a previous query of the wrong shape as no context, not crash', () => {
    const odd = [{}, { intent: 'nonsense' }, { intent: 'figure', subjects: 'x' }] as unknown as Query[];
    for (const previous of odd) checkAnswer(assistant.ask('entä 2020?', previous));
  });
});
