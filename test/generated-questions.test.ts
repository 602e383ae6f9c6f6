import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BudgetAssistant } from '../src/assistant/budget-assistant';
import { renderAnswerCard } from '../src/cards';
import { cardContextOf } from '../src/cards/card-context';
import { exampleQuestions } from '../src/cards/welcome-card';
import type { Answer, Lang } from '../src/domain';
import { cardActions } from './card-fixtures';

/**
 * Every question the bot writes itself — answer options, card buttons, example questions — is
 * asked back as a user's click would ask it (with the answer's query as the conversation's
 * context) and must be answered as meant: its subject, its years, its kind; and in Finnish it
 * is written as people write (a name before its row in the genitive: "Tietohallinnon menot").
 */

const STORE = path.join(import.meta.dirname, '..', 'data', 'budget.json');

/** A question the bot wrote: where it came from, what it says, and what it asks. */
interface Generated {
  from: string;
  lang: Lang;
  label: string;
  ask: string;
  context: Answer;
}

// Words that may follow a name in the nominative: "paljonko Tietohallinto on käyttänyt?", "A ja B", "A vai B".
const AFTER_NOMINATIVE = new Set(['on', 'ja', 'vai', 'vs', 'tai']);

let assistant: BudgetAssistant;
let names: string[];
let generated: Generated[];

/** The questions each kind of answer is reached by, for every cost centre and a few of each other kind. */
function seedQuestions(): string[][] {
  const perName = names.flatMap((n) => [
    [n],
    [`${n} menot 2021`],
    [`${n} tulot 2020`],
    [`${n} nettomenot`],
    [`${n} expenses 2021`],
    [`${n} menot 2030`],
  ]);
  return [
    ...perName,
    ['suurimmat menot'],
    ['biggest expenses 2021'],
    ['mitkä kustannuspaikat ylittivät budjettinsa 2021?'],
    ['kirjaston menot'],
    ['talous menot'],
    ['library spending'],
    ['liiton menot'],
    ['paljonko on käytetty?'],
    ['how much is left?'],
    ['Tietohallinnon henkilöstökulut'],
    ['Tietohallinnon menot maaliskuussa 2022'],
    ['Tietohallinnon menot viikolla 40'],
    ['Tietohallinnon tunnusluvut'],
    ['tunnusluvut 2022'],
    ['Tietohallinnon tulot ja menot 2021'],
    ['kuinka monta työntekijää Tietohallinnossa on'],
    ['suurimmat Tietohallinnon menot'],
    ['mitkä menot kasvoivat eniten 2021-2022'],
    ['Tietohallinnon menot kuukausittain'],
    ['henkilöstökulut 2021'],
    ['toimintakate 2021'],
    ['apua'],
    ['help'],
    ['hei'],
  ];
}

/** The names a text mentions, longest first, a name inside a longer one not counted. */
function namesIn(text: string): string[] {
  const found: string[] = [];
  for (const n of [...names].sort((a, b) => b.length - a.length))
    if (text.includes(n) && !found.some((f) => f.includes(n))) found.push(n);
  return found;
}

beforeAll(async () => {
  assistant = await BudgetAssistant.load(STORE);
  names = [
    ...assistant.data.costCentres.filter((c) => c.level === 'costCentre').map((c) => c.name),
    ...assistant.data.costCentres.filter((c) => c.level === 'serviceArea').map((c) => c.name),
  ];
  const context = cardContextOf(assistant.data.documents);
  generated = [];
  for (const turns of seedQuestions()) {
    let previous = null;
    let answer: Answer | null = null;
    for (const t of turns) {
      answer = assistant.ask(t, previous);
      previous = answer.query ?? previous;
    }
    if (!answer) continue;
    const from = turns.join(' → ');
    for (const o of answer.options)
      generated.push({
        from: `${from} (option)`,
        lang: answer.lang,
        label: o.label,
        ask: o.ask,
        context: answer,
      });
    for (const a of cardActions(renderAnswerCard(answer, context))) {
      const ask = a.data.ask;
      if (typeof ask === 'string')
        generated.push({ from: `${from} (button)`, lang: answer.lang, label: a.title, ask, context: answer });
    }
  }
  // The welcome and help cards' examples (cards/examples.json), asked at the start of a conversation.
  for (const lang of ['fi', 'en'] as const) {
    const start = assistant.ask(lang === 'fi' ? 'hei' : 'hello', null);
    for (const o of exampleQuestions(lang))
      generated.push({ from: 'cards/examples.json', lang, label: o.label, ask: o.ask, context: start });
  }
});

describe('questions the bot writes itself', () => {
  it('should have generated a question of every kind of button', () => {
    const labels = new Set(generated.map((g) => g.label));
    expect(generated.length).toBeGreaterThan(200);
    for (const l of ['Kehitys vuosittain', 'Vertaa 2020', 'Trend over the years', 'Kaikki kustannuspaikat'])
      expect(labels).toContain(l);
  });

  it('should write a name before its row in the genitive in Finnish ("Tietohallinnon menot")', () => {
    const wrong = generated.flatMap((g) => {
      if (g.lang !== 'fi') return [];
      return namesIn(g.ask).flatMap((n) => {
        const next = g.ask.slice(g.ask.indexOf(n) + n.length).match(/^ (\p{Ll}\S*)/u)?.[1];
        return next && !AFTER_NOMINATIVE.has(next) ? [`${g.from}: "${g.ask}"`] : [];
      });
    });
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('should answer every written question as meant: an answer, about its names and years, of its kind', () => {
    const wrong: string[] = [];
    for (const g of generated) {
      const a = assistant.ask(g.ask, g.context.query ?? null);
      const why: string[] = [];
      if (a.status !== 'answer') why.push(`status ${a.status}`);
      const subjects = (a.query?.subjects ?? []).map((s) => s.name);
      // The name a button shows is the one it asks about.
      for (const n of namesIn(g.label)) if (!subjects.includes(n)) why.push(`not about ${n}`);
      const years = [...g.ask.matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1]));
      const answered = new Set([...(a.query?.years ?? []), ...a.figures.map((f) => f.year)]);
      for (const y of years) if (!answered.has(y)) why.push(`not for ${y}`);
      if (/^(Kehitys vuosittain|Trend over the years)/.test(g.label) && a.query?.intent !== 'trend')
        why.push(`a ${a.query?.intent} for a trend`);
      if (/^(Vertaa|Compare)/.test(g.label) && a.query?.intent !== 'compare')
        why.push(`a ${a.query?.intent} for a comparison`);
      if (why.length > 0) wrong.push(`${g.from}: [${g.label}] "${g.ask}" → ${why.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });
});
