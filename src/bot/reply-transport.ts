/**
 * The HTTP transport under botbuilder's Connector client for the bot's replies. botbuilder
 * waits for the Bot Connector without any time limit (a connector that never answers holds the
 * turn, and shutdown, forever) and retries throttling for as long as Retry-After says. Here each
 * call is bounded: it ends by its deadline (within the 15 s Teams gives a turn), 429 / 5xx and
 * connections that never reached the connector are retried with backoff (Retry-After honoured
 * up to the deadline), each retry is logged, and when the deadline has passed the call fails
 * with a ReplyDeliveryError, which the client's own pipeline does not retry again.
 *
 * A call that got no answer in time is not sent again: the connector may well have taken it
 * (a slow connector acks late), and a second try would show the user the answer twice. A
 * slow connector therefore gets the whole deadline for one attempt.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Logger } from 'pino';
import { type RequestLike, ResponseHeaders } from './connector-http-shapes';
import type { ServiceUrlPolicy } from './service-url-policy';

/** How hard to try one call to the Bot Connector. */
export interface ReplyPolicy {
  /** One attempt may take this long. */
  attemptTimeoutMs: number;
  /** Attempts at most, the first included. */
  maxAttempts: number;
  /** The whole call, retries and waits included, ends by then. */
  deadlineMs: number;
  /** First backoff; doubled on each retry (with jitter) unless the connector says Retry-After. */
  backoffMs: number;
}

/**
 * Defaults: Teams gives a bot 15 s to answer its request, and botbuilder answers it only after
 * the turn, replies included: the reply's 10 s leave room for the turn's own work. One attempt
 * may take them all (a slow connector is still a connector that takes the reply).
 */
export const DEFAULT_REPLY_POLICY: ReplyPolicy = {
  attemptTimeoutMs: 10_000,
  maxAttempts: 3,
  deadlineMs: 10_000,
  backoffMs: 250,
};

/** A reply the Bot Connector did not take, after the retries. */
export class ReplyDeliveryError extends Error {
  override readonly name = 'ReplyDeliveryError';
  constructor(
    message: string,
    /** The connector's last status; null = no answer (timeout or network). */
    readonly statusCode: number | null,
  ) {
    super(message);
  }
}

/** Statuses worth another try: throttled, or the connector's own trouble. */
const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

/** Retry-After as milliseconds (seconds or an HTTP date), or null. */
function retryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Where a call goes, without anything a user wrote: the operation's path, conversation id masked. */
function target(request: RequestLike): string {
  try {
    const path = new URL(request.url).pathname.replace(/\/conversations\/[^/]+/, '/conversations/…');
    return `${request.method} ${path}`;
  } catch {
    return request.method;
  }
}

// Connections to the Bot Connector are kept open between calls: each turn makes two (typing,
// answer), and a new TLS handshake per call would cost more than the turn itself. Node's agent
// honours the server's Keep-Alive timeout hint (closing an idle socket a second before the
// server would) only when the agent has a timeout of its own; without one, a reused socket can
// meet the server's close.
// No cap on sockets: a cap queues replies behind slow ones, and a queued reply spends its
// deadline waiting; concurrency is already bounded by the requests the server is handling.
const AGENT_OPTIONS = { keepAlive: true, timeout: 60_000 };
const httpAgent = new HttpAgent(AGENT_OPTIONS);
const httpsAgent = new HttpsAgent(AGENT_OPTIONS);

/** A failed attempt that got no answer in time. */
class AttemptTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/** Network failures after which the connector cannot have the request: safe to send again. */
const NEVER_ARRIVED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether a failed attempt certainly did not reach the connector. A kept-alive socket that the
 * connector closed just as it was reused fails with ECONNRESET before the request is read
 * (Node's documented case for a retry); any other failure may have come after the connector took it.
 */
function neverArrived(err: unknown, reusedSocket: boolean): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return NEVER_ARRIVED.has(code) || (reusedSocket && code === 'ECONNRESET');
}

function lowerCaseHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * One HTTP attempt with node:http(s) and a keep-alive agent (fetch's web streams cost several
 * times more CPU per call, which shows at a few hundred turns a second).
 */
