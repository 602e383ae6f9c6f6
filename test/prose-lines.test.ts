import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { passageLines, passagesOf } from '../src/answering/prose-answer';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { foldText } from '../src/text/fold-text';

/** Every quoted passage cites its own line of the document, never its section heading's. */

const ROOT = path.join(import.meta.dirname, '..');
let assistant: BudgetAssistant;
beforeAll(async () => {
  assistant = await BudgetAssistant.load(path.join(ROOT, 'data', 'budget.json'));
});

const seedLines = (name: string) => readFileSync(path.join(ROOT, 'seeds', name), 'utf8').split(/\r?\n/);

describe('prose sources', () => {
  it('should give every passage of every section the line it is printed on', () => {
    const wrong: string[] = [];
    for (const section of assistant.data.sections) {
      const lines = seedLines(section.document);
      const cited = passageLines(section);
      passagesOf(section).forEach((p, i) => {
        const line = cited[i] as number;
        // Its first word is on that line (a goal row's column name, "Mittarit: ", aside): a
        // passage may begin at the end of a wrapped line.
        const first = foldText(p.text.replace(/^[^:|]{1,40}:\s/, ''))
          .split(/[^\p{L}\p{N}]+/u)
          .find((w) => w.length >= 3);
        const printed = foldText(lines[line - 1] ?? '');
        const found = first !== undefined && printed.includes(first);
        if (!found) wrong.push(`${section.document}:${line} "${p.text.slice(0, 60)}"`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it('should cite line 23 for the sick-leave goal printed there, not the heading’s line 18', () => {
    const a = assistant.ask('Kevan oppimisympäristö', null);
    expect(a.status).toBe('answer');
    expect(a.text).toContain('Kevan oppimisympäristön käytön tehostaminen');
    expect(a.text).toMatch(/rivi 23\b/);
    expect(a.text).not.toMatch(/rivi 18\b/);
    expect(a.body.kind === 'prose' && a.body.source.line).toBe(23);
  });

  it('should cite each quoted passage’s line, the plan’s and its status report’s', () => {
    const a = assistant.ask('miten sopeuttamisohjelma etenee?', null);
    expect(a.text).toMatch(/rivit [\d, ]*\b61\b[\d, ]*\b71\b/);
  });
});
