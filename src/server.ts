/**
 * The HTTP side: restify with the botbuilder CloudAdapter on POST /api/messages, GET /healthz
 * and /readyz, and the privacy and terms pages. Reads request bodies itself so that malformed
 * JSON gets 400 and an oversized body 413 before botbuilder sees them; checks token, serviceUrl
 * and tenant itself (src/bot/request-gate.ts) so that every refusal has a plain answer and no
 * stack trace; closes gracefully (stop accepting, finish turns, flush state).
 */
import type { AddressInfo } from 'node:net';
import {
  type Activity,
  type ActivityHandlerBase,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationConstants } from 'botframework-connector';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import { activityShapeProblem } from './bot/activity-shape';
import { botMessage, langFromLocale } from './bot/bot-messages';
import { BudgetTeamsBot } from './bot/budget-teams-bot';
import { OpenIdKeys, type OpenIdKeysOptions } from './bot/openid-keys';
import type { Assistant, CardRenderer } from './bot/ports';
import { QuestionRateLimit, SharedQuestionRateLimit } from './bot/question-rate-limit';
import { ReplyDeliveryError, type ReplyPolicy, ReplyTransport } from './bot/reply-transport';
import { RequestGate } from './bot/request-gate';
import { ReusingAuthentication } from './bot/reusing-authentication';
import { ServiceUrlPolicy } from './bot/service-url-policy';
import { SharedSlowDownNotices, SLOW_DOWN_WINDOW_MS } from './bot/slow-down-notices';
import type { SubscriptionCommands } from './bot/subscription-commands';
import { TenantGate } from './bot/tenant-gate';
import { ThrottledLog } from './bot/throttled-log';
import type { Config } from './config';
import { registerPolicyPages } from './policy-pages';
import type { StateBackend } from './store/state-ports';

/** Where the public cloud's channel tokens come from (botbuilder's defaults). */
const CHANNEL_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';
const PUBLIC_AZURE_CALLER_ID = 'urn:botframework:azure';

/** What the server is built from. */
export interface BotServerOptions {
  config: Config;
  assistant: Assistant;
  cards: CardRenderer;
  /** The bot's state (embedded file, PostgreSQL, or memory in tests); the caller closes it. */
  state: StateBackend;
  logger: Logger;
  subscriptions?: SubscriptionCommands | null;
  /**
   * Extra botbuilder authentication settings (e.g. a local OpenID metadata URL for tests);
   * merged over the credentials from the configuration.
   */
  authOverrides?: ConfigurationBotFrameworkAuthenticationOptions;
  /** How hard to try each call to the Bot Connector (tests shorten it); defaults otherwise. */
  replyPolicy?: Partial<ReplyPolicy>;
  /** How the token signing keys are fetched and kept (tests shorten the waits); defaults otherwise. */
  signingKeys?: Omit<OpenIdKeysOptions, 'metadataUrl'>;
  /** Adds further routes (the alerts part's run endpoint) before the server starts. */
  routes?: (server: restify.Server) => void;
}

/** A running (or ready to run) bot server. */
export interface BotServer {
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandlerBase;
  /** Starts listening (on the configured host unless given); port 0 picks a free one. Resolves with the bound port. */
  listen(port?: number, host?: string): Promise<number>;
  /** Stops accepting requests, waits for turns in flight, flushes the state. */
  close(): Promise<void>;
}

/** A request body that could not be read as an activity. */
class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request body, up to `limit` bytes; beyond that the rest is read and dropped while the
 * 413 goes out (the connection then closes). Stream events rather than `for await`: the
 * iterator's promise per chunk was a noticeable part of a turn.
 */
