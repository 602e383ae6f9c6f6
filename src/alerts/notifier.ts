/**
 * One proactive message: its Adaptive Cards (one per cost centre) and text for what no card
 * shows (the whole message when there are no cards; empty when the cards say it all), and the
 * notification preview.
 */
export interface AlertMessage {
  text: string;
  cards: object[];
  /** Notification and chat-list preview; defaults to the text's first line. */
  summary?: string;
}

/**
 * A failed delivery attempt. `status` is the HTTP status of the channel's answer, or null when
 * there was none; `retryAfterMs` is the channel's Retry-After, when it sent one. `ambiguous`
 * says the request may have reached the channel before it failed (a timeout, a socket lost
 * after sending): the message may have arrived, so it must not be sent again blindly.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
    readonly ambiguous = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * How a failed attempt is handled: tried again, the conversation is gone (pause), give up now,
 * or stop as uncertain (it may have arrived: recorded, never repeated blindly).
 */
export type FailureKind = 'retry' | 'gone' | 'permanent' | 'uncertain';

/**
 * A timeout or a socket lost after the request left is uncertain; 429, 5xx and failures to
 * connect at all are transient (the channel has not taken the message); 403/404 mean the bot
 * was removed.
 */
export function classifyFailure(err: unknown): FailureKind {
  if (!(err instanceof DeliveryError)) return 'permanent';
  if (err.ambiguous) return 'uncertain';
  if (err.status === null || err.status === 429 || err.status >= 500) return 'retry';
  if (err.status === 403 || err.status === 404) return 'gone';
  return 'permanent';
}

/** Sends a message into a stored conversation; throws DeliveryError when the channel refuses. */
export interface Notifier {
  send(conversationId: string, message: AlertMessage): Promise<void>;
}

/** A Notifier that keeps what it was asked to send: for tests and dry runs. */
export class InMemoryNotifier implements Notifier {
  readonly sent: { conversationId: string; message: AlertMessage }[] = [];

  async send(conversationId: string, message: AlertMessage): Promise<void> {
    this.sent.push({ conversationId, message });
  }
}
