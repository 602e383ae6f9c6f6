import { type Answer, emptyQuery, formatDate, type Lang, type Option, type Query } from '../domain';
import type { Understanding } from '../understanding';
import { buildAnswer } from './answer-builder';
import type { AnswerIndex } from './answer-index';
import { answerQuery } from './answer-query';
import { exampleQuestions } from './conversation-answer';
import { latestAsOf } from './data-info-answer';
import { messages } from './messages';
import { accountWord, CORE_ACCOUNTS } from './phrases';
import { safeEcho } from './safe-echo';

/** The question a "closest name" button sends: the partial question with that name in it. */
function askFor(name: string, partial: Query | null, lang: Lang): string {
  const years = partial?.years.length ? partial.years.join(messages(lang).and) : '';
  // A row label (Avustukset) belongs to the service area, not to a cost centre offered instead.
  if (partial?.account && (CORE_ACCOUNTS as readonly string[]).includes(partial.account))
    return messages(lang).rowQuestion(name, accountWord(partial.account, lang), years);
  return [name, years].filter((p) => p).join(' ');
}

/**
 * An answer for one account of a question that named more ("tulot ja menot"): it says so, and
 * offers each other account as a button, rather than dropping it unsaid.
 */
function withOtherAccounts(answer: Answer, query: Query, others: string[]): Answer {
  const m = messages(query.lang);
  const words = others.map((a) => accountWord(a, query.lang));
  // A ranking is asked again as a ranking; other questions by their subjects.
  const subjects =
    query.intent === 'ranking'
      ? m.rankingWord(query.order === 'asc')
      : query.subjects.map((s) => s.name).join(m.and);
  const years = query.years.join(m.and);
  const options: Option[] = others.map((account, i) => ({
    label: capitalise(words[i] ?? account),
    ask:
      query.intent === 'ranking'
        ? [subjects, words[i], years].filter((p) => p).join(' ')
        : m.rowQuestion(subjects, words[i] ?? account, years),
  }));
  return {
    ...answer,
    notes: [...answer.notes, m.otherAccounts(words)],
    options: [...options, ...answer.options],
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The question back for a question that named no subject ("paljonko on käytetty?"): the whole
 * service area first, then every cost centre, each asked by its name alone (a follow-up of the
 * question, which the answer keeps as its context).
 */
function whichSubject(partial: Query, index: AnswerIndex): Answer {
  const lang = partial.lang;
  const m = messages(lang).understanding;
  const areas = index.serviceAreas.map((a) => a.name);
  const options: Option[] = [
    ...areas.map((name) => ({ label: m.wholeArea(name), ask: name })),
    ...index.costCentres.map((cc) => ({ label: cc.name, ask: cc.name })),
  ];
  return {
    status: 'clarify',
    lang,
    intent: partial.intent,
    title: m.whichSubjectTitle,
    text: m.whichSubject(areas),
    figures: [],
    derived: {},
    options,
    body: { kind: 'clarify', term: '', asks: 'subject' },
    notes: [],
    query: partial,
  };
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
  const m = messages(lang).understanding;
  const term = safeEcho(u.term);
  if (u.kind === 'clarify' && u.asks === 'subject') return whichSubject(u.partial, index);
  if (u.kind === 'clarify') {
    return {
      status: 'clarify',
      lang,
      intent: u.partial.intent,
      title: m.clarifyTitle,
      text: m.clarify(
        term,
        u.options.map((o) => o.label),
      ),
      figures: [],
      derived: {},
      options: u.options,
      body: { kind: 'clarify', term },
      notes: [],
      query: u.partial,
    };
  }
  const query = u.partial ?? emptyQuery(lang, '', 'help');
  if (u.what === 'measure' && u.partial) {
    const subject = u.partial.subjects.map((x) => x.name).join(messages(lang).and);
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'measure', term },
      intent: u.partial.intent,
      title: m.notInDataTitle,
      sentences: [m.unknownMeasure(subject, term)],
      options: CORE_ACCOUNTS.map((a) => ({
        label: `${subject}: ${accountWord(a, lang)}`,
        ask: messages(lang).rowQuestion(subject, accountWord(a, lang)),
      })),
    });
  }
  if (u.what === 'date' && u.partial && u.noSuchDate) {
    const offered = u.noSuchDate.offered;
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'period', term },
      intent: u.partial.intent,
      title: m.noSuchDateTitle,
      sentences: [
        m.noSuchDate(
          term,
          u.noSuchDate.month,
          u.noSuchDate.days,
          offered.map((o) => o.label),
        ),
      ],
      options: offered,
    });
  }
  if (u.what === 'money' && u.partial && u.inMoney) {
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'measure', term },
      intent: u.partial.intent,
      title: m.notInDataTitle,
      sentences: [m.countNotMoney(term, u.inMoney.label)],
      options: u.inMoney.offered,
    });
  }
  if (u.what === 'period' && u.partial) {
    // Offer the same question at the newest date the data has.
    const latest = latestAsOf(index);
    const date = latest ? formatDate(latest, lang) : null;
    const subject = u.partial.subjects.map((x) => x.name).join(messages(lang).and);
    const word = accountWord(u.partial.account ?? 'MENOT', lang);
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'period', term },
      intent: u.partial.intent,
      title: m.notInDataTitle,
      sentences: [m.periodTooFine(term, date)],
      options:
        date && subject
          ? [{ label: `${subject}: ${word} ${date}`, ask: messages(lang).rowQuestion(subject, word, date) }]
          : [],
    });
  }
  if (u.what === 'costCentre') {
    const closest = u.closest.slice(0, 5);
    // Nothing really close: what the data covers, and every cost centre to pick from instead.
    const offered = closest.length > 0 ? closest : index.costCentres.map((cc) => cc.name);
    return buildAnswer(index, query, {
      body: { kind: 'notFound', reason: 'name', term },
      intent: u.partial?.intent ?? null,
      title: m.nameNotFoundTitle,
      sentences: [
        m.nameNotFound(
          term,
          closest,
          index.serviceAreas.map((a) => a.name),
          index.costCentres.length,
        ),
      ],
      options: offered.map((name) => ({ label: name, ask: askFor(name, u.partial, lang) })),
    });
  }
  const examples = exampleQuestions(index, lang);
  const answer = buildAnswer(index, query, {
    body: { kind: 'notFound', reason: 'nothing', term: term || null },
    intent: null,
    title: m.notUnderstoodTitle,
    sentences: [
      m.notUnderstood(
        term,
        examples.slice(0, 3).map((e) => e.ask),
      ),
    ],
    options: examples.slice(0, 4),
  });
  if (!u.partial) delete answer.query;
  return answer;
}
