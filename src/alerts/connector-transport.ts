import { type RequestLike, ResponseHeaders } from '../bot/connector-http-shapes';
import { DeliveryError } from './notifier';
import { DEFAULT_RETRY_POLICY, parseRetryAfter } from './retry-policy';

/** Network failures that happen before a request leaves: the channel cannot have the message. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The error code fetch's failure carries (on itself or its cause). */
function codeOf(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Whether a failed fetch may have delivered: a timeout, or a socket lost after the request was
 * written, may have; a refused or unresolvable connection cannot have.
 */
export function mayHaveArrived(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  const code = codeOf(err);
  return code === null || !NOT_SENT_CODES.has(code);
}

/**
 * The HTTP transport under botbuilder's Connector client, for proactive alerts only. The
 * client's own pipeline retries 429 and 5xx up to three times unseen, which would bypass our
 * rate limits and make one "attempt" several calls. This transport answers every failure
 * status by throwing a DeliveryError (not a RestError, which the pipeline would retry), so each
 * HTTP call is exactly one attempt of the AlertSender, whose retries are counted and rate-limited.
 */
export class ConnectorTransport {
  constructor(private readonly timeoutMs = DEFAULT_RETRY_POLICY.attemptTimeoutMs) {}

  async sendRequest(
    request: RequestLike,
  ): Promise<{ request: RequestLike; status: number; headers: ResponseHeaders; bodyAsText: string }> {
    let res: Response;
    try {
      res = await fetch(request.url, {
        method: request.method,
        headers: request.headers.rawHeaders(),
        body:
          typeof request.body === 'string'
            ? request.body
            : request.body === undefined || request.body === null
              ? undefined
              : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // No answer. Refused connections are retried by the sender; a timeout or a lost socket
      // is uncertain (the message may be in the conversation already) and is not.
      const ambiguous = mayHaveArrived(err);
      const code = codeOf(err);
      const what = err instanceof Error ? err.message : String(err);
      throw new DeliveryError(
        ambiguous
          ? `connector did not answer (${code ?? what}); the message may have arrived`
          : `connector unreachable (${code ?? what})`,
        null,
        null,
        ambiguous,
      );
    }
    const bodyAsText = await res.text().catch(() => '');
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    if (res.status >= 400) {
      throw new DeliveryError(
        `connector answered ${res.status} ${res.statusText}`.trim(),
        res.status,
        parseRetryAfter(headers['retry-after'], Date.now()),
      );
    }
    return { request, status: res.status, headers: new ResponseHeaders(headers), bodyAsText };
  }
}
