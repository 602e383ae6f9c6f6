import type { AnswerBodyKind } from './answer-body';
import type { Intent } from './query';

/** Query fields only some kinds read; a follow-up keeps them only while its kind does. */
export type QueryExtra =
  | 'ranking' // topN, order, rankBy
  | 'side' // over or under budget
  | 'combine' // subjects together, or a share of the last
  | 'subscription' // threshold, quietDays
  | 'dataTopic' // which part of the data is asked (in topic)
  | 'term'; // which glossary term is asked (in topic)

/**
 * What one kind of question is (the understanding side of the intent registry; cue words are
 * in data/lexicon/intents.json, the answer function in ANSWERERS of src/answering/answer-query.ts).
 */
export interface QuestionKind {
  /** data: about figures or the documents; chat: greeting, thanks, help; command: alert subscriptions. */
  group: 'data' | 'chat' | 'command';
  /**
   * required: about named subjects (words where a name should be are a name we lack);
   * all: ranges over every cost centre (a named area narrows it); optional: may name one;
   * none: names nothing.
   */
  subject: 'required' | 'all' | 'optional' | 'none';
  /** inherit: a follow-up keeps the conversation's period; own: the kind's default period (all years, the open year). */
  period: 'inherit' | 'own';
  /** The query fields the kind reads besides subject, account and period. */
  extras: readonly QueryExtra[];
  /** An unclear or partly matched name is asked back (a what/why question needs no name). */
  clarifiesNames: boolean;
  /** An unknown word joined to a name ("Tietohallinnon ja kirjaston") is a name we lack. */
  checksNamesBeside: boolean;
  /** A greeting or thanks that also names data is a data question ("kiitos, entä 2020?"). */
  yieldsToData: boolean;
  /**
   * The kind changes state (alert subscriptions): it is read only from an unambiguous command,
   * never from a message that reads as a question (see readCommands in src/understanding).
   */
  changesState: boolean;
  /** The kind a question of this kind becomes when it names exactly one cost centre. */
  withOneSubject: Intent | null;
  /** The answer bodies (and so the cards) the kind's answers have, besides notFound. */
  bodies: readonly AnswerBodyKind[];
}

const aboutRows = {
  group: 'data',
  subject: 'required',
  period: 'inherit',
  extras: [],
  clarifiesNames: true,
  checksNamesBeside: true,
  yieldsToData: false,
  changesState: false,
  withOneSubject: null,
} as const;
const conversation = {
  group: 'chat',
  subject: 'none',
  period: 'inherit',
  extras: [],
  clarifiesNames: true,
  checksNamesBeside: true,
  yieldsToData: false,
  changesState: false,
  withOneSubject: null,
  bodies: ['message'],
} as const;
const rowBodies = ['figure', 'budgetVsActual', 'keyFigures', 'investmentPlan'] as const;

/** Every kind of question, by intent. A new intent does not compile until it has a row here. */
export const QUESTION_KINDS: { readonly [I in Intent]: QuestionKind } = {
  figure: {
    ...aboutRows,
    extras: ['combine'],
    bodies: [...rowBodies, 'yearChange', 'subjectComparison', 'monthAmount'],
  },
  budgetVsActual: { ...aboutRows, bodies: [...rowBodies, 'yearChange', 'subjectComparison', 'monthAmount'] },
  remaining: {
    ...aboutRows,
    period: 'own',
    bodies: [...rowBodies, 'yearChange', 'subjectComparison', 'monthAmount'],
  },
  forecast: {
    ...aboutRows,
    period: 'own',
    bodies: [...rowBodies, 'yearChange', 'subjectComparison', 'monthAmount'],
  },
  compare: { ...aboutRows, extras: ['combine'], bodies: ['yearChange', 'subjectComparison', ...rowBodies] },
  trend: { ...aboutRows, period: 'own', bodies: ['series', 'monthlySeries', ...rowBodies] },
  ranking: { ...aboutRows, subject: 'all', extras: ['ranking'], bodies: ['ranking'] },
  overBudget: {
    ...aboutRows,
    subject: 'all',
    period: 'own',
    extras: ['side'],
    withOneSubject: 'forecast',
    bodies: ['overBudgetList', 'budgetVsActual'],
  },
  prose: {
    ...aboutRows,
    subject: 'optional',
    clarifiesNames: false,
    checksNamesBeside: false,
    bodies: ['prose'],
  },
  dataInfo: { ...conversation, extras: ['dataTopic'], bodies: ['list', 'message'] },
  define: { ...conversation, extras: ['term'], bodies: ['message'] },
  help: { ...conversation, bodies: ['help'] },
  greeting: { ...conversation, yieldsToData: true, bodies: ['help'] },
  thanks: { ...conversation, yieldsToData: true },
  subscribe: {
    ...conversation,
    group: 'command',
    subject: 'optional',
    extras: ['subscription'],
    changesState: true,
  },
  unsubscribe: {
    ...conversation,
    group: 'command',
    subject: 'optional',
    checksNamesBeside: false,
    changesState: true,
  },
  listSubscriptions: { ...conversation, group: 'command' },
};

/** The registry entry of an intent. */
export function questionKind(intent: Intent): QuestionKind {
  return QUESTION_KINDS[intent];
}

/** Whether an intent is about the data (figures or documents), not conversation or commands. */
export function isDataIntent(intent: Intent): boolean {
  return QUESTION_KINDS[intent].group === 'data';
}

/** Whether an intent reads a query extra. */
export function readsExtra(intent: Intent, extra: QueryExtra): boolean {
  return QUESTION_KINDS[intent].extras.includes(extra);
}
