import { type Answer, emptyQuery, type Lang, type Option, type Query } from '../domain';
import type { Understanding } from '../understanding';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { answerQuery } from './answer-query';
import { exampleQuestions } from './conversation-answer';
import { accountWord } from './phrases';
import { safeEcho } from './safe-echo';

/** The question a "closest name" button sends: the partial question with that name in it. */
function askFor(name: string, partial: Query | null, lang: Lang): string {
  const parts = [name];
  if (partial?.account) parts.push(accountWord(partial.account, lang));
  if (partial?.years.length) parts.push(partial.years.join(lang === 'fi' ? ' ja ' : ' and '));
  return parts.join(' ');
}

/** Answers any outcome of understanding: a query, a clarification with buttons, or not found with what exists. */
export function answerUnderstanding(u: Understanding, index: AnswerIndex): Answer {
  if (u.kind === 'query') return answerQuery(u.query, index);
  const lang = u.lang;
  const term = safeEcho(u.term);
  if (u.kind === 'clarify') {
    const options: Option[] = u.options;
    const labels = options.map((o) => o.label);
    return {
      status: 'clarify',
      lang,
      intent: u.partial.intent,
      title: lang === 'fi' ? 'Tarkennus' : 'Which one?',
      text:
        lang === 'fi'
          ? `"${term}" voi tarkoittaa useaa kohdetta: ${labels.join(', ')}. ${labels.length === 2 ? 'Kumpaa' : 'Mitä niistä'} tarkoitat?`
          : `"${term}" could mean several things: ${labels.join(', ')}. Which one do you mean?`,
      figures: [],
      derived: {},
      options,
      notes: [],
      query: u.partial,
    };
  }
  const query = u.partial ?? emptyQuery(lang, '', 'help');
  if (u.what === 'costCentre') {
    const closest = u.closest.slice(0, 5);
    return buildAnswer(index, query, {
      status: 'not_found',
      intent: u.partial?.intent ?? null,
      title: lang === 'fi' ? 'Kustannuspaikkaa ei löytynyt' : 'Cost centre not found',
      sentences: [
        lang === 'fi'
          ? `Aineistossa ei ole kustannuspaikkaa "${term}".${closest.length ? ` Lähimmät: ${closest.join(', ')}.` : ''}`
          : `The data has no cost centre "${term}".${closest.length ? ` Closest: ${closest.join(', ')}.` : ''}`,
      ],
      options: closest.map((name) => ({ label: name, ask: askFor(name, u.partial, lang) })),
    });
  }
  const examples = exampleQuestions(index, lang);
  const answer = buildAnswer(index, query, {
    status: 'not_found',
    intent: null,
    title: lang === 'fi' ? 'En ymmärtänyt' : 'Not understood',
    sentences: [
      lang === 'fi'
        ? `En ymmärtänyt kysymystä${term ? ` "${term}"` : ''}. Kysy esimerkiksi: ${examples
            .slice(0, 3)
            .map((e) => `"${e.ask}"`)
            .join(', ')}.`
        : `I did not understand${term ? ` "${term}"` : ' the question'}. Try for example: ${examples
            .slice(0, 3)
            .map((e) => `"${e.ask}"`)
            .join(', ')}.`,
    ],
    options: examples.slice(0, 4),
  });
  if (!u.partial) delete answer.query;
  return answer;
}
