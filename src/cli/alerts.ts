/**
 * `npm run alerts -- [--store STORE] [--state STATE] [--dry-run] [--resend-uncertain] [--json]`:
 * evaluates the alert rules now over the store and the bot's state (subscriptions, alert log)
 * and prints what would be sent (--dry-run) or what was sent, then the subscriptions that are
 * paused and the deliveries that are uncertain. Credentials come from the environment as for
 * the bot.
 *
 * The embedded state file has one writer. While a bot holds it, this command does not touch the
 * file: it asks that bot to run (POST /api/alerts/run with ALERTS_RUN_SECRET) and prints the
 * bot's answer. With STATE_URL (PostgreSQL) it runs here, coordinated with the instances like
 * any of them.
 */
import os from 'node:os';
import pino from 'pino';
import type { RunSummary } from '../alerts/alert-routes';
import { runSummary } from '../alerts/alert-routes';
import { createAlertService } from '../alerts/alert-service';
import { type Config, loadConfig } from '../config';
import { BudgetBotError } from '../domain';
import { openState } from '../store/open-state';
import { describeHolder, type LockHolder, StateLockedError } from '../store/state-file-lock';

const USAGE =
  'usage: npm run alerts -- [--store STORE] [--state STATE] [--dry-run] [--resend-uncertain] [--json]';

/** How long to wait for a bot that runs the alerts for this command (delivery is paced: 50 a second). */
const ASK_BOT_TIMEOUT_MS = 30 * 60_000;

/** Parsed command line. */
export interface AlertsArgs {
  store: string | null;
  state: string | null;
  dryRun: boolean;
  resendUncertain: boolean;
  json: boolean;
}

/** Parses the command line; throws BudgetBotError with the usage on anything unknown. */
export function parseAlertsArgs(argv: readonly string[]): AlertsArgs {
  const out: AlertsArgs = { store: null, state: null, dryRun: false, resendUncertain: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, null];
    if (flag === '--store' || flag === '--state') {
      const value = inline ?? argv[++i];
      if (!value) throw new BudgetBotError(`${flag} needs a file\n${USAGE}`, 'bad_input');
      out[flag === '--store' ? 'store' : 'state'] = value;
    } else if (arg === '--dry-run') out.dryRun = true;
    else if (arg === '--resend-uncertain') out.resendUncertain = true;
    else if (arg === '--json') out.json = true;
    else throw new BudgetBotError(`unknown argument "${arg}"\n${USAGE}`, 'bad_input');
  }
  return out;
}

