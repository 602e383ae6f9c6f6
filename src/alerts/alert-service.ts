import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Server } from 'restify';
import { renderAlertCard } from '../cards/alert-card';
import { type CardContext, cardContextOf, NO_CONTEXT } from '../cards/card-context';
import type { Config } from '../config';
import { pausedSummary, type StateBackend } from '../store/state-ports';
import { cardRenderer } from './alert-cards';
import { type Attention, registerAlertRoutes, uncertainDeliveries } from './alert-routes';
import { AlertRunner, type AlertRunResult, DEFAULT_LEASE_MS } from './alert-run';
import { type AlertSchedule, startAlertSchedule } from './alert-schedule';
import { BotNotifier } from './bot-notifier';
import { type Clock, systemClock } from './clock';
import { loadBudgetData } from './load-budget-data';
import type { Notifier } from './notifier';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

/** The minimal logger the alerts use (pino fits). */
export interface AlertLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The configuration the alerts read (leaseSeconds defaults to a minute). */
export type AlertServiceConfig = Pick<Config, 'auth' | 'storePath'> & {
  alerts: Omit<Config['alerts'], 'leaseSeconds'> & { leaseSeconds?: number };
};

/** What the alert service is built from. */
export interface AlertServiceOptions {
  config: AlertServiceConfig;
  state: StateBackend;
  logger: AlertLogger;
  /** Defaults to proactive messages through botbuilder with the stored conversation references. */
  notifier?: Notifier;
  clock?: Clock;
  /** Extra botbuilder authentication settings (tests), as for the bot's adapter. */
  authOverrides?: ConfigurationBotFrameworkAuthenticationOptions;
  /** Retry policy of the sender; the default waits 0.5 s doubling up to 30 s, 5 attempts, 30 s each. */
  retry?: RetryPolicy;
  /** This process as other instances see it (default host:pid). */
  instance?: string;
}

/** Options of a run asked for now. */
export interface RunNowOptions {
  dryRun?: boolean;
  /** Send uncertain deliveries again, marked as possible repeats. */
  resendUncertain?: boolean;
}

/** Alerts wired for the server and the CLI: run now, the daily run, the run endpoint, the schedule. */
export interface AlertService {
  /** Reads the store fresh, evaluates, and (unless dryRun) delivers. */
  run(opts?: RunNowOptions): Promise<AlertRunResult>;
  /** Today's daily run, once across instances; null when another instance did (or does) it. */
  runDaily(): Promise<AlertRunResult | null>;
  /** Paused subscriptions and uncertain deliveries: what needs an operator's eye. */
  attention(): Promise<Attention>;
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

/** The calendar day (YYYY-MM-DD) of `ms` in `timeZone`: the daily run's identity. */
export function dayIn(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

/** Builds the alert service over the bot's state. */
export function createAlertService(opts: AlertServiceOptions): AlertService {
  const { state } = opts;
  const clock = opts.clock ?? systemClock;
  const retry = opts.retry ?? DEFAULT_RETRY_POLICY;
  const notifier =
    opts.notifier ??
    BotNotifier.create(
      { ...authOptionsOf(opts.config), ...opts.authOverrides },
      (id) => state.conversations.reference(id),
      { attemptTimeoutMs: retry.attemptTimeoutMs },
    );
  // Alert cards name source documents by title: the titles of the store each run reads.
  let titles: CardContext = NO_CONTEXT;
  const runner = new AlertRunner({
    subscriptions: state.subscriptions,
    alertLog: state.alertLog,
    leases: state.alertRuns,
    notifier,
    clock,
    render: cardRenderer(renderAlertCard, (file) => titles.documentTitle(file)),
    sender: { retry },
    instance: opts.instance,
    leaseMs: opts.config.alerts.leaseSeconds ? opts.config.alerts.leaseSeconds * 1000 : DEFAULT_LEASE_MS,
  });
  const logRun = (result: AlertRunResult): AlertRunResult => {
    opts.logger.info(
      {
        runId: result.runId,
        dryRun: result.dryRun,
        planned: result.plan.groups.length,
        sent: result.sent,
        failed: result.failed,
        paused: result.paused,
        uncertain: result.uncertain,
        claimedElsewhere: result.claimedElsewhere,
        abandoned: result.abandoned,
        tookOverFrom: result.tookOverFrom?.instance ?? null,
        leaseLost: result.leaseLost,
        quiet: result.plan.quiet,
      },
      'alert run finished',
    );
    return result;
  };
  // Each run reads the store afresh, and its documents' titles with it.
  const load = async () => {
    const data = await loadBudgetData(opts.config.storePath);
    titles = cardContextOf(data.documents);
    return data;
  };
  const run = async (o: RunNowOptions = {}): Promise<AlertRunResult> =>
    logRun(await runner.run(await load(), o));
  let stopped = false;
  const runDaily = async (): Promise<AlertRunResult | null> => {
    const day = dayIn(clock.now(), opts.config.alerts.timeZone);
    const result = await runner.runDaily(
      () => load(),
      day,
      () => stopped,
    );
    if (result) return logRun(result);
    opts.logger.info({ day, instance: runner.instance }, 'daily alert run already done by an instance');
    return null;
  };
  const attention = async (): Promise<Attention> => ({
    pausedSubscriptions: (await state.subscriptions.listPaused()).map(pausedSummary),
    uncertainDeliveries: uncertainDeliveries(await state.alertLog.listUncertain()),
  });
  return {
    run,
    runDaily,
    attention,
    registerRoutes(server) {
      registerAlertRoutes(server, {
        secret: opts.config.alerts.runSecret,
        trigger: run,
        daily: runDaily,
        attention,
        logError: (err) =>
          opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'alert run failed'),
      });
    },
    startSchedule() {
      const schedule = startAlertSchedule({
        enabled: opts.config.alerts.enabled,
        time: opts.config.alerts.time,
        timeZone: opts.config.alerts.timeZone,
        run: () => runDaily(),
        onError: (err) =>
          opts.logger.error(
            { err: err instanceof Error ? err.message : String(err) },
            'scheduled alert run failed',
          ),
      });
      if (!schedule) return null;
      return {
        nextRun: () => schedule.nextRun(),
        stop: () => {
          // A run waiting for another instance's lease gives up; one delivering finishes its message.
          stopped = true;
          schedule.stop();
        },
      };
    },
  };
}
