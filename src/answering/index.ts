/** Answering: Query + store → exact Answer with provenance. Pure; knows nothing of botbuilder or cards. */

export { emptyQuery } from '../domain/query';
export { type AnswerIndex, buildAnswerIndex } from './answer-index';
export { answerQuery } from './answer-query';
export { answerUnderstanding } from './answer-understanding';
export { exampleQuestions } from './conversation-answer';
export { type AnswerMessages, messages } from './messages';
export { safeEcho } from './safe-echo';
