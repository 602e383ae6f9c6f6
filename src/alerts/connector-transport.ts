import { type RequestLike, ResponseHeaders } from '../bot/connector-http-shapes';
import { DeliveryError } from './notifier';
import { parseRetryAfter } from './retry-policy';

/**
 * The HTTP transport under botbuilder's Connector client, for proactive alerts only. The
 * client's own pipeline retries 429 and 5xx up to three times unseen, which would bypass our
 * rate limits and make one "attempt" several calls. This transport answers every failure
 * status by throwing a DeliveryError (not a RestError, which the pipeline would retry), so each
 * HTTP call is exactly one attempt of the AlertSender, whose retries are counted and rate-limited.
 */
export class ConnectorTransport {
  constructor(private readonly timeoutMs = 15_000) {}

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
      // Timeouts and network failures: status null, retried by the sender.
      throw new DeliveryError(
        `connector unreachable: ${err instanceof Error ? err.message : String(err)}`,
        null,
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
