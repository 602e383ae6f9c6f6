import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { askConversation } from '../src/assistant/conversation';
import { AnswerSchema } from '../src/domain';
import { questionKind } from '../src/domain/question-kinds';
import { type QuestionCase, scoreAnswer } from './questions/score-answer';

const STORE = path.join(import.meta.dirname, '..', 'data', 'budget.json');
const DIR = path.join(import.meta.dirname, 'questions');

function load(file: string): QuestionCase[] {
  return readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as QuestionCase);
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();

describe('question set', () => {
  let assistant: BudgetAssistant;
  beforeAll(async () => {
    assistant = await BudgetAssistant.load(STORE);
  });

  it('should hold at least 300 conversations in Finnish and English', () => {
    const all = files.flatMap(load);
    expect(existsSync(STORE)).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it("should expect mentions the question's own words cannot satisfy (answers echo the question)", () => {
    const echoed = files
      .flatMap(load)
      .flatMap((c) =>
        (c.expect.mentions ?? [])
          .filter((m) => c.turns.join(' ').toLowerCase().includes(m.toLowerCase()))
          .map((m) => `${c.id}: "${m}"`),
      );
    expect(echoed).toEqual([]);
  });

  it('should answer any mix of real names, years and words on the seed store schema-valid, never throwing (property)', () => {
    const names = assistant.data.costCentres.flatMap((c) => [c.name, ...c.aliases]);
    const words = [
      'menot',
      'tulot',
      'budjetti',
      'entä',
      'vertaa',
      'suurimmat',
      'kehitys',
      'jäljellä',
      'ylittyykö',
      'spent',
      'and',
      'investoinnit',
      'tavoitteet',
      '30.6.2022',
      '2018',
      '2021',
      '2035',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is part of the bad input mixed in
      '${x}',
      '🙂',
    ];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...names), fc.constantFrom(...words), fc.string({ maxLength: 8 })), {
        maxLength: 7,
      })
      .map((xs) => xs.join(' '));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (turns) => {
        for (const a of askConversation(assistant, turns)) AnswerSchema.parse(a);
      }),
      { numRuns: 300 },
    );
  });

  it.each(files)('should answer every conversation of %s correctly, scoring 100 percent', (file) => {
    const failures: string[] = [];
    const cases = load(file);
    for (const c of cases) {
      const answers = askConversation(assistant, c.turns);
      for (const a of answers) AnswerSchema.parse(a);
      // A data question must never run a command that changes the user's alerts.
      answers.forEach((a, i) => {
        const intent = a.query?.intent ?? null;
        const asked = i === answers.length - 1 && c.expect.intent === intent;
        if (intent && questionKind(intent).changesState && !asked)
          failures.push(`${c.id} turn ${i + 1} ran the ${intent} command: ${JSON.stringify(c.turns[i])}`);
      });
      const last = answers.at(-1);
      const result = last ? scoreAnswer(c.expect, last) : { kind: 'abstain', why: 'no answer' };
      if (result.kind !== 'ok')
        failures.push(
          `${c.id} ${result.kind}: ${JSON.stringify(c.turns).slice(0, 120)} -> ${result.why.slice(0, 300)}`,
        );
    }
    // Listing the failures (not just a count) makes a regression readable in the test output.
    expect(failures).toEqual([]);
  });
});
