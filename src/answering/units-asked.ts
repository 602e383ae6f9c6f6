import type { Answer, Query } from '../domain';
import { foldedWords } from '../text/passages';
import { loadLexicon } from '../understanding/lexicon';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { messages } from './messages';
import { formatFigure, periodWords } from './phrases';
import type { FoundRow } from './row-lookup';

let euroWords: { exact: Set<string>; prefixes: string[]; phrases: string[] } | null = null;

/** Whether a question asks for euros ("maksoivat euroina", "what did it cost"), by the lexicon's inEuros words. */
export function asksEuros(text: string): boolean {
  if (!euroWords) {
    const { fi, en } = loadLexicon().measures.inEuros;
    const all = [...fi, ...en].map((w) => w.toLowerCase());
    euroWords = {
      exact: new Set(all.filter((w) => !w.endsWith('*') && !w.includes(' '))),
      prefixes: all.filter((w) => w.endsWith('*')).map((w) => w.slice(0, -1)),
      phrases: all.filter((w) => w.includes(' ')),
    };
  }
  const words = foldedWords(text);
  const joined = ` ${words.join(' ')} `;
  const e = euroWords;
  return (
    /€/.test(text) ||
    words.some((w) => e.exact.has(w) || e.prefixes.some((p) => w.startsWith(p))) ||
    e.phrases.some((p) => joined.includes(` ${p} `))
  );
}

/**
 * "Paljonko sairauspoissaolot maksoivat euroina?": the row is counted in another unit (days per
 * person, posts), so there are no euros to give; the answer says so and what the row has.
 */
export function notInEuros(index: AnswerIndex, query: Query, row: FoundRow): Answer | null {
  const unit = row.facts[0]?.unit;
  if (!unit || unit === 'EUR' || unit === 'EUR/asukas' || !asksEuros(query.text)) return null;
  const newest = [...row.facts]
    .sort((a, b) => (a.asOf ?? `${a.year}`).localeCompare(b.asOf ?? `${b.year}`))
    .at(-1);
  const m = messages(query.lang).rows;
  return buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'measure', term: null },
    title: `${row.subject.name} · ${row.label}`,
    sentences: [
      m.notInEuros(
        row.label,
        newest ? `${formatFigure(newest, query.lang)}, ${periodWords(newest, query.lang)}` : null,
      ),
    ],
    options: newest
      ? [
          {
            label: row.label,
            ask: messages(query.lang).rowQuestion(
              row.subject.name,
              row.label,
              newest.asOf ? '' : String(newest.year),
            ),
          },
        ]
      : [],
  });
}