function sendOnce(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; headers: Record<string, string>; bodyAsText: string }> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const outgoing =
      body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = send(target, { method, headers: outgoing, agent: secure ? httpsAgent : httpAgent }, (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: lowerCaseHeaders(res.headers),
          bodyAsText: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    const timer = setTimeout(() => req.destroy(new AttemptTimeout('did not answer in time')), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(Object.assign(err, { retrySafe: !responded && neverArrived(err, req.reusedSocket) }));
    });
    req.end(body);
  });
}

/** What the bot's calls to the Bot Connector have met since start, for /healthz. */
export interface ConnectorHealth {
  calls: number;
  /** Calls that needed more than one attempt. */
  retried: number;
  /** Calls given up after every attempt. */
  failed: number;
  /** Calls refused before sending: their serviceUrl is not one the bot may reply to. */
  refused: number;
  lastFailure: { at: string; problem: string } | null;
}

/** The Connector client's httpClient for the bot's replies. */
export class ReplyTransport {
  private readonly policy: ReplyPolicy;
  private readonly stats: ConnectorHealth = {
    calls: 0,
    retried: 0,
    failed: 0,
    refused: 0,
    lastFailure: null,
  };

  constructor(
    private readonly logger: Logger,
    policy: Partial<ReplyPolicy> = {},
    /** Where replies may go; the request gate has checked the activity, this checks every call. */
    private readonly serviceUrls: ServiceUrlPolicy | null = null,
  ) {
    this.policy = { ...DEFAULT_REPLY_POLICY, ...policy };
  }

  /** Counts since start and the last failure (a copy). */
  health(): ConnectorHealth {
    return { ...this.stats, lastFailure: this.stats.lastFailure ? { ...this.stats.lastFailure } : null };
  }

  async sendRequest(
    request: RequestLike,
  ): Promise<{ request: RequestLike; status: number; headers: ResponseHeaders; bodyAsText: string }> {
    const { attemptTimeoutMs, maxAttempts, deadlineMs, backoffMs } = this.policy;
    const deadline = Date.now() + deadlineMs;
    const body =
      typeof request.body === 'string'
        ? request.body
        : request.body === undefined || request.body === null
          ? undefined
          : JSON.stringify(request.body);
    let lastStatus: number | null = null;
    let lastProblem = '';
    if (this.serviceUrls && !this.serviceUrls.allows(request.url)) {
      this.stats.refused += 1;
      throw new ReplyDeliveryError('Bot Connector call refused: not an allowed serviceUrl', null);
    }
    this.stats.calls += 1;
    for (let attempt = 1; ; attempt++) {
      const timeLeft = deadline - Date.now();
      let wait: number | null = null;
      // An answered refusal (429, 5xx) was not taken: another try cannot double it.
      let retrySafe = true;
      try {
        const res = await sendOnce(
          request.url,
          request.method,
          request.headers.rawHeaders(),
          body,
          Math.max(1, Math.min(attemptTimeoutMs, timeLeft)),
        );
        const { headers, bodyAsText } = res;
        if (!RETRYABLE.has(res.status)) {
          // Success, or a refusal another try cannot change (401, 403, 404): the client decides.
          return { request, status: res.status, headers: new ResponseHeaders(headers), bodyAsText };
        }
        lastStatus = res.status;
        lastProblem = `answered ${res.status}`;
        wait = retryAfterMs(headers['retry-after'], Date.now());
      } catch (err) {
        lastStatus = null;
        lastProblem =
          err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
            ? 'did not answer in time'
            : `unreachable (${err instanceof Error ? err.message : String(err)})`;
        retrySafe = (err as { retrySafe?: unknown }).retrySafe === true;
      }
      const delay = wait ?? backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
      const giveUp = !retrySafe || attempt >= maxAttempts || Date.now() + delay >= deadline;
      this.logger.warn(
        { call: target(request), attempt, status: lastStatus, retryInMs: giveUp ? null : Math.round(delay) },
        giveUp ? 'bot connector call failed; giving up' : 'bot connector call failed; retrying',
      );
      if (attempt === 1 && !giveUp) this.stats.retried += 1;
      if (giveUp) {
        const problem = `Bot Connector ${lastProblem} after ${attempt} attempt${attempt === 1 ? '' : 's'}`;
        this.stats.failed += 1;
        this.stats.lastFailure = { at: new Date().toISOString(), problem };
        throw new ReplyDeliveryError(problem, lastStatus);
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
