import type { Answer, Query } from '../domain';

/** What a conversation needs of the assistant: one turn at a time. */
export interface Asker {
  ask(text: string, previous: Query | null): Answer;
}

/** Answers the turns of one conversation in order, each with the previous answer's query as context. */
export function askConversation(assistant: Asker, turns: string[]): Answer[] {
  let previous: Query | null = null;
  return turns.map((turn) => {
    const answer = assistant.ask(turn, previous);
    previous = answer.query ?? previous;
    return answer;
  });
}

/** One line of --jsonl input → its answers; a line that is not a JSON array of strings gets one explaining answer. */
export function answerJsonLine(assistant: Asker, line: string): Answer[] {
  let turns: unknown;
  try {
    turns = JSON.parse(line);
  } catch {
    return [badLine('the line is not JSON')];
  }
  if (typeof turns === 'string') turns = [turns];
  if (!Array.isArray(turns) || turns.length === 0 || !turns.every((t) => typeof t === 'string'))
    return [badLine('the line must be a JSON array of question strings')];
  return askConversation(assistant, turns as string[]);
}

/** The answer standing in for an input line that could not be read, so output lines stay aligned. */
export function badLine(why: string): Answer {
  return {
    status: 'not_found',
    lang: 'en',
    intent: null,
    title: 'Bad input line',
    text: `Could not read this input line: ${why}.`,
    figures: [],
    derived: {},
    options: [],
    body: { kind: 'notFound', reason: 'nothing', term: null },
    notes: [],
  };
}
