/**
 * `npm start`: loads the configuration, the budget store and the bot state, and serves the bot
 * on PORT. Exits with a plain message naming the cause when configuration or store is bad;
 * once running, stops gracefully on SIGTERM/SIGINT and never dies on a bad request.
 */
import { unwatchFile, watchFile } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { createAlertService } from './alerts/alert-service';
import { knownCostCentres, SubscriptionHandler } from './alerts/subscription-handler';
import { BudgetAssistant } from './assistant/budget-assistant';
import type { CardRenderer } from './bot/ports';
import { ReloadableAssistant } from './bot/reloadable-assistant';
import { cardSizeBytes, renderAnswerCard, renderErrorCard, renderWelcomeCard } from './cards';
import { type Config, loadConfig } from './config';
import { BudgetBotError } from './domain/errors';
import { createBotServer } from './server';
import { openState } from './store/open-state';
import { redactedUrl } from './store/postgres-state';

/** The card renderers of src/cards, as the bot sees them. */
export const cards: CardRenderer = { renderAnswerCard, renderErrorCard, renderWelcomeCard, cardSizeBytes };

/** Starts the bot server from a configuration; resolves with a function that stops it. */
export async function startBot(
  config: Config,
  logger: pino.Logger,
): Promise<{ port: number; stop: () => Promise<void>; reload: () => Promise<void> }> {
  const assistant = new ReloadableAssistant(await BudgetAssistant.load(config.storePath), () =>
    BudgetAssistant.load(config.storePath),
  );
  // PostgreSQL (STATE_URL) or the embedded file, locked to this process (a second one is
  // refused, naming this one) and watched: deleted, corrupted or unwritable shows in /healthz.
  const opened = await openState(config, { role: 'bot', logger, watch: true });
  const { state } = opened;
  for (const problem of opened.notices) logger.warn({ problem }, 'bot state file');
  let server: ReturnType<typeof createBotServer>;
  let port: number;
  let schedule: ReturnType<ReturnType<typeof createAlertService>['startSchedule']>;
  try {
    const subscriptions = new SubscriptionHandler({
      subscriptions: state.subscriptions,
      adminsConfigured: config.adminUserIds.length > 0,
      knownCostCentre: knownCostCentres(() => assistant.data),
      budget: () => assistant.data,
    });
    const alerts = createAlertService({ config, state, logger });
    server = createBotServer({
      config,
      assistant,
      cards,
      state,
      logger,
      subscriptions,
      routes: (restifyServer) => alerts.registerRoutes(restifyServer),
    });
    port = await server.listen(config.port);
    // `npm run alerts` finds the bot that holds the file here, and asks it to run instead.
    const address = server.server.server.address() as AddressInfo | null;
    const host = !address || ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
    await opened.lock?.setUrl(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    schedule = alerts.startSchedule();
  } catch (err) {
    await state.close().catch(() => undefined);
    throw err;
  }

  // A new store (npm run ingest) is taken into use without a restart; a broken one leaves the
  // old in place. Checked by polling the file's modification time, which survives the atomic
  // rename the ingest does.
  const reload = async () => {
    try {
      await assistant.reload();
      logger.info(
        { facts: assistant.data.facts.length, storePath: config.storePath },
        'budget store reloaded',
      );
    } catch (err) {
      logger.error(
        { err: err instanceof Error ? err.message : String(err), storePath: config.storePath },
        'budget store not reloaded; still answering from the previous one',
      );
    }
  };
  if (config.storeCheckSeconds > 0) {
    watchFile(
      config.storePath,
      { interval: config.storeCheckSeconds * 1000, persistent: false },
      (now, before) => {
        if (now.mtimeMs !== before.mtimeMs && now.mtimeMs > 0) void reload();
      },
    );
  }

  logger.info(
    {
      port,
      mode: config.auth ? 'authenticated' : 'anonymous',
      facts: assistant.data.facts.length,
      state: config.stateUrl ? redactedUrl(config.stateUrl) : config.statePath,
      nextAlertRun: schedule?.nextRun()?.toISOString() ?? null,
    },
    'budget bot listening on POST /api/messages',
  );
  return {
    port,
    reload,
    stop: async () => {
      unwatchFile(config.storePath);
      schedule?.stop();
      try {
        await server.close();
      } finally {
        await state.close();
      }
    },
  };
}

/** Runs the bot as a process: configuration from the environment, signals, exit codes. */
export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    process.stderr.write(`configuration error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const logger = pino({
    level: config.logLevel,
    redact: ['*.authorization', '*.password', '*.MicrosoftAppPassword'],
  });
  // The process must outlive any bad input: log what escaped and carry on.
  process.on('unhandledRejection', (reason) => logger.error({ err: String(reason) }, 'unhandled rejection'));
  process.on('uncaughtException', (err) =>
    logger.error({ err: { name: err.name, message: err.message, stack: err.stack } }, 'uncaught exception'),
  );

  // The signals are handled from the start: the server answers /healthz before start-up has
  // quite finished (the lock file's URL, the alert schedule), and a SIGTERM in that moment must
  // still stop it gracefully (lock released, state flushed), once it has started.
  let running: Awaited<ReturnType<typeof startBot>> | null = null;
  let stopping = false;
  const finish = (bot: Awaited<ReturnType<typeof startBot>>) =>
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err: String(err) }, 'error while stopping');
        process.exit(1);
      },
    );
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing turns in flight and flushing state');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    if (running) void finish(running);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    running = await startBot(config, logger);
  } catch (err) {
    const message =
      err instanceof BudgetBotError ? err.message : err instanceof Error ? err.message : String(err);
    logger.fatal({ err: message }, 'could not start');
    process.stderr.write(`could not start: ${message}\n`);
    process.exit(1);
  }
  if (stopping) void finish(running);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain || process.env.BUDGET_BOT_MAIN === '1') void main();
