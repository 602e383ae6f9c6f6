import type { Lang } from '../../domain';
import { en } from './en';
import { fi } from './fi';
import type { AnswerMessages } from './types';

export type { AnswerMessages, ListSide } from './types';

/** The answering step's wording in a language. */
export function messages(lang: Lang): AnswerMessages {
  return lang === 'fi' ? fi : en;
}
