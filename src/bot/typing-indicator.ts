/**
 * "Typing…" only when the answer keeps the user waiting, and never at the answer's expense.
 * Sending it first and waiting for the Bot Connector to take it spent the turn's time on a
 * call that carries nothing: with a slow connector the answer then missed its deadline. Here
 * the typing activity is sent only if the work is still running after a short delay, it is
 * not waited for, and its failure is only noted.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';

/** Answers quicker than this need no typing indicator. */
export const TYPING_DELAY_MS = 500;

/** Runs `work`; if it is still running after `delayMs`, sends a typing activity beside it. */
export async function typingWhile<T>(
  context: TurnContext,
  work: () => Promise<T>,
  onFailure: (err: unknown) => void,
  delayMs = TYPING_DELAY_MS,
): Promise<T> {
  const timer = setTimeout(() => {
    context.sendActivity({ type: ActivityTypes.Typing }).catch(onFailure);
  }, delayMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
  }
}
