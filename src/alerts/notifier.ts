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
 * A failed delivery attempt. `status` is the HTTP status of the channel's answer, or null for a
 * timeout or a network failure; `retryAfterMs` is the channel's Retry-After, when it sent one.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** How a failed attempt is handled: tried again, the conversation is gone (pause), or give up now. */
export type FailureKind = 'retry' | 'gone' | 'permanent';

/** 429, 5xx, timeouts and network errors are transient; 403/404 mean the bot was removed. */
export function classifyFailure(err: unknown): FailureKind {
  if (!(err instanceof DeliveryError)) return 'permanent';
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
