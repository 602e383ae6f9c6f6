import type { Answer, Lang, Option, Query } from '../domain';
import { money } from '../domain';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { findRow } from './answer-index';
import { coverageSentence } from './data-info-answer';
import { messages } from './messages';
import { pickBudget, yearsWith } from './pick-fact';

const examplesCache = new WeakMap<AnswerIndex, Partial<Record<Lang, Option[]>>>();

/** Example questions built from the data itself (its biggest cost centre, its years), never from fixed names. */
export function exampleQuestions(index: AnswerIndex, lang: Lang): Option[] {
  // They depend on the store only, so they are made once per index and language.
  const cached = examplesCache.get(index)?.[lang];
  if (cached) return cached;
  const made = makeExamples(index, lang);
  examplesCache.set(index, { ...examplesCache.get(index), [lang]: made });
  return made;
}

function makeExamples(index: AnswerIndex, lang: Lang): Option[] {
  let biggest: { name: string; size: ReturnType<typeof money> } | null = null;
  let newestActual: number | null = null;
  for (const cc of index.costCentres) {
    const row = findRow(index, cc.name, 'MENOT', 'costCentres');
    if (!row) continue;
    const actualYears = yearsWith(row.facts, 'actual');
    const last = actualYears.at(-1);
    if (last !== undefined && (newestActual === null || last > newestActual)) newestActual = last;
    const y = yearsWith(row.facts, 'budget').at(-1);
    const budget = y === undefined ? null : pickBudget(index, row.facts, y);
    const size = budget ? money(budget.amount).abs() : money(0);
    if (!biggest || size.greaterThan(biggest.size)) biggest = { name: cc.name, size };
  }
  const closed = [...index.closedYears].sort((a, b) => a - b).at(-1) ?? null;
  const asks = messages(lang).examples({
    costCentre: biggest?.name ?? null,
    closedYear: closed,
    newestActual,
    hasSections: index.sections.length > 0,
  });
  return asks.map((ask) => ({ label: ask, ask }));
}

/** Answers help, greetings, thanks and the subscription intents (the bot layer overrides the latter's text). */
export function answerConversation(index: AnswerIndex, query: Query): Answer {
  const m = messages(query.lang).conversation;
  const examples = exampleQuestions(index, query.lang);
  const years = index.years.length ? `${index.years[0]}–${index.years.at(-1)}` : '';
  switch (query.intent) {
    case 'greeting':
      return buildAnswer(index, query, {
        body: { kind: 'help', variant: 'greeting' },
        title: m.greetingTitle,
        sentences: [m.greeting(years, examples[0]?.ask ?? null)],
        options: examples.slice(0, 3),
      });
    case 'thanks':
    case 'subscribe':
    case 'unsubscribe':
    case 'listSubscriptions': {
      const said = m[query.intent];
      return buildAnswer(index, query, {
        body: { kind: 'message', topic: query.intent },
        title: said.title,
        sentences: [said.text],
      });
    }
    default:
      return buildAnswer(index, query, {
        body: { kind: 'help', variant: 'help' },
        intent: 'help',
        title: m.helpTitle,
        sentences: [
          m.help(
            years,
            examples.map((e) => e.ask),
          ),
          // What the data holds, so "mitä kustannuspaikkoja on?" and "mihin asti tiedot?" are answered too.
          coverageSentence(index, query.lang),
        ],
        options: examples,
      });
  }
}
