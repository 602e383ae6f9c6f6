/**
 * The HTTP side: restify with the botbuilder CloudAdapter on POST /api/messages, and GET
 * /healthz. Reads request bodies itself so that malformed JSON gets 400 and an oversized body
 * 413 before botbuilder sees them; closes gracefully (stop accepting, finish turns, flush state).
 */
import type { AddressInfo } from 'node:net';
import {
  type ActivityHandlerBase,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import restify, { type Request, type Response } from 'restify';
import { activityShapeProblem } from './bot/activity-shape';
import { botMessage, langFromLocale } from './bot/bot-messages';
import { BudgetTeamsBot } from './bot/budget-teams-bot';
import type { Assistant, CardRenderer } from './bot/ports';
import { QuestionRateLimit, SharedQuestionRateLimit } from './bot/question-rate-limit';
import { ReplyDeliveryError, type ReplyPolicy, ReplyTransport } from './bot/reply-transport';
import { StrictAuthentication } from './bot/strict-authentication';
import type { SubscriptionCommands } from './bot/subscription-commands';
import type { Config } from './config';
import type { StateBackend } from './store/state-ports';

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
  /** Adds further routes (the alerts part's run endpoint) before the server starts. */
  routes?: (server: restify.Server) => void;
}

/** A running (or ready to run) bot server. */
export interface BotServer {
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandlerBase;
  /** Starts listening; port 0 picks a free one. Resolves with the bound port. */
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

/** Reads and parses a JSON body up to `limit` bytes. */
async function readJsonBody(req: Request, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyError(413, 'request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, 'request body too large');
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
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
  // Replies go through a transport with timeouts and bounded retries (botbuilder has neither).
  const replyTransport = new ReplyTransport(logger, options.replyPolicy);
  const clientOptions = {
    httpClient: replyTransport,
  } as unknown as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4];
  const adapter = new CloudAdapter(
    new StrictAuthentication(
      new ConfigurationBotFrameworkAuthentication(
        authOptions,
        undefined,
        undefined,
        undefined,
        clientOptions,
      ),
    ),
  );

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
  const bot = new BudgetTeamsBot({
    assistant: options.assistant,
    cards: options.cards,
    conversations: options.state.conversations,
    logger,
    subscriptions: options.subscriptions ?? null,
    allowedTenants: config.allowedTenants,
    adminUserIds: config.adminUserIds,
    questionRate,
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
      (req as Request & { body: unknown }).body = body;
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.message : String(err) }, 'request failed');
      if (!res.headersSent)
        res.send(err instanceof Error && err.name === 'ZodError' ? 400 : 500, { error: 'request failed' });
    } finally {
      inFlight -= 1;
      if (closing && inFlight === 0) drained?.();
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    const state = await options.state.report();
    const facts = options.assistant.data.facts.length;
    const serving = facts > 0 && state.ok;
    // A refused store file is not ok, yet the bot answers from its last good data: 200, so that
    // a probe does not restart it (a restart would load the refused file).
    const refused = options.assistant.storeHealth?.() ?? { problem: null, since: null };
    res.send(serving ? 200 : 503, {
      status: serving && refused.problem === null ? 'ok' : 'degraded',
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
      connector: replyTransport.health(),
      mode: auth ? 'authenticated' : 'anonymous',
    });
  });

  options.routes?.(server);

  return {
    server,
    adapter,
    bot,
    listen(port = config.port, host = '0.0.0.0') {
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