function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(new BodyError(413, 'request body too large'));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Reads and parses a JSON body up to `limit` bytes. */
async function readJsonBody(req: Request, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyError(413, 'request body too large');
  const raw = await readBody(req, limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BodyError(400, 'request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BodyError(400, 'request body must be a JSON object (an activity)');
  }
  if (typeof (parsed as { type?: unknown }).type !== 'string') {
    throw new BodyError(400, 'activity has no type');
  }
  const problem = activityShapeProblem(parsed as Record<string, unknown>);
  if (problem) throw new BodyError(400, `not a valid activity: ${problem}`);
  return parsed as Record<string, unknown>;
}

/**
 * CloudAdapter with the turn started from a request the gate has already authenticated.
 * (CloudAdapter.process authenticates by itself, and answers its failures with the internal
 * error's text and a stack trace on the console.)
 */
class AdmittedCloudAdapter extends CloudAdapter {
  /** Runs the turn of an admitted activity; resolves with the invoke response, if any. */
  runAdmitted(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** An activity as botbuilder's CloudAdapter.process makes it from a body: timestamps as dates, the raw strings kept. */
function toActivity(body: Record<string, unknown>): Activity {
  const activity = body as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return activity as unknown as Activity;
}

/** The newest date the data speaks for: the newest document report date. */
function dataAsOf(assistant: Assistant): string | null {
  const dates = assistant.data.documents.map((d) => d.reportDate).filter((d): d is string => d !== null);
  return dates.length === 0 ? null : dates.sort().at(-1)!;
}

/** Builds the server; call listen() to start it. */
export function createBotServer(options: BotServerOptions): BotServer {
  const { config, logger } = options;
  const auth = config.auth;
  const authOptions: ConfigurationBotFrameworkAuthenticationOptions = auth
    ? {
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword ?? undefined,
        MicrosoftAppType: auth.appType,
        MicrosoftAppTenantId: auth.tenantId ?? undefined,
        ...options.authOverrides,
      }
    : { ...options.authOverrides };
  const serviceUrls = new ServiceUrlPolicy(config.serviceHosts);
  // Replies go through a transport with timeouts and bounded retries (botbuilder has neither).
  const replyTransport = new ReplyTransport(logger, options.replyPolicy, serviceUrls);
  const clientOptions = {
    httpClient: replyTransport,
  } as unknown as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4];
  const botAuth = new ReusingAuthentication(
    new ConfigurationBotFrameworkAuthentication(authOptions, undefined, undefined, undefined, clientOptions),
  );
  const adapter = new AdmittedCloudAdapter(botAuth);
  const keys = auth
    ? new OpenIdKeys({
        ...options.signingKeys,
        metadataUrl: authOptions.ToBotFromChannelOpenIdMetadataUrl ?? CHANNEL_OPENID_METADATA_URL,
      })
    : null;
  const gate = new RequestGate({
    botAuth,
    channel:
      auth && keys
        ? {
            appId: auth.appId,
            issuer: authOptions.ToBotFromChannelTokenIssuer ?? CHANNEL_TOKEN_ISSUER,
            callerId: authOptions.CallerId ?? PUBLIC_AZURE_CALLER_ID,
            replyAudience:
              authOptions.ToChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
            keys,
          }
        : null,
    serviceUrls,
    tenants: new TenantGate(config.allowedTenants),
    log: new ThrottledLog(logger),
  });
  /** Answers the connector did not take (after the retries): the user saw nothing. */
  let lostReplies = 0;

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Details go to the log; the user gets a plain apology, never a stack trace.
    logger.error(
      {
        err: { name: error.name, message: error.message, stack: error.stack },
        activityType: context.activity.type,
      },
      'turn failed',
    );
    // When the connector itself has just failed every retry, an apology through it would only
    // fail again, after as long again: the turn ends now instead.
    const connectorDown = error instanceof ReplyDeliveryError || error.name === 'ReplyDeliveryError';
    // The connector client throws a RestError with the status when the connector refuses (403, 404).
    const refusedByConnector =
      error.name === 'RestError' && typeof (error as { statusCode?: unknown }).statusCode === 'number';
    if (connectorDown || refusedByConnector) {
      lostReplies += 1;
      logger.warn(
        {
          activityType: context.activity.type,
          conversationType: context.activity.conversation?.conversationType ?? null,
        },
        'reply lost: the Bot Connector did not take it',
      );
    }
    if (context.activity.type === 'message' && !connectorDown) {
      try {
        await context.sendActivity(
          MessageFactory.text(botMessage('failed', langFromLocale(context.activity.locale))),
        );
      } catch (sendError) {
        logger.error({ err: String(sendError) }, 'could not send the error message');
      }
    }
  };

  // With shared state (several instances) a user's questions count once, whichever instance gets them.
  const shared = options.state.questionLimits;
  const questionRate = shared
    ? new SharedQuestionRateLimit(shared, config.questionRate, (err) =>
        logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'question limit not checked: shared state unavailable',
        ),
      )
    : new QuestionRateLimit(config.questionRate);
  // And a user over the limit is told to slow down once per minute, not once per instance.
  const slowDownNotices = shared
    ? new SharedSlowDownNotices(shared, SLOW_DOWN_WINDOW_MS, (err) =>
        logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'slow-down notice kept by this instance alone: shared state unavailable',
        ),
      )
    : undefined;
  const bot = new BudgetTeamsBot({
    assistant: options.assistant,
    cards: options.cards,
    conversations: options.state.conversations,
    logger,
    subscriptions: options.subscriptions ?? null,
    adminUserIds: config.adminUserIds,
    questionRate,
    slowDownNotices,
  });

  const server = restify.createServer({ name: 'budget-bot', handleUncaughtExceptions: false });
  // A client that trickles its headers or body must not hold a socket for minutes: Teams sends
  // a whole activity at once, and a turn (with the reply transport's deadline) ends well within.
  server.server.headersTimeout = 10_000;
  server.server.requestTimeout = 30_000;
  // Node closes an idle keep-alive connection after 5 s; a client that reuses it at that moment
  // gets ECONNRESET and the activity is lost. Keep connections longer than the load balancers
  // and connector clients in front keep theirs idle (60 s is common); clients that read the
  // Keep-Alive hint close theirs a second before this.
  server.server.keepAliveTimeout = 65_000;
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | null = null;

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (closing) {
      res.header('Connection', 'close');
      res.send(503, { error: 'shutting down' });
      return;
    }
    inFlight += 1;
    try {
      let body: Record<string, unknown>;
      try {
        body = await readJsonBody(req, config.maxBodyBytes);
      } catch (err) {
        if (err instanceof BodyError) {
          // Refused input is worth seeing in the log (abuse shows up), but never its content.
          logger.info({ status: err.status, reason: err.message }, 'request refused');
          if (err.status === 413) res.header('Connection', 'close');
          res.send(err.status, { error: err.message });
          return;
        }
        throw err;
      }
      const activity = toActivity(body);
      const header = req.headers.authorization;
      const admission = await gate.admit(activity, typeof header === 'string' ? header : '');
      if (!admission.admitted) {
        if (admission.retryAfterSeconds) res.header('Retry-After', String(admission.retryAfterSeconds));
        res.send(admission.status, { error: admission.error });
        return;
      }
      const invokeResponse = await adapter.runAdmitted(admission.auth, activity, (context) =>
        bot.run(context),
      );
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.status, invokeResponse.body);
      else res.send(invokeResponse?.status ?? 200);
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.message : String(err) }, 'request failed');
      if (!res.headersSent)
        res.send(err instanceof Error && err.name === 'ZodError' ? 400 : 500, { error: 'request failed' });
    } finally {
      inFlight -= 1;
      if (closing && inFlight === 0) drained?.();
    }
  });

  /** Whether this instance may take traffic: the store is loaded and the state can be used. */
  const readiness = async () => {
    const reasons: string[] = [];
    if (options.assistant.data.facts.length === 0) reasons.push('budget store not loaded');
    const state = await options.state.report();
    if (!state.ok) reasons.push(`bot state not usable: ${state.problem ?? 'unknown problem'}`);
    return { ready: reasons.length === 0, reasons };
  };

  server.get('/healthz', async (_req: Request, res: Response) => {
    const state = await options.state.report();
    const facts = options.assistant.data.facts.length;
    const serving = facts > 0 && state.ok;
    // A refused store file is not ok, yet the bot answers from its last good data: 200, so that
    // a probe does not restart it (a restart would load the refused file).
    const refused = options.assistant.storeHealth?.() ?? { problem: null, since: null };
    res.send(serving ? 200 : 503, {
      status: serving && refused.problem === null ? 'ok' : 'degraded',
      ready: serving,
      store: {
        loaded: facts > 0,
        facts,
        documents: options.assistant.data.documents.length,
        asOf: dataAsOf(options.assistant),
        problem: refused.problem,
        problemSince: refused.since,
      },
      state,
      // Connector trouble is reported but does not make the bot unhealthy: it is the channel's.
      connector: { ...replyTransport.health(), lostReplies },
      mode: auth ? 'authenticated' : 'anonymous',
      ...(keys ? { signingKeys: keys.health() } : {}),
    });
  });

  // Liveness: the process serves requests (a platform restarts it when this fails). It never
  // depends on the data, so a bad store does not make the platform restart a bot that is
  // still answering from the previous one.
  server.get('/livez', async (_req: Request, res: Response) => {
    res.send(200, { status: 'alive' });
  });

  // Readiness: send traffic here (a load balancer or App Service's health check asks this).
  server.get('/readyz', async (_req: Request, res: Response) => {
    const { ready, reasons } = await readiness();
    res.send(ready ? 200 : 503, { ready, reasons });
  });

  registerPolicyPages(server, logger);

  options.routes?.(server);

  return {
    server,
    adapter,
    bot,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    async close() {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      server.server.closeIdleConnections?.();
      await stopped;
      await options.state.flush();
    },
  };
}
