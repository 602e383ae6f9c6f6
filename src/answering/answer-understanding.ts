import { type Answer, emptyQuery, type Lang, type Option, type Query } from '../domain';
import type { Understanding } from '../understanding';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { answerQuery } from './answer-query';
import { exampleQuestions } from './conversation-answer';
import { accountWord, CORE_ACCOUNTS } from './phrases';
import { safeEcho } from './safe-echo';

/** The question a "closest name" button sends: the partial question with that name in it. */
function askFor(name: string, partial: Query | null, lang: Lang): string {
  const parts = [name];
  // A row label (Avustukset) belongs to the service area, not to a cost centre offered instead.
  if (partial?.account && (CORE_ACCOUNTS as readonly string[]).includes(partial.account))
    parts.push(accountWord(partial.account, lang));
  if (partial?.years.length) parts.push(partial.years.join(lang === 'fi' ? ' ja ' : ' and '));
  return parts.join(' ');
}

/**
 * An answer for one account of a question that named more ("tulot ja menot"): it says so, and
 * offers each other account as a button, rather than dropping it unsaid.
 */
function withOtherAccounts(answer: Answer, query: Query, others: string[]): Answer {
  const lang = query.lang;
  const words = others.map((a) => accountWord(a, lang));
  const note =
    lang === 'fi'
      ? `Kysymyksessä oli myös ${words.join(' ja ')}: vastaan yhdestä tilistä kerrallaan, ${words.length === 1 ? 'toinen' : 'muut'} painikkeesta.`
      : `You also asked about ${words.join(' and ')}: I answer one account at a time; use the button for ${words.length === 1 ? 'the other' : 'the others'}.`;
  // A ranking is asked again as a ranking; other questions by their subjects.
  const ranking =
    query.intent === 'ranking'
      ? lang === 'fi'
        ? query.order === 'asc'
          ? 'pienimmät'
          : 'suurimmat'
        : query.order === 'asc'
          ? 'smallest'
          : 'largest'
      : '';
  const subjects = ranking || query.subjects.map((s) => s.name).join(lang === 'fi' ? ' ja ' : ' and ');
  const years = query.years.join(lang === 'fi' ? ' ja ' : ' and ');
  const options: Option[] = others.map((account, i) => ({
    label: capitalise(words[i] ?? account),
    ask: [subjects, words[i], years].filter((p) => p).join(' '),
  }));
  return { ...answer, notes: [...answer.notes, note], options: [...options, ...answer.options] };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Answers any outcome of understanding: a query, a clarification with buttons, or not found with what exists. */
export function answerUnderstanding(u: Understanding, index: AnswerIndex): Answer {
  if (u.kind === 'query') {
    const answer = answerQuery(u.query, index);
    return u.alsoAsked && answer.status === 'answer'
      ? withOtherAccounts(answer, u.query, u.alsoAsked)
      : answer;
  }
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
  if (u.what === 'measure' && u.partial) {
    const subject = u.partial.subjects.map((x) => x.name).join(lang === 'fi' ? ' ja ' : ' and ');
    const accounts = CORE_ACCOUNTS;
    return buildAnswer(index, query, {
      status: 'not_found',
      intent: u.partial.intent,
      title: lang === 'fi' ? 'Tietoa ei ole' : 'Not in the data',
      sentences: [
        lang === 'fi'
          ? `En tunnista, mitä kohteesta ${subject} kysytään ("${term}"): aineistossa on sille menot, tulot ja nettomenot, talousarvio ja toteuma.`
          : `I cannot tell what is asked about ${subject} ("${term}"): the data has its expenses, revenue and net expenses, budget and actuals.`,
      ],
      options: accounts.map((a) => ({
        label: `${subject}: ${accountWord(a, lang)}`,
        ask: `${subject} ${accountWord(a, lang)}`,
      })),
    });
  }
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
