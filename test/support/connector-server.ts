/**
 * A local Bot Connector: a node:http server speaking the parts of the Bot Framework
 * Connector REST API a bot calls (send to / reply in a conversation, update, delete, create
 * conversation). It records every call, and can be told how to answer the next calls (429
 * with Retry-After, 500, 403, delays, a socket dropped without an answer) so that retry and
 * proactive-delivery code can be tested against a real HTTP peer. Point an activity's
 * serviceUrl at `url`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One activity (or other body) the bot sent, as received. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** The operation the path names. */
  operation:
    | 'sendToConversation'
    | 'replyToActivity'
    | 'updateActivity'
    | 'deleteActivity'
    | 'createConversation'
    | 'other';
  conversationId: string | null;
  /** replyToActivity: the id replied to; update/delete: the activity id. */
  activityId: string | null;
  authorization: string | null;
  body: Record<string, unknown> | null;
  /** The status this server answered with; 0 when it dropped the socket without answering. */
  status: number;
  at: number;
}

/** How to answer a call instead of the default 200/201 with an id. */
export interface PlannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (to test timeouts and slow peers). */
  delayMs?: number;
  /**
   * Answer only once this settles (after delayMs): the test decides when the connector answers,
   * so that "still waiting" holds however fast or slow the machine is.
   */
  until?: Promise<unknown>;
  /** Drop the connection instead of answering (after delayMs): the caller cannot know whether it arrived. */
  dropSocket?: boolean;
}

/** A planned response and which calls it applies to. */
export interface ResponsePlan extends PlannedResponse {
  /** How many matching calls to answer this way; default 1; Infinity = until cleared. */
  times?: number;
  /** Only calls for which this holds; default every call. */
  when?: (call: Omit<ConnectorCall, 'status' | 'at'>) => boolean;
}

interface ActivePlan extends ResponsePlan {
  remaining: number;
}

const ROUTES: Array<{ method: string; pattern: RegExp; operation: ConnectorCall['operation'] }> = [
  { method: 'POST', pattern: /^\/v3\/conversations\/?$/, operation: 'createConversation' },
  {
    method: 'POST',
    pattern: /^\/v3\/conversations\/([^/]+)\/activities\/?$/,
    operation: 'sendToConversation',
  },
  {
    method: 'POST',
    pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)\/?$/,
    operation: 'replyToActivity',
  },
  {
    method: 'PUT',
    pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)\/?$/,
    operation: 'updateActivity',
  },
  {
    method: 'DELETE',
    pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)\/?$/,
    operation: 'deleteActivity',
  },
];

/** The local Bot Connector server. */
export class ConnectorServer {
  /** Every call answered, in order. */
  readonly calls: ConnectorCall[] = [];
  /** Every call as it arrived, before any planned delay: shows a call still waiting for its answer. */
  readonly received: Array<Omit<ConnectorCall, 'status' | 'at'>> = [];
  private plans: ActivePlan[] = [];
  private waiters: Array<() => void> = [];
  private nextId = 1;

  private constructor(
    private readonly server: Server,
    /** Base URL to use as serviceUrl, with a trailing slash. */
    readonly url: string,
  ) {}

  /** Starts a connector on a free loopback port. */
  static async start(): Promise<ConnectorServer> {
    let self: ConnectorServer | null = null;
    const server = createServer((req, res) => {
      void self?.handle(req, res);
    });
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new ConnectorServer(server, `http://127.0.0.1:${port}/`);
    return self;
  }

  /** Answers the next matching call(s) as planned; plans are used in the order given. */
  plan(plan: ResponsePlan): void {
    this.plans.push({ ...plan, remaining: plan.times ?? 1 });
  }

  /** Forgets the calls and the plans. */
  reset(): void {
    this.calls.length = 0;
    this.received.length = 0;
    this.plans = [];
  }

