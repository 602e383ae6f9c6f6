import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Server } from 'restify';
import { renderAlertCard } from '../cards/alert-card';
import { type CardContext, cardContextOf, NO_CONTEXT } from '../cards/card-context';
import type { Config } from '../config';
import type { StateStore } from '../store/state-store';
import { cardRenderer } from './alert-cards';
import { registerAlertRoutes } from './alert-routes';
import { AlertRunner, type AlertRunResult } from './alert-run';
import { type AlertSchedule, startAlertSchedule } from './alert-schedule';
import { BotNotifier } from './bot-notifier';
import { type Clock, systemClock } from './clock';
import { loadBudgetData } from './load-budget-data';
import type { Notifier } from './notifier';
import type { RetryPolicy } from './retry-policy';
import { StateStoreAlertState } from './state-store-alert-state';

/** The minimal logger the alerts use (pino fits). */
export interface AlertLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What the alert service is built from. */
export interface AlertServiceOptions {
  config: Pick<Config, 'auth' | 'storePath' | 'alerts'>;
  state: StateStore;
  logger: AlertLogger;
  /** Defaults to proactive messages through botbuilder with the stored conversation references. */
  notifier?: Notifier;
  clock?: Clock;
  /** Extra botbuilder authentication settings (tests), as for the bot's adapter. */
  authOverrides?: ConfigurationBotFrameworkAuthenticationOptions;
  /** Retry policy of the sender; the default waits 0.5 s doubling up to 30 s, 5 attempts. */
  retry?: RetryPolicy;
}

/** Alerts wired for the server and the CLI: run now, the run endpoint, the daily schedule. */
export interface AlertService {
  /** Reads the store fresh, evaluates, and (unless dryRun) delivers. */
  run(opts?: { dryRun?: boolean }): Promise<AlertRunResult>;
  /** Adds POST /api/alerts/run to the bot's restify server. */
  registerRoutes(server: Server): void;
  /** Starts the daily run (null when ALERTS_ENABLED=false). */
  startSchedule(): AlertSchedule | null;
}

/** Authentication options for the proactive adapter, from the bot's configuration. */
export function authOptionsOf(config: Pick<Config, 'auth'>): ConfigurationBotFrameworkAuthenticationOptions {
  const a = config.auth;
  return a
    ? {
        MicrosoftAppId: a.appId,
        MicrosoftAppPassword: a.appPassword ?? undefined,
        MicrosoftAppType: a.appType,
        MicrosoftAppTenantId: a.tenantId ?? undefined,
      }
    : {};
}

/** Builds the alert service over the bot's state store. */
export function createAlertService(opts: AlertServiceOptions): AlertService {
  const alertState = new StateStoreAlertState(opts.state);
  const notifier =
    opts.notifier ??
    BotNotifier.create({ ...authOptionsOf(opts.config), ...opts.authOverrides }, (id) =>
      alertState.conversationReference(id),
    );
  // Alert cards name source documents by title: the titles of the store each run reads.
  let titles: CardContext = NO_CONTEXT;
  const runner = new AlertRunner({
    state: alertState,
    notifier,
    clock: opts.clock ?? systemClock,
    render: cardRenderer(renderAlertCard, (file) => titles.documentTitle(file)),
    ...(opts.retry ? { sender: { retry: opts.retry } } : {}),
  });
  const run = async (o: { dryRun?: boolean } = {}): Promise<AlertRunResult> => {
    const data = await loadBudgetData(opts.config.storePath);
    titles = cardContextOf(data.documents);
    const result = await runner.run(data, o);
    opts.logger.info(
      {
        runId: result.runId,
        dryRun: result.dryRun,
        planned: result.plan.groups.length,
        sent: result.sent,
        failed: result.failed,
        paused: result.paused,
        quiet: result.plan.quiet,
      },
      'alert run finished',
    );
    return result;
  };
  return {
    run,
    registerRoutes(server) {
      registerAlertRoutes(server, {
        secret: opts.config.alerts.runSecret,
        trigger: run,
        logError: (err) =>
          opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'alert run failed'),
      });
    },
    startSchedule() {
      return startAlertSchedule({
        enabled: opts.config.alerts.enabled,
        time: opts.config.alerts.time,
        timeZone: opts.config.alerts.timeZone,
        run: () => run(),
        onError: (err) =>
          opts.logger.error(
            { err: err instanceof Error ? err.message : String(err) },
            'scheduled alert run failed',
          ),
      });
    },
  };
}