/** The human-readable report of a run, from its summary (a run here or the bot's answer). */
export function formatRun(r: RunSummary): string {
  const lines: string[] = [];
  for (const m of r.messages) {
    const status = r.dryRun
      ? 'would send'
      : m.status === 'sent'
        ? `sent (${m.attempts} attempt${m.attempts === 1 ? '' : 's'})`
        : `${m.status}: ${m.error ?? ''}`;
    lines.push(`── ${m.conversationId} · subscription ${m.subscriptionId} · ${status}`);
    lines.push(m.text);
    lines.push('');
  }
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  lines.push(
    `${r.dryRun ? 'dry run: ' : ''}${r.positions} cost centres, ${r.evaluated} subscriptions evaluated (${r.pausedBefore} paused); ` +
      `${n(r.planned, 'message')} ${r.dryRun ? 'would send' : 'to send'}` +
      (r.dryRun
        ? ''
        : `: ${r.sent} sent, ${r.failed} failed, ${r.uncertain} uncertain, ${r.paused} subscriptions paused`) +
      `; ${r.alreadySent} already sent, ${r.quiet} held by a quiet period, ${r.heldUncertain} held as uncertain, ${r.givenUp} given up after repeated failures.`,
  );
  if (r.tookOverFrom) lines.push(`This run took over from ${r.tookOverFrom}, which stopped mid-run.`);
  if (r.abandoned > 0)
    lines.push(`${n(r.abandoned, 'alert')} of a stopped run marked uncertain (they may have arrived).`);
  if (r.claimedElsewhere > 0)
    lines.push(`${n(r.claimedElsewhere, 'alert')} sent by an overlapping run instead.`);
  if (r.leaseLost) lines.push('This run lost its lease to another instance, which finishes the rest.');
  const paused = r.pausedSubscriptions ?? [];
  if (paused.length > 0) {
    lines.push(
      '',
      `Paused subscriptions (${paused.length}): nothing reaches these until the bot is added back.`,
    );
    for (const p of paused)
      lines.push(
        `  ${p.id} · ${p.conversationId} · ${p.costCentre ?? 'all cost centres'} · since ${p.pausedAt ?? '?'} · ${p.reason ?? ''}`,
      );
  }
  const uncertain = r.uncertainDeliveries ?? [];
  if (uncertain.length > 0) {
    lines.push(
      '',
      `Uncertain deliveries (${uncertain.length}): they may have arrived, so they are not sent again; --resend-uncertain sends them, marked as possible repeats.`,
    );
    for (const u of uncertain) {
      const what = u.findings.map((f) => `${f.costCentre} ${f.rule} ${f.step}`).join(', ');
      lines.push(
        `  ${u.conversationId} · subscription ${u.subscriptionId} · since ${u.since} · ${u.error ?? ''}`,
      );
      lines.push(`    ${what} (data of ${u.findings[0]?.asOf ?? '?'})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the alerts in this process, over state it may open. */
async function runHere(config: Config, args: AlertsArgs, logger: pino.Logger): Promise<RunSummary> {
  const { state, notices } = await openState(config, { role: 'alerts', logger });
  try {
    for (const problem of notices) process.stderr.write(`warning: ${problem}\n`);
    const service = createAlertService({ config, state, logger });
    const result = await service.run({ dryRun: args.dryRun, resendUncertain: args.resendUncertain });
    return runSummary(result, await service.attention());
  } finally {
    await state.close();
  }
}

/**
 * Asks the bot that holds the state file to run the alerts (the file has one writer), and
 * resolves with its summary; throws a plain message when it cannot be asked.
 */
async function askTheBot(holder: LockHolder, config: Config, args: AlertsArgs): Promise<RunSummary> {
  const held = `the state file ${config.statePath} is held by ${describeHolder(holder)}`;
  if (holder.role !== 'bot' || !holder.url || holder.host !== os.hostname()) {
    throw new BudgetBotError(`${held}; run this command when it has finished`, 'bad_config', 'STATE_PATH');
  }
  const secret = config.alerts.runSecret;
  if (!secret) {
    throw new BudgetBotError(
      `${held}; this command asks that bot to run the alerts, which needs ALERTS_RUN_SECRET set here as for the bot`,
      'bad_config',
      'ALERTS_RUN_SECRET',
    );
  }
  const url = new URL('/api/alerts/run', holder.url);
  if (args.dryRun) url.searchParams.set('dryRun', 'true');
  if (args.resendUncertain) url.searchParams.set('resendUncertain', 'true');
  process.stderr.write(`${held}: asking it to run the alerts (${url.origin})\n`);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
      signal: AbortSignal.timeout(ASK_BOT_TIMEOUT_MS),
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new BudgetBotError(`could not reach the bot at ${url.origin}: ${why}`, 'io', 'STATE_PATH');
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 200) return body as unknown as RunSummary;
  const said = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
  const hint =
    res.status === 401
      ? " (ALERTS_RUN_SECRET here differs from the bot's)"
      : res.status === 503
        ? ' (the bot has no ALERTS_RUN_SECRET)'
        : '';
  throw new BudgetBotError(`the bot did not run the alerts: ${said}${hint}`, 'io', url.origin);
}

async function main(): Promise<void> {
  const args = parseAlertsArgs(process.argv.slice(2));
  const env = { ...process.env };
  if (args.store) env.STORE_PATH = args.store;
  if (args.state) env.STATE_PATH = args.state;
  const config = loadConfig(env);
  // Warnings and errors only, to stderr: stdout carries the report (or the JSON).
  const logger = pino({ level: 'warn' }, pino.destination(2));
  let summary: RunSummary;
  try {
    summary = await runHere(config, args, logger);
  } catch (err) {
    if (!(err instanceof StateLockedError)) throw err;
    summary = await askTheBot(err.holder, config, args);
  }
  process.stdout.write(args.json ? `${JSON.stringify(summary)}\n` : formatRun(summary));
}

main().catch((err: unknown) => {
  // Expected failures get their message; anything else a short line, never a stack trace.
  const message =
    err instanceof BudgetBotError
      ? err.message
      : `alerts failed: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${message}\n`);
  process.exit(err instanceof BudgetBotError && err.code === 'bad_input' ? 2 : 1);
});