  /** Activities successfully delivered (2xx), optionally for one conversation. */
  activities(conversationId?: string): Array<Record<string, unknown>> {
    return this.calls
      .filter(
        (c) => c.status >= 200 && c.status < 300 && c.body !== null && c.operation !== 'createConversation',
      )
      .filter((c) => conversationId === undefined || c.conversationId === conversationId)
      .map((c) => c.body as Record<string, unknown>);
  }

  /** Delivered activities other than typing indicators. */
  messages(conversationId?: string): Array<Record<string, unknown>> {
    return this.activities(conversationId).filter((a) => a.type !== 'typing');
  }

  /** Waits until `predicate` holds over the calls received so far (answered or not), or times out. */
  async waitForReceived(
    predicate: (received: Array<Omit<ConnectorCall, 'status' | 'at'>>) => boolean,
    timeoutMs = 10_000,
  ): Promise<void> {
    await this.waitFor(() => predicate(this.received), timeoutMs);
  }

  /** Waits until `predicate` holds over the recorded calls (checked on every call), or times out. */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`connector: condition not met within ${timeoutMs} ms (${this.calls.length} calls)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for `count` delivered non-typing messages in a conversation and returns them. */
  async waitForMessages(
    conversationId: string,
    count: number,
    timeoutMs = 10_000,
  ): Promise<Array<Record<string, unknown>>> {
    await this.waitFor(() => this.messages(conversationId).length >= count, timeoutMs);
    return this.messages(conversationId);
  }

  /** Stops the server. */
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const route = ROUTES.map((r) => ({ r, m: r.method === method ? r.pattern.exec(path) : null })).find(
      (x) => x.m,
    );
    let body: Record<string, unknown> | null = null;
    try {
      body = raw.length > 0 ? (JSON.parse(raw) as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    const operation = route?.r.operation ?? 'other';
    const conversationId =
      operation === 'createConversation' ? null : route?.m?.[1] ? decodeURIComponent(route.m[1]) : null;
    const activityId = route?.m?.[2] ? decodeURIComponent(route.m[2]) : null;
    const call = {
      method,
      path,
      operation,
      conversationId,
      activityId,
      authorization: req.headers.authorization ?? null,
      body,
    };

    this.received.push(call);
    this.wake();
    const planned = this.takePlan(call);
    let status: number;
    let headers: Record<string, string> = { 'content-type': 'application/json' };
    let payload: unknown;
    if (planned) {
      if (planned.delayMs) await new Promise((r) => setTimeout(r, planned.delayMs));
      if (planned.until) await planned.until.catch(() => undefined);
      if (planned.dropSocket) {
        this.calls.push({ ...call, status: 0, at: Date.now() });
        req.socket.destroy();
        this.wake();
        return;
      }
      status = planned.status;
      headers = { ...headers, ...planned.headers };
      payload = planned.body ?? { error: { code: `status${planned.status}`, message: 'planned response' } };
    } else if (!route) {
      status = 404;
      payload = { error: { code: 'NotFound', message: `no such operation: ${method} ${path}` } };
    } else if (operation === 'createConversation') {
      status = 201;
      payload = { id: `conv-${this.nextId++}`, activityId: `act-${this.nextId++}`, serviceUrl: this.url };
    } else if (operation === 'deleteActivity') {
      status = 200;
      payload = {};
    } else {
      status = operation === 'updateActivity' ? 200 : 201;
      payload = { id: operation === 'updateActivity' ? activityId : `act-${this.nextId++}` };
    }
    this.calls.push({ ...call, status, at: Date.now() });
    res.writeHead(status, headers);
    res.end(JSON.stringify(payload));
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private takePlan(call: Omit<ConnectorCall, 'status' | 'at'>): ActivePlan | null {
    const plan = this.plans.find((p) => p.remaining > 0 && (p.when ? p.when(call) : true));
    if (!plan) return null;
    plan.remaining -= 1;
    this.plans = this.plans.filter((p) => p.remaining > 0);
    return plan;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
