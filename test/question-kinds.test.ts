import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { askConversation } from '../src/assistant/conversation';
import { IntentSchema, QUESTION_KINDS } from '../src/domain';
import { loadLexicon } from '../src/understanding';

const DIR = path.join(import.meta.dirname, 'questions');
const conversations = readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(path.join(DIR, f), 'utf8').split('\n'))
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { turns: string[] }).turns);

describe('the question-kind registry', () => {
  let assistant: BudgetAssistant;
  beforeAll(async () => {
    assistant = await BudgetAssistant.load(path.join(import.meta.dirname, '..', 'data', 'budget.json'));
  });

  it('should give every intent cue words in data/lexicon, except the defaults (figure) and topics (prose)', () => {
    const cued = new Set(loadLexicon().intents.intents.map((e) => e.intent));
    const uncued = IntentSchema.options.filter((i) => !cued.has(i));
    expect(uncued.sort()).toEqual(['figure', 'prose']);
  });

  it('should list, for each kind, every body its answers have over the whole question set', () => {
    const unlisted = new Set<string>();
    for (const turns of conversations) {
      for (const a of askConversation(assistant, turns)) {
        if (!a.query || a.body.kind === 'notFound' || a.body.kind === 'clarify') continue;
        if (!QUESTION_KINDS[a.query.intent].bodies.includes(a.body.kind))
          unlisted.add(`${a.query.intent} → ${a.body.kind}`);
      }
    }
    expect([...unlisted]).toEqual([]);
  });
});
