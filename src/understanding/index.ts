/** Understanding: a message and the previous query in, a Query, clarification or not-found out. Pure. */

export { type Lexicon, loadAliases, loadLexicon } from './lexicon';
export type { Understanding } from './understand';
export { MAX_TEXT_LENGTH, understand } from './understand';
export type { UnderstandingIndex, UnderstandingOptions } from './understanding-index';
export { buildUnderstandingIndex } from './understanding-index';
