import type { Answer, AnswerFigure } from '../domain/answer';
import type { AnswerBodyKind, BodyOf, FigureRef } from '../domain/answer-body';

/** The figure an answer body refers to by index. */
export function figureAt(answer: Answer, ref: FigureRef): AnswerFigure {
  const figure = answer.figures[ref];
  if (!figure) throw new Error(`answer body refers to figure ${ref} of ${answer.figures.length}`);
  return figure;
}

/** The answer's body, which a card's data builder expects to be of one of `kinds`. */
export function bodyOf<K extends AnswerBodyKind>(answer: Answer, ...kinds: K[]): BodyOf<K> {
  const body = answer.body;
  if (!(kinds as AnswerBodyKind[]).includes(body.kind))
    throw new Error(`a ${kinds.join('/')} card cannot show a ${body.kind} answer`);
  return body as BodyOf<K>;
}
